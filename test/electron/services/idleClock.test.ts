import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleClock, realTimers } from '../../../electron/services/idleClock';

const MIN = 60_000;
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function clock(minuteMs = MIN) {
  const fired = vi.fn();
  return { fired, clock: new IdleClock(realTimers, fired, minuteMs) };
}

describe('IdleClock', () => {
  it('fires once after the default 10 idle minutes, then stays stopped', () => {
    const { fired, clock: c } = clock();
    c.start();
    vi.advanceTimersByTime(10 * MIN - 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(c.running).toBe(false);
    vi.advanceTimersByTime(60 * MIN);
    c.activity(); // input after the lock does not restart it
    vi.advanceTimersByTime(60 * MIN);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('starts over at every input', () => {
    const { fired, clock: c } = clock();
    c.start();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(9 * MIN);
      c.activity();
    }
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10 * MIN);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('does not count while stopped (nobody signed in, or locked)', () => {
    const { fired, clock: c } = clock();
    c.activity();
    vi.advanceTimersByTime(120 * MIN);
    c.start();
    c.stop();
    vi.advanceTimersByTime(120 * MIN);
    expect(fired).not.toHaveBeenCalled();
  });

  it('follows the clinic setting, also while counting; a value outside 1–60 falls back to 10', () => {
    const { fired, clock: c } = clock();
    c.start();
    vi.advanceTimersByTime(MIN / 2);
    c.setMinutes(1); // counts 1 minute from the change
    vi.advanceTimersByTime(MIN - 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    for (const bad of [0, 61, 2.5, Number.NaN, -3]) {
      c.setMinutes(bad);
      expect(c.idleMinutes).toBe(10);
    }
    c.setMinutes(60);
    expect(c.idleMinutes).toBe(60);
  });

  it('property: fires exactly when the last input is the set minutes old', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.integer({ min: 0, max: 3_600_000 }), { maxLength: 20 }), (minutes, gaps) => {
        const { fired, clock: c } = clock(1000); // a minute of 1 s keeps the run short
        c.setMinutes(minutes);
        c.start();
        let alive = true;
        for (const gap of gaps) {
          vi.advanceTimersByTime(gap);
          const shouldHaveFired = gap >= minutes * 1000;
          if (shouldHaveFired) alive = false;
          expect(fired.mock.calls.length).toBe(alive ? 0 : 1);
          c.activity();
        }
        c.stop();
      }),
    );
  });
});
