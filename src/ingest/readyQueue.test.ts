import { describe, expect, it } from 'vitest';
import { ReadyQueue } from './readyQueue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ReadyQueue', () => {
  it('hands the consumer whatever is ready, up to the batch, without waiting for a full batch', async () => {
    const q = new ReadyQueue<number>(8);
    for (let i = 0; i < 3; i++) expect(await q.reserve()).toBe(true);
    q.put(1);
    q.put(2);
    expect(await q.take(8)).toEqual([1, 2]);
    q.put(3);
    expect(await q.take(1)).toEqual([3]);
  });

  it('makes the consumer wait while nothing is ready, and wakes it on the first item', async () => {
    const q = new ReadyQueue<string>(4);
    await q.reserve();
    let got: string[] | null = null;
    void q.take(4).then((b) => (got = b));
    await tick();
    expect(got).toBeNull();
    q.put('a');
    await tick();
    expect(got).toEqual(['a']);
  });

  it('bounds work in flight plus ready items by its capacity', async () => {
    const q = new ReadyQueue<number>(2);
    await q.reserve();
    await q.reserve();
    let third = false;
    void q.reserve().then(() => (third = true));
    await tick();
    expect(third).toBe(false); // two in flight, none taken
    q.put(1);
    await tick();
    expect(third).toBe(false); // ready but not taken still holds its slot
    expect(await q.take(8)).toEqual([1]);
    await tick();
    expect(third).toBe(true);
  });

  it('frees a slot when work fails (release), and ends with an empty batch once finished and drained', async () => {
    const q = new ReadyQueue<number>(1);
    await q.reserve();
    let last: number[] | null = null;
    q.finish();
    void q.take(4).then((b) => (last = b));
    await tick();
    expect(last).toBeNull(); // one item still in flight
    q.release();
    await tick();
    expect(last).toEqual([]);
  });

  it('refuses new reservations once finished, also for a producer waiting on space', async () => {
    const q = new ReadyQueue<number>(1);
    await q.reserve();
    const waiting = q.reserve();
    q.finish();
    expect(await waiting).toBe(false);
    expect(await q.reserve()).toBe(false);
  });
});
