import { useEffect, useState } from 'react';
import type { ThumbnailUrls } from './thumbnailUrls';

/** Loads a thumbnail Blob lazily and keeps an object URL for it while the tile is mounted. */
export function useThumbnailUrl(id: string, load: (id: string) => Promise<Blob | undefined>): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    let created: string | null = null;
    void load(id).then((blob) => {
      if (!alive || !blob) return;
      created = URL.createObjectURL(blob);
      setUrl(created);
    });
    return () => {
      alive = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [id, load]);
  return url;
}

/** The photo's thumbnail URL from a shared pool (the gallery's tiles): kept across mounts, made a few per task. */
export function usePooledThumbnailUrl(id: string, pool: ThumbnailUrls): string | null {
  const [url, setUrl] = useState<string | null>(() => pool.peek(id));
  useEffect(() => pool.subscribe(id, setUrl), [id, pool]);
  return url;
}
