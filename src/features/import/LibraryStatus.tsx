import type { LibraryPhase } from '../../shared/phase';
import type { IndexingProgress } from './importSlice';
import type { LoadProgress } from '../../engine/core/progress';
import { loadFraction } from '../../engine/core/progress';
import styles from './LibraryStatus.module.css';

export interface LibraryStatusProps {
  phase: LibraryPhase;
  photoCount: number;
  indexedCount: number;
  failedCount: number;
  indexing: IndexingProgress | null;
  modelProgress: LoadProgress;
  modelName: string;
  device: string | null;
  message: string | null;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}

/** One line that always says what the library is doing, with the numbers tests and people read. */
export function LibraryStatus(props: LibraryStatusProps) {
  const { phase, photoCount, indexedCount, failedCount, indexing, modelProgress, modelName, device, message } = props;
  return (
    <div
      className={phase === 'error' ? `${styles.status} ${styles.error}` : styles.status}
      data-testid="library-status"
      data-state={phase}
      data-indexed={indexedCount}
      data-failed={failedCount}
      data-photos={photoCount}
      data-device={device ?? ''}
      role="status"
      aria-live="polite"
    >
      <span>{describe(props)}</span>
      {phase === 'loading-models' && <Progress fraction={loadFraction(modelProgress)} />}
      {indexing && (
        <>
          <Progress fraction={indexing.total ? indexing.done / indexing.total : null} />
          <span data-testid="index-rate">
            {indexing.rate > 0 ? `${indexing.rate.toFixed(1)} photos/s · ${timeLeft(indexing)}` : ''}
          </span>
          {indexing.paused ? (
            <button type="button" data-testid="resume" onClick={props.onResume}>
              Resume
            </button>
          ) : (
            <button type="button" data-testid="pause" onClick={props.onPause}>
              Pause
            </button>
          )}
          <button type="button" data-testid="cancel" onClick={props.onCancel}>
            Cancel
          </button>
        </>
      )}
      <span className={styles.model} title="Model and device">
        {modelName}
        {device ? ` · ${device === 'webgpu' ? 'WebGPU' : 'WASM'}` : ''}
      </span>
      {message && (
        <span className={styles.message} data-testid="status-message">
          {message}
        </span>
      )}
    </div>
  );
}

function describe({ phase, photoCount, indexedCount, failedCount, indexing }: LibraryStatusProps): string {
  const failed = failedCount > 0 ? ` · ${failedCount} not imported` : '';
  switch (phase) {
    case 'opening':
      return indexedCount > 0 ? `Opening your library: ${indexedCount} photos…` : 'Opening your library…';
    case 'empty':
      return 'No photos yet. Drop a folder anywhere on this page, or choose one.';
    case 'loading-models':
      return 'Loading the model…';
    case 'indexing':
      return indexing
        ? `${indexing.paused ? 'Paused' : 'Indexing'} ${indexing.rootName}: ${indexing.done} of ${indexing.total}${failed}`
        : `Indexing…${failed}`;
    case 'error':
      return 'Something went wrong.';
    case 'ready':
      return `${photoCount} photos · ${indexedCount} searchable${failed}`;
  }
}

function timeLeft({ done, total, rate }: IndexingProgress): string {
  const seconds = rate > 0 ? Math.ceil((total - done) / rate) : 0;
  if (seconds < 60) return `${seconds}s left`;
  return `${Math.floor(seconds / 60)}m ${seconds % 60}s left`;
}

function Progress({ fraction }: { fraction: number | null }) {
  return (
    <progress
      className={styles.progress}
      value={fraction ?? undefined}
      max={1}
      aria-label="progress"
      data-testid="progress"
    />
  );
}
