/** Photos per second over a sliding window of progress samples; time is passed in, so it is pure and testable. */
export class RateMeter {
  private samples: { at: number; done: number }[] = [];
  constructor(private readonly windowMs: number) {}

  /** Starts over (a new import). */
  reset(): void {
    this.samples = [];
  }

  /** Records that `done` items are finished at time `now` (ms) and returns the rate over the window. */
  sample(done: number, now: number): number {
    this.samples.push({ at: now, done });
    while (this.samples.length > 2 && now - this.samples[0]!.at > this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const seconds = (now - first.at) / 1000;
    return seconds > 0.2 ? (done - first.done) / seconds : 0;
  }
}
