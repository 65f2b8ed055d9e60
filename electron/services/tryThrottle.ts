/**
 * The wait between wrong passphrase or recovery-code tries at the unlock page: the first
 * FREE_TRIES wrong tries cost nothing (typing mistakes happen), then each further one makes the
 * next try wait, 30 s doubling up to 15 min. The key derivation (scrypt) already makes each
 * guess slow; this stops a person at the keyboard from trying a list. Kept in memory: a restart
 * starts afresh, which costs an attacker an app restart and the derivation each time.
 */
export const FREE_TRIES = 5;
export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 15 * 60_000;

export class TryThrottle {
  private wrong = 0;
  private until = 0;

  constructor(private readonly now: () => number) {}

  /** How long until the next try is allowed (0: now). */
  waitMs(): number {
    return Math.max(0, this.until - this.now());
  }

  failed(): void {
    this.wrong += 1;
    if (this.wrong < FREE_TRIES) return;
    const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (this.wrong - FREE_TRIES));
    this.until = this.now() + wait;
  }

  succeeded(): void {
    this.wrong = 0;
    this.until = 0;
  }
}
