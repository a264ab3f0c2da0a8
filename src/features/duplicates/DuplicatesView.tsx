import { useMemo } from 'react';
import type { Photo } from '../../library/schema';
import { formatBytes } from '../../shared/format';
import { useStore } from '../../shared/store';
import { useThumbnailUrl } from '../../shared/useThumbnailUrl';
import { TUNABLES } from '../tunables';
import type { DuplicatesSlice } from './duplicates';
import { burstGroups } from './groups';
import { HideUndo } from './HideUndo';
import styles from './DuplicatesView.module.css';

export interface DuplicatesViewProps {
  duplicates: DuplicatesSlice;
  photos: readonly Photo[];
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
  /** Grouping needs the index: it waits while photos are being indexed or the library has none. */
  available: boolean;
}

/**
 * Near-duplicates (found in the search worker) and bursts (shots seconds apart), side by side with size, date and
 * resolution; the suggested best is marked and the rest can be hidden, per group or for all groups.
 */
export function DuplicatesView({ duplicates, photos, loadThumbnail, available }: DuplicatesViewProps) {
  const state = useStore(duplicates.store);
  const byId = useMemo(() => new Map(photos.map((p) => [p.id, p])), [photos]);
  const groups = useMemo(
    () =>
      state.groups
        .map((ids) => ids.map((id) => byId.get(id)).filter((p): p is Photo => p !== undefined))
        .filter((g) => g.length > 1),
    [state.groups, byId],
  );
  const bursts = useMemo(() => burstGroups(photos, TUNABLES.burstMaxGapMs), [photos]);
  const open = groups.filter((g) => duplicates.split(g).rest.some((p) => !p.hidden));
  const grouping = state.status === 'grouping';
  return (
    <section className={styles.view} aria-label="Duplicates" data-testid="duplicates-view">
      <h2>Duplicates</h2>
      <p className="muted">
        Photos that look the same (near-duplicates) and shots taken seconds apart (bursts). Hiding a photo takes it out
        of the gallery and search; the file is never deleted or changed, and it can be shown again at any time.
      </p>
      <div className={styles.toolbar}>
        {grouping ? (
          <>
            <progress
              data-testid="duplicates-progress"
              max={state.progress?.total || 1}
              value={state.progress?.done ?? 0}
              aria-label="Grouping"
            />
            <span role="status">
              Grouping {state.progress?.done ?? 0} of {state.progress?.total ?? 0}…
            </span>
            <button type="button" data-testid="duplicates-cancel" onClick={() => duplicates.cancel()}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            data-testid="duplicates-find"
            disabled={!available}
            onClick={() => void duplicates.find()}
          >
            {state.status === 'done' ? 'Find again' : 'Find duplicates'}
          </button>
        )}
        {open.length > 0 && (
          <button type="button" data-testid="duplicates-hide-all" onClick={() => void duplicates.hideRest(open)}>
            Hide the rest in all {open.length} groups
          </button>
        )}
        <label className={styles.switch}>
          <input
            type="checkbox"
            data-testid="show-hidden"
            checked={state.showHidden}
            onChange={(e) => duplicates.setShowHidden(e.target.checked)}
          />
          Show hidden photos in the gallery
        </label>
      </div>
      <HideUndo duplicates={duplicates} />
      {state.error && (
        <p className="notice error" role="alert" data-testid="duplicates-error">
          {state.error}
        </p>
      )}
      {state.status === 'cancelled' && <p className="muted">Grouping cancelled.</p>}
      {state.status === 'done' && (
        <p className="muted" data-testid="duplicates-count" data-count={groups.length}>
          {groups.length === 0
            ? 'No near-duplicates found.'
            : `${groups.length} ${groups.length === 1 ? 'group' : 'groups'} of near-duplicates.`}
        </p>
      )}
      {groups.map((group) => (
        <Group
          key={group[0]!.id}
          kind="duplicate"
          group={group}
          duplicates={duplicates}
          loadThumbnail={loadThumbnail}
        />
      ))}
      <h3>Bursts</h3>
      {bursts.length === 0 ? (
        <p className="muted" data-testid="bursts-none">
          No bursts: no photos of one folder taken within {TUNABLES.burstMaxGapMs / 1000} s of each other.
        </p>
      ) : (
        bursts.map((group) => (
          <Group key={group[0]!.id} kind="burst" group={group} duplicates={duplicates} loadThumbnail={loadThumbnail} />
        ))
      )}
    </section>
  );
}

function Group({
  kind,
  group,
  duplicates,
  loadThumbnail,
}: {
  kind: 'duplicate' | 'burst';
  group: readonly Photo[];
  duplicates: DuplicatesSlice;
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
}) {
  const { best, rest } = duplicates.split(group);
  const hiddenRest = rest.filter((p) => p.hidden);
  return (
    <article className={styles.group} data-testid={`${kind}-group`} data-count={group.length}>
      <ul className={styles.members}>
        {[best, ...rest].map((photo) => (
          <Member
            key={photo.id}
            photo={photo}
            best={photo === best}
            loadThumbnail={loadThumbnail}
            onShow={() => void duplicates.unhide([photo.id])}
          />
        ))}
      </ul>
      <div className={styles.groupActions}>
        {hiddenRest.length < rest.length ? (
          <button type="button" data-testid={`${kind}-hide-rest`} onClick={() => void duplicates.hideRest([group])}>
            Hide the rest ({rest.length - hiddenRest.length})
          </button>
        ) : (
          <button
            type="button"
            data-testid={`${kind}-show-rest`}
            onClick={() => void duplicates.unhide(hiddenRest.map((p) => p.id))}
          >
            Show the rest again
          </button>
        )}
      </div>
    </article>
  );
}

function Member({
  photo,
  best,
  loadThumbnail,
  onShow,
}: {
  photo: Photo;
  best: boolean;
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
  onShow: () => void;
}) {
  const url = useThumbnailUrl(photo.id, loadThumbnail);
  const date = photo.takenAt ?? photo.lastModified;
  return (
    <li
      className={styles.member}
      data-testid="duplicate-member"
      data-photo-id={photo.id}
      data-name={photo.name}
      data-best={best}
      data-hidden={photo.hidden === true}
    >
      <div className={styles.thumb}>{url && <img src={url} alt="" />}</div>
      <div className={styles.facts}>
        <span className={styles.name} title={photo.path}>
          {photo.name}
        </span>
        <span>
          {photo.width} × {photo.height} · {formatBytes(photo.size)}
        </span>
        <span>
          {new Date(date).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
          {photo.takenAt === null && ' (file date)'}
        </span>
        {best && (
          <span className={styles.best} data-testid="duplicate-best">
            Suggested best
          </span>
        )}
        {photo.hidden && (
          <span className={styles.hidden}>
            Hidden{' '}
            <button type="button" className={styles.link} data-testid="duplicate-show" onClick={onShow}>
              Show
            </button>
          </span>
        )}
      </div>
    </li>
  );
}
