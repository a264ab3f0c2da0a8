import { useStore } from '../../shared/store';
import type { DuplicatesSlice } from './duplicates';
import { HideUndo } from './HideUndo';
import styles from './HiddenSwitch.module.css';

/** Above the gallery when photos are hidden: how many, and a switch that shows them again in the grid and search. */
export function HiddenSwitch({ duplicates, hiddenCount }: { duplicates: DuplicatesSlice; hiddenCount: number }) {
  const { showHidden, message } = useStore(duplicates.store);
  if (hiddenCount === 0 && !message) return null;
  return (
    <div className={styles.bar}>
      <HideUndo duplicates={duplicates} />
      {hiddenCount > 0 && (
        <p className="muted" data-testid="hidden-count" data-count={hiddenCount}>
          {hiddenCount} hidden {hiddenCount === 1 ? 'photo' : 'photos'}{' '}
          <label>
            <input
              type="checkbox"
              data-testid="gallery-show-hidden"
              checked={showHidden}
              onChange={(e) => duplicates.setShowHidden(e.target.checked)}
            />{' '}
            Show hidden
          </label>
        </p>
      )}
    </div>
  );
}
