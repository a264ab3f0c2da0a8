import { afterEach, describe, expect, test, vi } from 'vitest';
import { announceChange, onLibraryChange, withIndexingLock, type LibraryChange } from './sync';

afterEach(() => vi.unstubAllGlobals());

describe('cross-tab', () => {
  test('withIndexingLock runs directly where Web Locks are missing', async () => {
    vi.stubGlobal('navigator', undefined);
    expect(await withIndexingLock(async () => 42)).toBe(42);
  });

  test('withIndexingLock holds the shoebox-indexing lock while fn runs', async () => {
    const held: string[] = [];
    const request = vi.fn(async (name: string, fn: () => Promise<unknown>) => {
      held.push(name);
      try {
        return await fn();
      } finally {
        held.pop();
      }
    });
    vi.stubGlobal('navigator', { locks: { request } });
    expect(await withIndexingLock(async () => [...held])).toEqual(['shoebox-indexing']);
    expect(held).toEqual([]);
  });

  test("changes announced in one context reach listeners in another, and not the announcer's own", async () => {
    // Another tab: the module loaded afresh is another context.
    vi.resetModules();
    const otherTab = await import('./sync');
    const received: LibraryChange[] = [];
    const stop = onLibraryChange((change) => received.push(change));
    announceChange({ kind: 'labels' }); // this tab's own change: it acted on it already
    otherTab.announceChange({ kind: 'photos', ids: ['abc'] });
    await vi.waitFor(() => expect(received).toEqual([{ kind: 'photos', ids: ['abc'] }]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([{ kind: 'photos', ids: ['abc'] }]);
    stop();
  });

  test('announce and subscribe are no-ops without BroadcastChannel', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    expect(() => announceChange({ kind: 'everything' })).not.toThrow();
    const stop = onLibraryChange(() => {});
    expect(() => stop()).not.toThrow();
  });
});
