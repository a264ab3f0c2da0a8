import { MODEL_CATALOG, isCaptioner, type CaptionerSpec } from '../../engine/models';
import { importedModels } from '../../engine/models/imported';
import type { Photo } from '../../library/schema';
import type { LibraryPhase } from '../../shared/phase';
import { useStore } from '../../shared/store';
import type { Captions } from './captions';
import styles from './CaptionsView.module.css';

export interface CaptionsViewProps {
  captions: Captions;
  photos: readonly Photo[];
  phase: LibraryPhase;
  modelSource: 'hub' | 'demo';
  captionerId: string;
  /** Makes a model the captioner (the models feature owns the choice). */
  onCaptioner: (spec: CaptionerSpec) => void;
}

/** The Captions tab: which model captions, and "caption the whole library" with its progress. */
export function CaptionsView({ captions, photos, phase, modelSource, captionerId, onCaptioner }: CaptionsViewProps) {
  const state = useStore(captions.store);
  const { background } = state;
  // Imported models run in either mode (their files are in the browser cache), as the Models tab offers them.
  const captioners = [...MODEL_CATALOG, ...importedModels()].filter(
    (m): m is CaptionerSpec =>
      isCaptioner(m) && (m.source === modelSource || m.source === 'imported' || m.id === captionerId),
  );
  const captioned = photos.filter((p) => state.byId.has(p.id)).length;
  const byUser = [...state.byId.values()].filter((c) => c.source === 'user').length;
  const spec = captioners.find((m) => m.id === captionerId);

  return (
    <div className="feature-page" data-testid="captions-view">
      <section className="card">
        <h2>Captions</h2>
        <p className="muted">
          A captioning model describes each photo in a sentence, on this device. Captions are searchable: the search box
          matches their words as well as what the photos look like. Your own captions always win over the model's.
        </p>
        <label className="field">
          <span>Captioning model</span>
          <select
            className="input"
            data-testid="captioner-select"
            value={captionerId}
            onChange={(e) => {
              const chosen = captioners.find((m) => m.id === e.target.value);
              if (chosen) onCaptioner(chosen);
            }}
          >
            {captioners.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} · {m.approxSizeMB < 1 ? '<1' : Math.round(m.approxSizeMB)} MB
              </option>
            ))}
          </select>
        </label>
        {spec && <p className="muted small">{spec.description}</p>}
        <p data-testid="caption-count" data-captioned={captioned} data-photos={photos.length}>
          <strong>{captioned}</strong> of {photos.length} photos have a caption
          {byUser > 0 ? ` (${byUser} written by you)` : ''}.
          {state.engineCaptions > 0 && (
            <span className="muted"> The model wrote {state.engineCaptions} this session.</span>
          )}
        </p>
      </section>

      <section className="card">
        <label className={styles.toggle}>
          <input
            type="checkbox"
            data-testid="caption-all"
            checked={background.enabled}
            onChange={(e) => void captions.setBackground(e.target.checked)}
          />
          <span>
            <strong>Caption the whole library</strong> in the background, after indexing finishes
          </span>
        </label>
        <div
          className={styles.progress}
          data-testid="caption-progress"
          data-running={background.running}
          data-paused={background.paused}
          data-done={background.done}
          data-total={background.total}
        >
          {background.running ? (
            <>
              <progress value={background.done} max={Math.max(1, background.total)} />
              <span>
                {background.paused ? 'Paused at' : 'Captioning'} {background.done} of {background.total}
                {background.failed > 0 ? ` · ${background.failed} failed` : ''}
              </span>
              {background.paused ? (
                <button type="button" data-testid="caption-resume" onClick={captions.resume}>
                  Resume
                </button>
              ) : (
                <button type="button" data-testid="caption-pause" onClick={captions.pause}>
                  Pause
                </button>
              )}
              <button type="button" data-testid="caption-cancel" onClick={captions.cancel}>
                Cancel
              </button>
            </>
          ) : (
            <span className="muted">{idleText(background.enabled, phase, captioned, photos.length)}</span>
          )}
        </div>
        {state.error && state.errorPhoto === null && <p className="form-error">{state.error}</p>}
      </section>
    </div>
  );
}

function idleText(enabled: boolean, phase: string, captioned: number, photos: number): string {
  if (!enabled) return 'Off. Open a photo to caption just that one.';
  if (phase === 'indexing') return 'Waiting for indexing to finish.';
  if (photos > 0 && captioned >= photos) return 'Every photo has a caption. New photos are captioned as they arrive.';
  return 'On. New photos are captioned after they are indexed.';
}
