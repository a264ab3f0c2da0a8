import { useMemo, useState } from 'react';
import { CaptionActivity } from '../features/captions/CaptionActivity';
import { PhotoCaption } from '../features/captions/PhotoCaption';
import { PhotoText } from '../features/ocr/PhotoText';
import { AddPhotos } from '../features/import/AddPhotos';
import { TextActivity } from '../features/ocr/TextActivity';
import { findModel } from '../engine/models';
import { textReaderId } from './core';
import { ActiveLabelFilter } from '../features/labels/ActiveLabelFilter';
import { PhotoLabelList } from '../features/labels/PhotoLabelList';
import { Gallery } from '../features/gallery/Gallery';
import { PhotoDetail } from '../features/viewer/PhotoDetail';
import { visibleItems } from './visible';
import { selectionActions } from './selectionActions';
import { readGridLayout, saveGridLayout, type GridLayout } from './settings';
import { TUNABLES } from '../features/tunables';
import { useStore } from '../shared/store';
import type { AppState, Core } from './core';
import styles from './PhotosView.module.css';

/** The gallery: every photo, or the matches of the active search, and the opened photo. */
export function PhotosView({ core, state, onFiles }: { core: Core; state: AppState; onFiles: (f: FileList) => void }) {
  const search = useStore(core.search.store);
  const labels = useStore(core.labels.store);
  const { captionerId } = useStore(core.models.store);
  const { photos } = state;
  const items = useMemo(
    () =>
      visibleItems({
        photos,
        matches: search.matches,
        minScore: search.minScore,
        sort: search.sort,
        photoLabels: labels.photoLabels,
        labelFilter: labels.filter,
      }),
    [photos, search.matches, search.minScore, search.sort, labels.photoLabels, labels.filter],
  );
  const [grid, setGrid] = useState<GridLayout>(() => readGridLayout());
  // Rebuilt when the active label set changes (its labels are the label action's choices).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- labels.sets/activeId say when core.labels.active changed
  const actions = useMemo(() => selectionActions(core), [core, labels.activeId, labels.sets]);
  const readerId = textReaderId(captionerId, state.modelSource);
  const readerName = findModel(readerId)?.name ?? readerId;
  const selected = state.selectedId ? photos.find((p) => p.id === state.selectedId) : undefined;
  const selectedScore = search.matches?.find((m) => m.id === state.selectedId)?.score;

  if (photos.length === 0 && state.phase !== 'indexing') {
    return (
      <section className={styles.welcome} data-testid="welcome">
        <h2>Your photos, searchable by what is in them.</h2>
        <p>
          Drop a folder of photos anywhere on this page, or choose one. Shoebox indexes them on this device with a
          vision-language model; nothing is uploaded, ever.
        </p>
        <p>
          <AddPhotos onFiles={onFiles} className="primary" testId="welcome-add-photos" />
        </p>
      </section>
    );
  }
  return (
    <>
      <h2 className="visually-hidden">{search.matches === null ? 'All photos' : 'Search results'}</h2>
      <ActiveLabelFilter labels={core.labels} />
      <CaptionActivity captions={core.captions} />
      <TextActivity texts={core.texts} available={state.phase === 'ready'} photos={photos} />
      {search.matches !== null && (
        <p
          className={styles.resultCount}
          data-testid="result-count"
          data-query={search.matchesFor ?? ''}
          role="status"
          aria-live="polite"
        >
          {items.length} {items.length === 1 ? 'match' : 'matches'}
          {items.length === 0 && search.matches.length > 0 && (
            <>
              {' '}
              above the relevance cutoff ({search.minScore.toFixed(2)}): no photo is a close match.{' '}
              {search.matches.length === 1 ? 'One weaker match' : `${search.matches.length} weaker matches`} can be
              shown.{' '}
              <button
                type="button"
                data-testid="show-weaker"
                onClick={() => core.search.setMinScore(TUNABLES.weakestMinScore)}
              >
                Show weaker matches
              </button>
            </>
          )}
          {items.length === 0 && search.matches.length === 0 && <> · nothing in the library matches this search.</>}
        </p>
      )}
      <Gallery
        items={items}
        timeline={search.matches === null}
        oldestFirst={search.sort === 'oldest'}
        grid={grid}
        onGrid={(next) => {
          setGrid(next);
          saveGridLayout(next);
        }}
        selection={core.selection}
        actions={actions}
        keysActive={!selected}
        loadThumbnail={core.loadThumbnail}
        onOpen={core.select}
      />
      {selected && (
        <PhotoDetail
          photo={selected}
          score={selectedScore}
          loadThumbnail={core.loadThumbnail}
          loadOriginal={core.loadOriginal}
          onClose={() => core.select(null)}
          onMoreLikeThis={core.moreLikeThis}
        >
          <PhotoCaption captions={core.captions} photoId={selected.id} captionerId={captionerId} />
          <PhotoLabelList labels={labels.photoLabels?.get(selected.id)} />
          <PhotoText texts={core.texts} photoId={selected.id} readerName={readerName} />
        </PhotoDetail>
      )}
    </>
  );
}
