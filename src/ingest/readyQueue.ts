/**
 * A bounded queue between a producer (the decode pool) and one consumer (the engine). The producer reserves a slot
 * before it starts a decode, so decodes in flight plus photos waiting never exceed the capacity; the consumer takes
 * whatever is ready, up to a batch, the moment it asks, and waits only when nothing is ready.
 */
export class ReadyQueue<T> {
  private readonly items: T[] = [];
  /** Slots reserved by the producer: work in flight or waiting to be taken. */
  private used = 0;
  private closed = false;
  private readonly spaceWaiters: (() => void)[] = [];
  private itemWaiter: (() => void) | null = null;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('a ready queue holds at least one item');
  }

  /** Items waiting to be taken. */
  get ready(): number {
    return this.items.length;
  }

  /** Resolves once a slot is free and reserves it; false once the queue is closed (the consumer stopped). */
  async reserve(): Promise<boolean> {
    while (!this.closed && this.used >= this.capacity) {
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    }
    if (this.closed) return false;
    this.used++;
    return true;
  }

  /** Fills a reserved slot with a ready item. */
  put(item: T): void {
    this.items.push(item);
    this.wakeConsumer();
  }

  /** Gives a reserved slot back without an item (the work failed or was dropped). */
  release(): void {
    this.used = Math.max(0, this.used - 1);
    this.wakeProducer();
    this.wakeConsumer();
  }

  /** The producer has nothing more to add: a consumer waiting on an empty queue gets an empty batch. */
  finish(): void {
    this.closed = true;
    this.wakeConsumer();
    for (const wake of this.spaceWaiters.splice(0)) wake();
  }

  /**
   * Up to `max` ready items, as soon as at least one is ready; [] when the queue is finished and drained. Taken
   * items free their slots.
   */
  async take(max: number): Promise<T[]> {
    while (this.items.length === 0 && !(this.closed && this.used === 0)) {
      await new Promise<void>((resolve) => (this.itemWaiter = resolve));
    }
    const batch = this.items.splice(0, Math.max(1, max));
    this.used -= batch.length;
    for (let i = 0; i < batch.length; i++) this.wakeProducer();
    return batch;
  }

  private wakeConsumer(): void {
    const wake = this.itemWaiter;
    this.itemWaiter = null;
    wake?.();
  }

  private wakeProducer(): void {
    this.spaceWaiters.shift()?.();
  }
}
