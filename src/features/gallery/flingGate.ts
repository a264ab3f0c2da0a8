export interface FlingGateOptions {
  /** Scrolling faster than this, px/s, is a fling (or a jump). */
  fastPxPerSecond: number;
  /** A fling ends after this long without a scroll event, ms; also the longest gap a speed is measured over. */
  quietMs: number;
  /** Called with true when a fling starts and false when it ends. */
  onChange: (fast: boolean) => void;
  now?: () => number;
  later?: (run: () => void, ms: number) => () => void;
}

/**
 * Tells a fast fling from reading: the speed between two scroll events (over at most quietMs, so the first event
 * after a pause is a jump only if it moves far) above fastPxPerSecond starts one; slower scrolling, or quietMs
 * without a scroll event, ends it.
 */
export class FlingGate {
  private lastTop: number | null = null;
  private lastAt = 0;
  private fast = false;
  private cancelQuiet: (() => void) | null = null;
  private readonly now: () => number;
  private readonly later: (run: () => void, ms: number) => () => void;

  constructor(private readonly options: FlingGateOptions) {
    this.now = options.now ?? (() => performance.now());
    this.later =
      options.later ??
      ((run, ms) => {
        const handle = setTimeout(run, ms);
        return () => clearTimeout(handle);
      });
  }

  /** The scroll position after a scroll event. */
  scrolled(top: number): void {
    const at = this.now();
    const { fastPxPerSecond, quietMs } = this.options;
    if (this.lastTop !== null) {
      const ms = Math.max(1, Math.min(quietMs, at - this.lastAt));
      this.set((Math.abs(top - this.lastTop) * 1000) / ms > fastPxPerSecond);
    }
    this.lastTop = top;
    this.lastAt = at;
    if (this.fast) {
      this.cancelQuiet?.();
      this.cancelQuiet = this.later(() => {
        this.cancelQuiet = null;
        this.set(false);
      }, quietMs);
    }
  }

  /** Stops the timer (the gallery is gone). */
  dispose(): void {
    this.cancelQuiet?.();
    this.cancelQuiet = null;
  }

  private set(fast: boolean): void {
    if (fast === this.fast) return;
    this.fast = fast;
    if (!fast) this.dispose();
    this.options.onChange(fast);
  }
}
