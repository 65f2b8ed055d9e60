import { IDLE_LOCK_MINUTES } from '../../shared/records/settings';

/** The timer functions the clock uses; tests pass fake ones. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Counts idle time while someone is signed in and the session is open: every input resets
 * it, and after the clinic's idle time it fires once, then stays stopped until started
 * again (by the next sign-in or unlock). No Electron here: the glue feeds it input.
 */
export class IdleClock {
  private handle: unknown = null;
  private minutes: number = IDLE_LOCK_MINUTES.default;

  constructor(
    private readonly timers: Timers,
    private readonly onIdle: () => void,
    /** How long a minute lasts: 60 000 ms, shorter only in the test host's e2e runs. */
    private readonly minuteMs = 60_000,
  ) {}

  get running(): boolean {
    return this.handle !== null;
  }

  get idleMinutes(): number {
    return this.minutes;
  }

  /** The clinic setting; a value outside 1–60 (a damaged row) falls back to the default. */
  setMinutes(minutes: number): void {
    const valid = Number.isInteger(minutes) && minutes >= IDLE_LOCK_MINUTES.min && minutes <= IDLE_LOCK_MINUTES.max;
    this.minutes = valid ? minutes : IDLE_LOCK_MINUTES.default;
    if (this.running) this.arm();
  }

  start(): void {
    this.arm();
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  /** Input in a Layermap window: the idle time starts over (only while running). */
  activity(): void {
    if (this.running) this.arm();
  }

  private arm(): void {
    this.stop();
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      this.onIdle();
    }, this.minutes * this.minuteMs);
  }
}
