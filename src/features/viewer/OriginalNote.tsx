import { useState } from 'react';
import type { OriginalState } from './useOriginal';
import styles from './PhotoViewer.module.css';

const WHY: Record<Exclude<OriginalState['status'], 'file' | 'loading'>, string> = {
  'no-access':
    'This is the small copy Shoebox keeps: the browser no longer lets it read the folder this photo came from.',
  gone: 'This is the small copy Shoebox keeps: the original file is no longer where it was imported from.',
  'no-folder':
    'This is the small copy Shoebox keeps: the photo was added without access to its folder, so the original ' +
    'cannot be read here. Drop the folder on the page to see it in full.',
};

/** Says honestly when the viewer shows the thumbnail, not the original, and offers to re-grant folder access. */
export function OriginalNote({ state, onAllow }: { state: OriginalState['status']; onAllow: () => Promise<boolean> }) {
  const [refused, setRefused] = useState(false);
  if (state === 'file' || state === 'loading') return null;
  return (
    <div className={styles.note} role="status" data-testid="original-note" data-problem={state}>
      <p>{WHY[state]}</p>
      {state === 'no-access' && (
        <>
          <button
            type="button"
            className="primary"
            data-testid="allow-folder-access"
            onClick={() => void onAllow().then((granted) => setRefused(!granted))}
          >
            Allow access to the folder
          </button>
          {refused && <p data-testid="access-refused">Access was not given; the small copy stays.</p>}
        </>
      )}
    </div>
  );
}
