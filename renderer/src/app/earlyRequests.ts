import type { OpResult } from '../../../shared/api';
import type { UnlockView } from '../../../shared/api/unlock';
import type { StageRecord } from '../../../shared/records';
import type { Result } from '../../../shared/result';
import { call } from '../api/client';
import { unlockState } from '../api/unlock';
import { parseRoute } from './route';

/*
 * The page's first questions to the main side, asked as the page starts, while React, the map
 * and the screens are still being loaded and parsed (issue 10: on a fresh page that took as long
 * as the answers, and each question waited for the one before): is the database open and then who is
 * working, and, when the address names a lesion, that lesion, its stages and the settings.
 * The lesion is asked for only once the answers say the lesion page will show it (the database
 * open, someone signed in, not locked, no password change due), as the page itself would: opening
 * a lesion is recorded in the audit trail. Each answer is taken once by the screen that needs it;
 * any later load asks again.
 */

type Answer<T> = Promise<Result<T>>;

interface LesionAnswers {
  readonly lesionId: string;
  readonly lesion: Answer<OpResult<'lesions.get'>>;
  readonly stages: Answer<readonly StageRecord[]>;
  readonly settings: Answer<OpResult<'settings.get'>>;
}

let unlock: Promise<UnlockView> | undefined;
let session: Promise<Result<OpResult<'session.status'>> | null> | undefined;
let lesion: Promise<LesionAnswers | null> | undefined;
const taken = new Set<keyof LesionAnswers>();

export function startEarlyRequests(hash: string): void {
  unlock = unlockState();
  // Only an open database answers for the session (else the main side refuses: 503 on the test host).
  session = unlock.then((u) => (u.state === 'open' ? call('session.status', {}) : null));
  const route = parseRoute(hash);
  if (route.screen !== 'lesion') return;
  const { lesionId } = route;
  lesion = session.then((s): LesionAnswers | null => {
    const user = s?.ok && !s.value.locked ? s.value.user : null;
    if (!user || user.mustChangePassword) return null;
    return {
      lesionId,
      lesion: call('lesions.get', { id: lesionId }),
      stages: call('stages.list', { lesionId }),
      settings: call('settings.get', {}),
    };
  });
}

/** The database's state as the page started; the early answers are dropped unless it was open. */
export function takeEarlyUnlock(): Promise<UnlockView> | undefined {
  const u = unlock;
  unlock = undefined;
  void u?.then((view) => view.state !== 'open' && dropEarlyAnswers());
  return u;
}

/** Who was working as the page started (asked beside the database's state, taken once). */
export function takeEarlySession(): Answer<OpResult<'session.status'>> | undefined {
  const s = session;
  session = undefined;
  return s?.then((answer) => answer ?? call('session.status', {}));
}

/**
 * One of the lesion's early answers, if the page started on this lesion and may show it; else
 * undefined, and the caller asks itself.
 */
export function takeEarlyLesion<K extends 'lesion' | 'stages' | 'settings'>(lesionId: string, what: K): LesionAnswers[K] | undefined {
  const pending = lesion;
  if (!pending || taken.has(what)) return undefined;
  taken.add(what);
  const answer = pending.then((answers): Answer<unknown> => (answers && answers.lesionId === lesionId ? answers[what] : askAgain(lesionId, what)));
  return answer as LesionAnswers[K];
}

function askAgain(lesionId: string, what: 'lesion' | 'stages' | 'settings'): Answer<unknown> {
  if (what === 'lesion') return call('lesions.get', { id: lesionId });
  if (what === 'stages') return call('stages.list', { lesionId });
  return call('settings.get', {});
}

/** The database was not open at the start: whatever was asked then is no answer now. */
export function dropEarlyAnswers(): void {
  session = undefined;
  lesion = undefined;
}
