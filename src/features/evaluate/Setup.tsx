import { useRef, useState, type DragEvent } from 'react';
import { VALIDATION_SHARE_RANGE, type EvalState, type Evaluation } from './evaluate';
import { matchReferences } from './evaluateData';
import { MODEL_CATALOG, isCaptioner, isEmbedder, type ModelSpec } from '../../engine/models';
import { importedModels } from '../../engine/models/imported';
import { walkDataTransfer, walkFileList } from '../../ingest/walk';
import { DEFAULT_PROMPT_TEMPLATES } from '../../search/zeroShot';
import styles from './evaluate.module.css';

/** Models the app can load here: bench models are never served, hub models need the hub. */
export function usable(spec: ModelSpec, modelSource: 'hub' | 'demo'): boolean {
  return !spec.repo.startsWith('bench/') && (modelSource === 'hub' || spec.source !== 'hub');
}

export interface SetupProps {
  evaluation: Evaluation;
  state: EvalState;
  modelSource: 'hub' | 'demo';
  /** Why runs are off right now (an import is using the model), or null. */
  blocked: string | null;
}

/** The folder picker and drop target for the evaluation set. */
function DatasetPicker({ evaluation, state }: Pick<SetupProps, 'evaluation' | 'state'>) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  // Handled here and stopped, so the page's own drop zone does not import the set into the library.
  const stop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };
  const { dataset } = state;
  return (
    <div
      className={over ? `${styles.drop} ${styles.dropOver}` : styles.drop}
      data-testid="eval-dropzone"
      onDragEnter={(e) => {
        stop(e);
        setOver(true);
      }}
      onDragOver={stop}
      onDragLeave={(e) => {
        stop(e);
        setOver(false);
      }}
      onDrop={(e) => {
        stop(e);
        setOver(false);
        void walkDataTransfer(e.dataTransfer).then(({ files }) => evaluation.setFiles(files));
      }}
    >
      <button type="button" className="primary" onClick={() => input.current?.click()}>
        Choose a folder to evaluate
      </button>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        data-testid="eval-folder-input"
        aria-label="Choose a folder of class subfolders to evaluate"
        multiple
        webkitdirectory=""
        onChange={(e) => {
          if (e.target.files?.length) void evaluation.setFiles(walkFileList(e.target.files));
          e.target.value = '';
        }}
      />
      <span className={styles.hint}>or drop it here. Photos are read, not added to your library.</span>
      <button
        type="button"
        data-testid="eval-use-library"
        title="Evaluate the photos already in the library, each folder a class, from their stored vectors"
        onClick={() => void evaluation.useLibrary()}
      >
        Use the library (folders as classes)
      </button>
      {dataset && (
        <div
          className={styles.dataset}
          data-testid="eval-dataset"
          data-photos={dataset.photos.length}
          data-classes={dataset.classes.length}
          data-source={dataset.source}
        >
          <strong>{dataset.name}</strong>: {dataset.photos.length} photos in {dataset.classes.length} classes
          <div className={styles.chips}>
            {dataset.classes.map((c) => (
              <span key={c} className={styles.classChip}>
                {c} <span className={styles.hint}>{dataset.photos.filter((p) => p.className === c).length}</span>
              </span>
            ))}
          </div>
          {dataset.ignored.length > 0 && <p className={styles.hint}>{dataset.ignored.length} other files ignored.</p>}
          {dataset.source === 'library' && (
            <p className={styles.hint}>
              The library’s stored vectors are used; a photo without one for a model is left out, not embedded again.
            </p>
          )}
          <TooFew state={state} />
        </div>
      )}
    </div>
  );
}

/** Prompt templates: each model's own, or a list typed here (several are averaged: prompt ensembling). */
function Templates({ evaluation, state }: Pick<SetupProps, 'evaluation' | 'state'>) {
  const [text, setText] = useState(DEFAULT_PROMPT_TEMPLATES.join('\n'));
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const bad = lines.filter((l) => !l.includes('{}'));
  const applyText = (value: string) => {
    setText(value);
    const next = value
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (next.length > 0 && next.every((l) => l.includes('{}')))
      evaluation.setTemplates({ kind: 'custom', templates: next });
  };
  const custom = state.templates.kind === 'custom';
  return (
    <fieldset className={styles.fieldset}>
      <legend>Prompts</legend>
      <label>
        <input
          type="radio"
          name="eval-templates"
          data-testid="eval-templates-model"
          checked={!custom}
          onChange={() => evaluation.setTemplates({ kind: 'model' })}
        />
        each model’s own templates
      </label>
      <label>
        <input
          type="radio"
          name="eval-templates"
          data-testid="eval-templates-custom"
          checked={custom}
          onChange={() => applyText(text)}
        />
        these templates, averaged (<code>{'{}'}</code> is the class folder’s name)
      </label>
      {custom && (
        <>
          <textarea
            data-testid="eval-templates"
            rows={Math.min(8, Math.max(3, lines.length + 1))}
            value={text}
            onChange={(e) => applyText(e.target.value)}
          />
          <div className={styles.row}>
            <button type="button" onClick={() => applyText(DEFAULT_PROMPT_TEMPLATES.join('\n'))}>
              CLIP photo ensemble
            </button>
            <button type="button" onClick={() => applyText('{}')}>
              Just the class name
            </button>
          </div>
          {bad.length > 0 && (
            <p className={styles.error}>
              Every template needs {'{}'}: {bad.join(', ')}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}

/** Classes of one photo can't be in both halves of the split: said before the run, not silently dropped. */
function TooFew({ state }: Pick<SetupProps, 'state'>) {
  const { dataset } = state;
  if (!dataset) return null;
  const tooFew = dataset.classes.filter((c) => dataset.photos.filter((p) => p.className === c).length < 2);
  if (tooFew.length === 0) return null;
  return (
    <p className={styles.hint} data-testid="eval-setup-too-few" data-classes={tooFew.join(',')}>
      Not evaluated by the linear probe or retrieval, too few photos (fewer than 2): {tooFew.join(', ')}. Zero-shot
      still labels them.
    </p>
  );
}

/** The train/validation split of the linear probe and retrieval: the share held out and the seed, both settable. */
function Split({ evaluation, state }: Pick<SetupProps, 'evaluation' | 'state'>) {
  const { validationShare, seed } = state.split;
  const { min, max } = VALIDATION_SHARE_RANGE;
  const [shareText, setShareText] = useState<string | null>(null);
  return (
    <fieldset className={styles.fieldset}>
      <legend>Split for the linear probe and retrieval</legend>
      <label className={styles.row}>
        Validation share
        <input
          type="range"
          min={min}
          max={max}
          step={0.05}
          aria-label="Validation share (slider)"
          value={validationShare}
          onChange={(e) => {
            setShareText(null);
            evaluation.setValidationShare(Number(e.target.value));
          }}
        />
        <input
          type="number"
          min={min}
          max={max}
          step={0.05}
          data-testid="eval-validation-share"
          value={shareText ?? validationShare}
          // Typed text is kept until it is a share in range (so "0.25" can be typed through "0."), clamped on blur.
          onChange={(e) => {
            const share = Number(e.target.value);
            setShareText(e.target.value);
            if (e.target.value !== '' && share >= min && share <= max) evaluation.setValidationShare(share);
          }}
          onBlur={() => {
            if (shareText !== null && shareText !== '') evaluation.setValidationShare(Number(shareText));
            setShareText(null);
          }}
        />
      </label>
      <label className={styles.row}>
        Seed
        <input
          type="number"
          min={0}
          step={1}
          data-testid="eval-split-seed"
          value={seed}
          onChange={(e) => evaluation.setSeed(Number(e.target.value))}
        />
      </label>
      <p className={styles.hint}>
        Each class is shuffled with the seed and {Math.round(validationShare * 100)}% of it held out: the probe trains
        on the rest and is scored on it. The same seed gives the same split. Zero-shot and k-NN use every photo.
      </p>
    </fieldset>
  );
}

/** Setup of the classification run: which embedders, which prompts, k for k-NN, the split. */
export function ClassificationSetup({ evaluation, state, modelSource, blocked }: SetupProps) {
  // The catalog's embedders and those imported from a folder (Models tab).
  const embedders = [...MODEL_CATALOG, ...importedModels()]
    .filter(isEmbedder)
    .filter((m) => !m.repo.startsWith('bench/'));
  const running = state.progress !== null;
  const ready = state.dataset !== null && state.dataset.classes.length >= 2 && state.embedderIds.length > 0;
  return (
    <section className={styles.panel}>
      <h2>Classification</h2>
      <DatasetPicker evaluation={evaluation} state={state} />
      <fieldset className={styles.fieldset}>
        <legend>Models</legend>
        {embedders.map((m) => {
          const ok = usable(m, modelSource);
          return (
            <label
              key={m.id}
              className={ok ? undefined : styles.hint}
              title={ok ? m.description : 'Needs the hub (not in demo mode)'}
            >
              <input
                type="checkbox"
                data-testid="eval-model"
                value={m.id}
                disabled={!ok}
                checked={ok && state.embedderIds.includes(m.id)}
                onChange={(e) =>
                  evaluation.setEmbedderIds(
                    e.target.checked ? [...state.embedderIds, m.id] : state.embedderIds.filter((id) => id !== m.id),
                  )
                }
              />
              {m.name} <span className={styles.hint}>{m.approxSizeMB} MB</span>
            </label>
          );
        })}
      </fieldset>
      <Templates evaluation={evaluation} state={state} />
      <label className={styles.row}>
        k-NN neighbours
        <input
          type="number"
          min={1}
          max={50}
          data-testid="eval-knn-k"
          value={state.knnK}
          onChange={(e) => evaluation.setKnnK(Number(e.target.value))}
        />
      </label>
      <Split evaluation={evaluation} state={state} />
      <button
        type="button"
        className="primary"
        data-testid="eval-run-classification"
        disabled={!ready || running || blocked !== null}
        title={blocked ?? undefined}
        onClick={() => void evaluation.runClassification()}
      >
        Evaluate {state.embedderIds.length > 1 ? `${state.embedderIds.length} models` : 'model'}
      </button>
    </section>
  );
}

/** Setup of the caption run: the reference file and the captioner. */
export function CaptionSetup({ evaluation, state, modelSource, blocked }: SetupProps) {
  const input = useRef<HTMLInputElement>(null);
  const captioners = MODEL_CATALOG.filter(isCaptioner);
  const { references, dataset } = state;
  const match = references && dataset ? matchReferences(references.captions, dataset.photos) : null;
  const running = state.progress !== null;
  return (
    <section className={styles.panel}>
      <h2>Captions</h2>
      <p className={styles.help}>
        Reference captions as <b>CSV</b>, one <code>file,caption</code> row per reference (a header row is optional; a
        photo may have several rows; quote captions with <code>"</code> as usual), or <b>JSON</b>:{' '}
        <code>{'{"red-1.png": ["a red picture", "red"]}'}</code>. A file is a name (<code>red-1.png</code>) or a path
        inside the picked folder (<code>red/red-1.png</code>). A <code>.csv</code> or <code>.json</code> inside the
        folder is read automatically.
      </p>
      <div className={styles.row}>
        <button type="button" onClick={() => input.current?.click()}>
          Choose reference captions
        </button>
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          data-testid="eval-references-input"
          aria-label="Choose reference captions (CSV or JSON)"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void evaluation.setReferences(file);
            e.target.value = '';
          }}
        />
        {references && (
          <span data-testid="eval-references" data-matched={match?.matched.length ?? 0}>
            {references.fileName}: {references.captions.size} files
            {match && <>, {match.matched.length} matched in the folder</>}
          </span>
        )}
      </div>
      {references && references.problems.length > 0 && (
        <p className={styles.error}>Skipped: {references.problems.slice(0, 3).join('; ')}</p>
      )}
      {match && (match.unmatched.length > 0 || match.ambiguous.length > 0) && (
        <p className={styles.hint}>
          {match.unmatched.length > 0 && <>Not in the folder: {match.unmatched.slice(0, 5).join(', ')}. </>}
          {match.ambiguous.length > 0 && <>Names more than one photo: {match.ambiguous.slice(0, 5).join(', ')}.</>}
        </p>
      )}
      <label className={styles.row}>
        Captioner
        <select
          data-testid="eval-captioner"
          value={state.captionerId}
          onChange={(e) => evaluation.setCaptionerId(e.target.value)}
        >
          {captioners.map((m) => (
            <option key={m.id} value={m.id} disabled={!usable(m, modelSource)}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        data-testid="eval-run-captions"
        disabled={!match || match.matched.length === 0 || running || blocked !== null}
        title={blocked ?? undefined}
        onClick={() => void evaluation.runCaptions()}
      >
        Caption and score
      </button>
    </section>
  );
}
