/**
 * Photos per second over a sliding time window, time-weighted: the count at the window's start is interpolated
 * between the samples around it, so the rate moves smoothly as time passes instead of jumping when a sample (a
 * batch of any size) leaves the window. Paused time is left out. Time is passed in, so it is pure and testable.
 */
export class RateMeter {
  private samples: { at: number; done: number }[] = [];
  private pausedAt: number | null = null;
  constructor(private readonly windowMs: number) {}

  /** Starts over (a new import). */
  reset(): void {
    this.samples = [];
    this.pausedAt = null;
  }

  /** The import paused at `now`: the time until `resume` does not count. */
  pause(now: number): void {
    this.pausedAt ??= now;
  }

  resume(now: number): void {
    if (this.pausedAt === null) return;
    const gap = now - this.pausedAt;
    this.pausedAt = null;
    for (const s of this.samples) s.at += gap; // as if the pause never happened
  }

  /** Records that `done` items are finished at time `now` (ms) and returns the rate over the window. */
  sample(done: number, now: number): number {
    this.samples.push({ at: now, done });
    const from = now - this.windowMs;
    // Keep one sample at or before the window's start, to interpolate from.
    while (this.samples.length > 2 && this.samples[1]!.at <= from) this.samples.shift();
    const first = this.samples[0]!;
    const seconds = (now - Math.max(first.at, from)) / 1000;
    if (seconds <= 0.2) return 0;
    return (done - this.doneAt(Math.max(first.at, from))) / seconds;
  }

  /** The count at time `t`, linear between the samples around it. */
  private doneAt(t: number): number {
    const [a, b] = this.samples;
    if (!b || t <= a!.at) return a!.done;
    if (t >= b.at) return b.done;
    return a!.done + ((b.done - a!.done) * (t - a!.at)) / (b.at - a!.at);
  }
}
