import { useEffect, useRef } from 'react';
import type { ModelRow, ModelsSlice, ModelsState } from './models';
import { useStore } from '../../shared/store';
import { formatBytes } from '../../shared/format';
import styles from './ModelsView.module.css';

const SOURCE: Record<ModelRow['spec']['source'], string> = {
  hub: 'Hugging Face hub',
  demo: 'Built into Shoebox',
  imported: 'Imported folder',
};

const USE: Record<ModelRow['spec']['task'], string> = { embed: 'search', caption: 'captions', ask: 'questions' };

const AVAILABILITY: Record<ModelRow['availability'], string> = {
  'built-in': 'Ships with the app',
  cached: 'On this device',
  partial: 'Partly downloaded',
  'not-cached': 'Not downloaded',
};

export interface ModelsViewProps {
  models: ModelsSlice;
  /** No model switch while photos are being indexed. */
  indexing: boolean;
}

/** Every model: where it comes from, what it takes on disk, and download / delete / use / import. */
export function ModelsView({ models, indexing }: ModelsViewProps) {
  const state = useStore(models.store);
  useEffect(() => {
    void models.refresh();
  }, [models]);
  return (
    <section className={styles.view} aria-label="Models">
      <h2>Models</h2>
      <p className="muted">
        Models run in this browser. Once downloaded or imported they are kept in the browser&apos;s cache and work with
        no network.
      </p>
      <ImportFolder models={models} busy={state.importing} />
      {state.message && (
        <p
          className={state.message.error ? 'notice error' : 'notice'}
          data-testid="models-message"
          data-error={state.message.error}
          role={state.message.error ? 'alert' : 'status'}
        >
          {state.message.text}
        </p>
      )}
      <ul className={styles.list}>
        {state.rows.map((row) => (
          <ModelItem key={row.spec.id} row={row} state={state} models={models} indexing={indexing} />
        ))}
      </ul>
    </section>
  );
}

function ModelItem({ row, state, models, indexing }: { row: ModelRow; state: ModelsState } & ModelsViewProps) {
  const { spec, availability, bytes, active, residentBytes } = row;
  const download = state.downloads[spec.id];
  const usable = availability === 'built-in' || availability === 'cached' || spec.source === 'hub';
  return (
    <li
      className={styles.row}
      data-testid="model-row"
      data-model={spec.id}
      data-source={spec.source}
      data-availability={availability}
      data-bytes={bytes}
    >
      <div>
        <strong>{spec.name}</strong> <span className="muted">{USE[spec.task]}</span>
        <div className="muted">{spec.description}</div>
      </div>
      <div className={styles.facts}>
        <span>{SOURCE[spec.source]}</span>
        <span data-testid="model-availability">{AVAILABILITY[availability]}</span>
        <span data-testid="model-size">
          {availability === 'built-in'
            ? `~${spec.approxSizeMB} MB`
            : bytes > 0
              ? formatBytes(bytes)
              : `~${spec.approxSizeMB} MB to download`}
        </span>
        {residentBytes !== null && (
          <span
            data-testid="model-memory"
            data-bytes={residentBytes}
            title="The size of the files it was loaded from; one captioner or VLM is in memory at a time"
          >
            In memory: {residentBytes > 0 ? `~${formatBytes(residentBytes)} (its files)` : 'size not known'}
          </span>
        )}
      </div>
      <div className={styles.actions}>
        {download ? (
          <progress
            data-testid="model-progress"
            max={download.total || undefined}
            value={download.loaded}
            aria-label={`Downloading ${spec.name}`}
          />
        ) : (
          spec.source === 'hub' &&
          availability !== 'cached' && (
            <button type="button" data-testid="model-download" onClick={() => void models.download(spec)}>
              Download
            </button>
          )
        )}
        {active ? (
          <span className={styles.badge} data-testid="model-active">
            In use
          </span>
        ) : (
          usable &&
          spec.task !== 'ask' && (
            <button
              type="button"
              data-testid="model-use"
              disabled={indexing}
              title={indexing ? 'Wait for indexing to finish' : undefined}
              onClick={() => void models.use(spec)}
            >
              Use for {USE[spec.task]}
            </button>
          )
        )}
        {spec.source !== 'demo' && (bytes > 0 || spec.source === 'imported') && (
          <button
            type="button"
            className="danger"
            data-testid="model-delete"
            disabled={active || !!download}
            title={active ? 'Choose another model first' : undefined}
            onClick={() => void models.remove(spec)}
          >
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

function ImportFolder({ models, busy }: { models: ModelsSlice; busy: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="button-row">
      <button type="button" disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Importing…' : 'Import model from folder'}
      </button>
      <span className="muted">
        A Hugging Face model folder (config.json, tokenizer files, onnx/*.onnx), e.g. copied from another machine.
      </span>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        data-testid="model-folder-input"
        aria-label="Choose a model folder"
        multiple
        webkitdirectory=""
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void models.importFolder(files);
        }}
      />
    </div>
  );
}
