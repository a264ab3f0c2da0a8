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

  test('changes announced in one context reach listeners in another', async () => {
    const received = new Promise<LibraryChange>((resolve) => {
      const stop = onLibraryChange((change) => {
        stop();
        resolve(change);
      });
    });
    announceChange({ kind: 'photos', ids: ['abc'] });
    expect(await received).toEqual({ kind: 'photos', ids: ['abc'] });
  });

  test('announce and subscribe are no-ops without BroadcastChannel', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    expect(() => announceChange({ kind: 'everything' })).not.toThrow();
    const stop = onLibraryChange(() => {});
    expect(() => stop()).not.toThrow();
  });
});
