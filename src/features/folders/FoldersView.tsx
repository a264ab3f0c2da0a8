import { useEffect, useState } from 'react';
import type { Photo, Root } from '../../library/schema';
import styles from './FoldersView.module.css';

export interface FoldersViewProps {
  photos: readonly Photo[];
  indexing: boolean;
  /** The folders the library was filled from. */
  folders: () => Promise<Root[]>;
  onRescan: (rootId: string) => void;
}

/** The folders the library came from, with how many photos each gave, and "Re-scan" where a handle was kept. */
export function FoldersView({ photos, indexing, folders, onRescan }: FoldersViewProps) {
  const [roots, setRoots] = useState<Root[]>([]);
  useEffect(() => {
    let alive = true;
    void folders().then((r) => alive && setRoots(r));
    return () => {
      alive = false;
    };
  }, [folders, photos]);

  const counts = new Map<string, number>();
  for (const photo of photos) {
    for (const rootId of new Set(photo.sources.map((s) => s.rootId))) counts.set(rootId, (counts.get(rootId) ?? 0) + 1);
  }
  if (roots.length === 0) return <p className="muted">No folders yet: drop one anywhere on the page, or choose one.</p>;
  return (
    <section className={styles.folders}>
      <h2>Folders</h2>
      <p className="muted">
        Re-scanning reads a folder again: new and changed photos are indexed, deleted ones are forgotten. Folders
        dropped or chosen in this browser can be re-scanned after one permission prompt.
      </p>
      <ul>
        {roots.map((root) => (
          <li key={root.id} data-testid="folder" data-root={root.name}>
            <strong>{root.name}</strong> · {counts.get(root.id) ?? 0} photos
            {root.lastScan && <span className="muted"> · scanned {new Date(root.lastScan).toLocaleString()}</span>}{' '}
            {root.handle ? (
              <button type="button" data-testid="rescan" disabled={indexing} onClick={() => onRescan(root.id)}>
                Re-scan
              </button>
            ) : (
              <span className="muted">(drop it again to re-scan)</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
