import { useEffect, useState } from 'react';

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
