import type { Captions } from './captions';
import { useStore } from '../../shared/store';
import styles from './CaptionActivity.module.css';

/** A line above the gallery while the library is captioned in the background, with pause and cancel at hand. */
export function CaptionActivity({ captions }: { captions: Captions }) {
  const { background } = useStore(captions.store);
  if (!background.running || background.total === 0) return null;
  return (
    <div className={styles.activity} data-testid="caption-activity" role="status">
      <progress value={background.done} max={background.total} />
      <span>
        {background.paused ? 'Captioning paused' : 'Captioning'} · {background.done} of {background.total}
      </span>
      {background.paused ? (
        <button type="button" className="pill" onClick={captions.resume}>
          Resume
        </button>
      ) : (
        <button type="button" className="pill" onClick={captions.pause}>
          Pause
        </button>
      )}
      <button type="button" className="pill" onClick={captions.cancel}>
        Cancel
      </button>
    </div>
  );
}
