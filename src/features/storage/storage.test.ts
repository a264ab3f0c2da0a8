import { describe, expect, it } from 'vitest';
import { StorageFullError } from '../../library/idb';
import type { StorageUsage } from '../../library/maintenance';
import { describeImport, explain, summarize } from './storage';

describe('storage messages', () => {
  it('says what a full disk during import means for the data', () => {
    const text = explain('import', new StorageFullError(new DOMException('full', 'QuotaExceededError')));
    expect(text).toMatch(/disk is full/);
    expect(text).toMatch(/imported before that point are complete and kept/);
  });

  it('tells a second import of the same file that nothing changed', () => {
    const none = {
      photosAdded: 0,
      photosMerged: 9,
      embeddingsAdded: 0,
      captionsSaved: 0,
      textsSaved: 0,
      labelSetsSaved: 0,
    };
    expect(describeImport(none)).toMatch(/Nothing new/);
    expect(describeImport({ ...none, photosAdded: 2, photosMerged: 7 })).toMatch(/Imported 2 new photos/);
  });

  it('groups stores into thumbnails, embeddings, captions and the rest', () => {
    const usage = {
      photos: { count: 3, bytes: 30 },
      thumbnails: { count: 3, bytes: 3000 },
      embeddingBlocks: { count: 1, bytes: 100 },
      embeddingRows: { count: 3, bytes: 10 },
      captions: { count: 2, bytes: 20 },
      meta: { count: 1, bytes: 5 },
    } as unknown as StorageUsage;
    const report = summarize(usage, { usage: 5000, quota: 10_000 }, { models: 7, app: 8 });
    expect(report).toMatchObject({ thumbnails: 3000, embeddings: 110, captions: 20, other: 35, photos: 3, models: 7 });
  });
});
