import { useEffect, useRef, useState } from 'react';
import type { StorageReport, StorageSlice, StorageState } from './storage';
import { useStore } from '../../shared/store';
import { formatBytes } from '../../shared/format';
import styles from './StorageView.module.css';

export interface StorageViewProps {
  storage: StorageSlice;
  /** Import and delete wait while photos are being indexed. */
  indexing: boolean;
}

/** Where the space goes, keeping it (persistence), taking it elsewhere (export/import), and deleting it. */
export function StorageView({ storage, indexing }: StorageViewProps) {
  const state = useStore(storage.store);
  useEffect(() => {
    void storage.refresh();
  }, [storage]);
  const blocked = indexing || state.working !== null;
  return (
    <section className={styles.view} aria-label="Storage">
      <h2>Storage</h2>
      <p className="muted">Everything Shoebox keeps stays in this browser, on this device. Nothing is uploaded.</p>
      {state.report && <Usage report={state.report} />}
      {state.message && (
        <p
          className={state.message.error ? 'notice error' : 'notice'}
          data-testid="storage-message"
          data-error={state.message.error}
          role={state.message.error ? 'alert' : 'status'}
        >
          {state.message.text}
        </p>
      )}
      <Persistence persisted={state.persisted} onPersist={() => void storage.persist()} />
      <Transfer storage={storage} blocked={blocked} working={state.working} />
      <DeleteEverything storage={storage} blocked={blocked} />
    </section>
  );
}

function Usage({ report }: { report: StorageReport }) {
  const rows: [string, string, number][] = [
    ['thumbnails', 'Thumbnails', report.thumbnails],
    ['embeddings', 'Embeddings (what search compares)', report.embeddings],
    ['captions', 'Captions', report.captions],
    ['other', 'Photo records, labels, import bookkeeping', report.other],
    ['models', 'Models', report.models],
    ['app', 'The app itself, for offline use', report.app],
  ];
  return (
    <div className={styles.usage}>
      <table data-testid="storage-usage">
        <tbody>
          {rows.map(([key, label, bytes]) => (
            <tr key={key} data-testid={`usage-${key}`} data-bytes={bytes}>
              <th scope="row">{label}</th>
              <td>{formatBytes(bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.usage !== null && report.quota !== null && (
        <p className="muted" data-testid="storage-estimate">
          The browser counts {formatBytes(report.usage)} for Shoebox ({report.photos} photos) and would allow up to{' '}
          {formatBytes(report.quota)}. Its count is an estimate and can differ from the sum above.
        </p>
      )}
    </div>
  );
}

function Persistence({ persisted, onPersist }: { persisted: boolean | null; onPersist: () => void }) {
  if (persisted === null) return null;
  return (
    <div className={styles.block} data-testid="persistence" data-persisted={persisted}>
      <h3>Keep my data</h3>
      <p className="muted">
        When the disk runs low, browsers may delete a site&apos;s data without asking, unless that storage is
        <em> persistent</em>. Persistent storage is kept until you delete it here or in the browser&apos;s settings; it
        does not back anything up, so export your library too. Chromium decides by itself (installed apps and often-used
        sites usually get it) and may say no without showing a question; Firefox asks you.
      </p>
      {persisted ? (
        <p>Storage is persistent.</p>
      ) : (
        <button type="button" data-testid="request-persistence" onClick={onPersist}>
          Ask the browser to keep Shoebox&apos;s data
        </button>
      )}
    </div>
  );
}

function Transfer({
  storage,
  blocked,
  working,
}: {
  storage: StorageSlice;
  blocked: boolean;
  working: StorageState['working'];
}) {
  const input = useRef<HTMLInputElement>(null);
  const [includeLocation, setIncludeLocation] = useState(false);
  return (
    <div className={styles.block}>
      <h3>Export and import</h3>
      <p className="muted">
        One .zip file holds photo records, thumbnails, embeddings for each model, captions and labels (not the original
        photos). Import it on this or another machine; importing the same file twice changes nothing.
      </p>
      <label>
        <input
          type="checkbox"
          data-testid="export-include-location"
          checked={includeLocation}
          onChange={(e) => setIncludeLocation(e.target.checked)}
        />{' '}
        Include where photos were taken (GPS)
      </label>
      <div className="button-row">
        <button
          type="button"
          data-testid="export-library"
          disabled={blocked}
          onClick={() => void storage.exportToFile(includeLocation)}
        >
          {working === 'export' ? 'Exporting…' : 'Export library'}
        </button>
        <button type="button" disabled={blocked} onClick={() => input.current?.click()}>
          {working === 'import' ? 'Importing…' : 'Import library file'}
        </button>
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept=".zip,application/zip"
          data-testid="import-library"
          aria-label="Choose a Shoebox library file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void storage.importFromFile(file);
          }}
        />
      </div>
    </div>
  );
}

function DeleteEverything({ storage, blocked }: { storage: StorageSlice; blocked: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [models, setModels] = useState(true);
  return (
    <div className={`${styles.block} ${styles.dangerZone}`}>
      <h3>Delete everything</h3>
      {!confirming ? (
        <button
          type="button"
          className="danger"
          data-testid="delete-everything"
          disabled={blocked}
          onClick={() => setConfirming(true)}
        >
          Delete everything…
        </button>
      ) : (
        <div role="alertdialog" aria-label="Confirm deleting everything" data-testid="delete-confirmation">
          <p>
            This deletes every photo record, thumbnail, embedding, caption and label set Shoebox keeps in this browser.
            Your original photo files are not touched. It cannot be undone; export first to keep a copy.
          </p>
          <label>
            <input
              type="checkbox"
              data-testid="delete-models"
              checked={models}
              onChange={(e) => setModels(e.target.checked)}
            />{' '}
            Also delete downloaded and imported models
          </label>
          <div className="button-row">
            <button
              type="button"
              className="danger"
              data-testid="confirm-delete"
              onClick={() => {
                setConfirming(false);
                void storage.deleteAll({ models });
              }}
            >
              Delete everything
            </button>
            <button type="button" data-testid="cancel-delete" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
