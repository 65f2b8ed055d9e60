import { useState } from 'react';
import { USER_ROLE_LABELS, type User } from '../../../shared/records';
import type { AppError } from '../../../shared/result';
import { href, type Route } from './route';

const NAV = [
  { label: 'Cases', to: href.cases(), screens: ['cases', 'case', 'lesion'] },
  { label: 'New case', to: href.newCase(), screens: ['new-case'] },
  { label: 'Lab worklist', to: href.worklist(), screens: ['worklist', 'labels'] },
  { label: 'Settings', to: href.settings(), screens: ['settings', 'audit'] },
] as const;

/** App name, where to go, and who is working: visible on every screen. */
export function TopBar({
  user,
  route,
  onSwitchUser,
}: {
  readonly user: User | null;
  readonly route: Route;
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
          {NAV.map((item) => (
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
              Working: <strong>{user.name}</strong> <span className="topbar__role">({USER_ROLE_LABELS[user.role]})</span>
            </span>
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
          <span className="topbar__who">Nobody is signed in</span>
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
