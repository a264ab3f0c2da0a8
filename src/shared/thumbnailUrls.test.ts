import { describe, expect, it } from 'vitest';
import { ThumbnailUrls } from './thumbnailUrls';

/** A pool over fake URLs that take 1 ms each to make, with its later tasks run by hand and its loads counted. */
function setup(keep = 2, taskBudgetMs = 2) {
  let clock = 0;
  const tasks: (() => void)[] = [];
  const made: string[] = [];
  const revoked: string[] = [];
  const loads: string[] = [];
  const pool = new ThumbnailUrls({
    load: (id) => (loads.push(id), Promise.resolve(id === 'missing' ? undefined : new Blob([id]))),
    keep,
    taskBudgetMs,
    now: () => clock,
    urls: {
      create: () => {
        clock += 1;
        const url = `blob:${made.length}`;
        made.push(url);
        return url;
      },
      revoke: (url) => void revoked.push(url),
    },
    later: (run) => void tasks.push(run),
  });
  const runTask = async () => {
    await Promise.resolve(); // the loads resolve
    tasks.shift()?.();
  };
  return { pool, tasks, made, revoked, loads, runTask };
}

describe('ThumbnailUrls', () => {
  it('makes URLs for at most taskBudgetMs a task, in the order asked', async () => {
    const { pool, made, runTask, tasks } = setup(10, 2);
    const seen: string[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e']) pool.subscribe(id, (url) => seen.push(`${id}=${url}`));
    await runTask();
    expect(seen).toEqual(['a=blob:0', 'b=blob:1']);
    await runTask();
    await runTask();
    expect(seen).toHaveLength(5);
    expect(made).toHaveLength(5);
    expect(tasks).toHaveLength(0);
  });

  it('makes one URL a task however long one takes', async () => {
    const { pool, made, runTask } = setup(10, 0);
    for (const id of ['a', 'b']) pool.subscribe(id, () => {});
    await runTask();
    expect(made).toHaveLength(1);
    await runTask();
    expect(made).toHaveLength(2);
  });

  it('gives a tile that comes back the same URL, without loading or making another', async () => {
    const { pool, made, loads, runTask } = setup();
    const stop = pool.subscribe('a', () => {});
    await runTask();
    stop();
    expect(pool.peek('a')).toBe('blob:0');
    const seen: string[] = [];
    pool.subscribe('a', (url) => seen.push(url));
    expect(seen).toEqual(['blob:0']);
    expect(loads).toEqual(['a']);
    expect(made).toEqual(['blob:0']);
  });

  it('makes no URL for a tile that scrolled away before its turn', async () => {
    const { pool, made, runTask } = setup(10, 1);
    pool.subscribe('a', () => {});
    const stopB = pool.subscribe('b', () => {});
    await runTask(); // a's URL; b waits
    stopB();
    await runTask();
    expect(made).toEqual(['blob:0']);
    expect(pool.peek('b')).toBeNull();
  });

  it('revokes the least recently used URLs no tile shows, beyond keep', async () => {
    const { pool, revoked, runTask } = setup(1, 10);
    const stops = ['a', 'b', 'c'].map((id) => pool.subscribe(id, () => {}));
    await runTask();
    expect(revoked).toEqual([]); // all three are shown
    stops[1]!();
    stops[0]!();
    pool.subscribe('d', () => {});
    await runTask();
    expect(revoked).toEqual(['blob:1']); // b left first; a stays as the one kept
    expect(pool.peek('a')).toBe('blob:0');
    expect(pool.size).toBe(3);
  });

  it('forgets a photo without a thumbnail, and everything on clear', async () => {
    const { pool, revoked, runTask, made } = setup();
    pool.subscribe('missing', () => {});
    pool.subscribe('a', () => {});
    await runTask();
    expect(made).toEqual(['blob:0']);
    pool.clear();
    expect(revoked).toEqual(['blob:0']);
    expect(pool.size).toBe(0);
  });

  it('while paused loads and makes nothing; on resume, only what a tile still shows', async () => {
    const { pool, made, loads, runTask, tasks } = setup(10, 10);
    pool.subscribe('shown', () => {});
    await Promise.resolve(); // loaded, its URL not made yet
    pool.pause();
    const seen: string[] = [];
    pool.subscribe('kept', (url) => seen.push(url));
    const stop = pool.subscribe('flashed-by', () => {});
    stop();
    await runTask();
    while (tasks.length > 0) await runTask();
    expect(loads).toEqual(['shown']);
    expect(made).toEqual([]);
    pool.resume();
    await runTask();
    expect(loads).toEqual(['shown', 'kept']);
    expect(made).toHaveLength(2);
    expect(seen).toEqual(['blob:1']);
  });

  it('still gives a URL made before the pause at once', async () => {
    const { pool, runTask } = setup();
    const stop = pool.subscribe('a', () => {});
    await runTask();
    stop();
    pool.pause();
    const seen: string[] = [];
    pool.subscribe('a', (url) => seen.push(url));
    expect(seen).toEqual(['blob:0']);
  });
});
