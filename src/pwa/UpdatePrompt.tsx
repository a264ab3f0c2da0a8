import { useState, useSyncExternalStore } from 'react';
import { isBusy, onBusyChange } from './busy';
import { applyUpdate, getUpdateState, subscribeUpdate } from './register';
import styles from './UpdatePrompt.module.css';

/** "A new version is ready": reloads only when the user asks and nothing is being imported. */
export function UpdatePrompt({ indexing }: { indexing: () => boolean }) {
  const update = useSyncExternalStore(subscribeUpdate, getUpdateState);
  const busy = useSyncExternalStore(onBusyChange, isBusy);
  const [dismissed, setDismissed] = useState(false);
  if (!update.available || dismissed) return null;
  const working = busy || indexing();
  return (
    <div className={styles.prompt} role="status" data-testid="update-available">
      <span>A new version of Shoebox is ready.</span>
      {working && <span className="muted">Reload when the import has finished.</span>}
      <button
        type="button"
        data-testid="update-reload"
        disabled={working}
        onClick={() => {
          // Checked again at click time: an import may have started since the render.
          if (!isBusy() && !indexing()) applyUpdate();
        }}
      >
        Reload
      </button>
      <button type="button" onClick={() => setDismissed(true)}>
        Later
      </button>
    </div>
  );
}
