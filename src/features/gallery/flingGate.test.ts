import { describe, expect, it } from 'vitest';
import { FlingGate } from './flingGate';

/** A gate at 4,000 px/s and 100 ms of quiet, on a hand-driven clock and timers. */
function setup() {
  let clock = 0;
  const timers: { at: number; run: () => void }[] = [];
  const changes: boolean[] = [];
  const gate = new FlingGate({
    fastPxPerSecond: 4000,
    quietMs: 100,
    onChange: (fast) => changes.push(fast),
    now: () => clock,
    later: (run, ms) => {
      const timer = { at: clock + ms, run };
      timers.push(timer);
      return () => void timers.splice(timers.indexOf(timer), 1);
    },
  });
  const wait = (ms: number) => {
    clock += ms;
    for (const t of timers.filter((t) => t.at <= clock)) {
      timers.splice(timers.indexOf(t), 1);
      t.run();
    }
  };
  return { gate, changes, wait, timers };
}

describe('FlingGate', () => {
  it('opens on a fling, stays while it lasts, and closes after quietMs without scrolling', () => {
    const { gate, changes, wait } = setup();
    gate.scrolled(0);
    for (let f = 1; f <= 10; f++) {
      wait(16);
      gate.scrolled(f * 200); // 12,500 px/s
    }
    expect(changes).toEqual([true]);
    wait(99);
    expect(changes).toEqual([true]);
    wait(1);
    expect(changes).toEqual([true, false]);
  });

  it('is not a fling when reading, and ends one when the scrolling slows', () => {
    const { gate, changes, wait } = setup();
    gate.scrolled(0);
    wait(16);
    gate.scrolled(30); // ~1,900 px/s
    expect(changes).toEqual([]);
    wait(16);
    gate.scrolled(330);
    wait(16);
    gate.scrolled(360);
    expect(changes).toEqual([true, false]);
  });

  it('measures the first event after a pause over quietMs: a jump is fast, a wheel tick is not', () => {
    const { gate, changes, wait } = setup();
    gate.scrolled(0);
    wait(5000);
    gate.scrolled(100); // 1,000 px/s over 100 ms
    expect(changes).toEqual([]);
    wait(5000);
    gate.scrolled(1100); // 1,000 px: 10,000 px/s over 100 ms
    expect(changes).toEqual([true]);
  });

  it('leaves no timer after dispose', () => {
    const { gate, wait, timers } = setup();
    gate.scrolled(0);
    wait(16);
    gate.scrolled(1000);
    gate.dispose();
    expect(timers).toHaveLength(0);
  });
});
