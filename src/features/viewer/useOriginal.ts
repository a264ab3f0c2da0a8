import { useEffect, useState } from 'react';
import type { OriginalRead } from '../../ingest/original';

/** The photo's original as the viewer shows it: still loading, or what reading it gave, with an object URL. */
export type OriginalState =
  | { readonly status: 'loading' }
  | { readonly status: 'file'; readonly file: File; readonly url: string }
  | { readonly status: Exclude<OriginalRead, { file: File }>['problem'] };

/**
 * Reads photo `id`'s original (again whenever `attempt` changes: after access was granted) and keeps an object URL
 * for it while shown. A state read for another photo is never returned: navigating shows "loading" at once.
 */
export function useOriginal(id: string, open: (id: string) => Promise<OriginalRead>, attempt: number): OriginalState {
  const [state, setState] = useState<{ key: string; value: OriginalState } | null>(null);
  const key = `${id}:${attempt}`;
  useEffect(() => {
    let alive = true;
    let url: string | null = null;
    void open(id).then(
      (read) => {
        if (!alive) return;
        if ('file' in read) {
          url = URL.createObjectURL(read.file);
          setState({ key, value: { status: 'file', file: read.file, url } });
        } else setState({ key, value: { status: read.problem } });
      },
      () => alive && setState({ key, value: { status: 'gone' } }),
    );
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, open, key]);
  return state?.key === key ? state.value : { status: 'loading' };
}

/** A blob loaded for `id` as an object URL (the thumbnail), null while loading or for another photo. */
export function useBlobUrl(id: string, load: (id: string) => Promise<Blob | undefined>): string | null {
  const [state, setState] = useState<{ id: string; url: string } | null>(null);
  useEffect(() => {
    let alive = true;
    let url: string | null = null;
    void load(id).then((blob) => {
      if (!alive || !blob) return;
      url = URL.createObjectURL(blob);
      setState({ id, url });
    });
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, load]);
  return state?.id === id ? state.url : null;
}
