import { useState } from 'react';
import { mayCall } from '../../../shared/api/roles';
import { rolesLabel, type User } from '../../../shared/records';
import type { AppError } from '../../../shared/result';
import { href, type Route } from './route';

/** Each link shows only to users whose roles may call the operation its page needs, or its other need (a surgeon's own note templates sit in Settings) (shared/api/roles.ts). */
const NAV = [
  { label: 'Cases', to: href.cases(), screens: ['cases', 'case', 'lesion'], needs: 'cases.search' },
  { label: 'New case', to: href.newCase(), screens: ['new-case'], needs: 'cases.create' },
  { label: 'Lab worklist', to: href.worklist(), screens: ['worklist', 'labels'], needs: 'worklist.list' },
  { label: 'Statistics', to: href.statistics(), screens: ['statistics'], needs: 'statistics.practice' },
  { label: 'Settings', to: href.settings(), screens: ['settings', 'audit'], needs: 'settings.update', orNeeds: 'noteTemplates.save' },
] as const;

/** App name, where to go, and who is working: visible on every screen. */
export function TopBar({
  user,
  locked,
  route,
  onLock,
  onSwitchUser,
}: {
  readonly user: User | null;
  readonly locked: boolean;
  readonly route: Route;
  readonly onLock: () => Promise<AppError | null>;
  readonly onSwitchUser: () => Promise<AppError | null>;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <header className="topbar">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <span className="topbar__brand">Layermap</span>
      {user && (
        <nav className="topbar__nav" aria-label="Main">
          {NAV.filter((item) => mayCall(user, item.needs) || ('orNeeds' in item && mayCall(user, item.orNeeds))).map((item) => (
            <a
              key={item.to}
              href={item.to}
              className="topbar__link"
              aria-current={(item.screens as readonly string[]).includes(route.screen) ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
      )}
      <div className="topbar__user">
        {user ? (
          <>
            <span className="topbar__who" data-testid="current-user">
              Working: <strong>{user.name}</strong> <span className="topbar__role">({rolesLabel(user.roles)})</span>
            </span>
            <button
              type="button"
              className="button button--on-dark"
              title="Lock Layermap now; your password unlocks it"
              onClick={() => void onLock().then((error) => setFailure(error ? `Could not lock: ${error.message}` : null))}
            >
              Lock
            </button>
            <button
              type="button"
              className="button button--on-dark"
              onClick={() =>
                void onSwitchUser().then((error) => setFailure(error ? `Could not switch user: ${error.message}` : null))
              }
            >
              Switch user
            </button>
          </>
        ) : (
          <span className="topbar__who">{locked ? 'Locked' : 'Nobody is signed in'}</span>
        )}
      </div>
      {failure && (
        <p className="topbar__failure" role="alert">
          {failure}
        </p>
      )}
    </header>
  );
}
