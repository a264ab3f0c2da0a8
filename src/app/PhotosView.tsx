import { useMemo, useState } from 'react';
import { CaptionActivity } from '../features/captions/CaptionActivity';
import { PhotoCaption } from '../features/captions/PhotoCaption';
import { PhotoText } from '../features/ocr/PhotoText';
import { TextActivity } from '../features/ocr/TextActivity';
import { findModel } from '../engine/models';
import { textReaderId } from './core';
import { ActiveLabelFilter } from '../features/labels/ActiveLabelFilter';
import { PhotoLabelList } from '../features/labels/PhotoLabelList';
import { Gallery, galleryOrder } from '../features/gallery/Gallery';
import { PhotoViewer } from '../features/viewer/PhotoViewer';
import { visibleItems } from './visible';
import { selectionActions } from './selectionActions';
import { readGridLayout, saveGridLayout, type GridLayout } from './settings';
import { TUNABLES } from '../features/tunables';
import { useStore } from '../shared/store';
import type { AppState, Core } from './core';
import styles from './PhotosView.module.css';

/** The gallery: every photo, or the matches of the active search, and the opened photo. */
export function PhotosView({ core, state }: { core: Core; state: AppState }) {
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
  const timeline = search.matches === null;
  // The viewer walks the photos in the order the gallery shows them.
  const order = useMemo(() => galleryOrder(items, timeline).map((i) => i.photo.id), [items, timeline]);
  const byId = useMemo(() => new Map(photos.map((p) => [p.id, p])), [photos]);
  const selected = state.selectedId ? byId.get(state.selectedId) : undefined;
  const selectedScore = search.matches?.find((m) => m.id === state.selectedId)?.score;

  if (photos.length === 0 && state.phase !== 'indexing') {
    return (
      <section className={styles.welcome} data-testid="welcome">
        <h2>Your photos, searchable by what is in them.</h2>
        <p>
          Drop a folder of photos anywhere on this page, or choose one. Shoebox indexes them on this device with a
          vision-language model; nothing is uploaded, ever.
        </p>
      </section>
    );
  }
  return (
    <>
      <ActiveLabelFilter labels={core.labels} />
      <CaptionActivity captions={core.captions} />
      <TextActivity texts={core.texts} available={state.phase === 'ready'} photos={photos} />
      {search.matches !== null && (
        <p className={styles.resultCount} data-testid="result-count" data-query={search.matchesFor ?? ''}>
          {items.length} {items.length === 1 ? 'match' : 'matches'}
          {items.length === 0 && search.matches.length > 0 && (
            <>
              {' '}
              above the relevance cutoff.{' '}
              <button
                type="button"
                data-testid="show-weaker"
                onClick={() => core.search.setMinScore(TUNABLES.weakestMinScore)}
              >
                Show weaker matches
              </button>
            </>
          )}
        </p>
      )}
      <Gallery
        items={items}
        timeline={timeline}
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
        <PhotoViewer
          photoId={selected.id}
          order={order}
          photo={(id) => byId.get(id)}
          score={selectedScore}
          loadThumbnail={core.loadThumbnail}
          openOriginal={core.openOriginal}
          allowFolderAccess={core.allowFolderAccess}
          onNavigate={core.select}
          onClose={() => core.select(null)}
          onMoreLikeThis={core.moreLikeThis}
        >
          <PhotoCaption captions={core.captions} photoId={selected.id} captionerId={captionerId} />
          <PhotoLabelList labels={labels.photoLabels?.get(selected.id)} />
          <PhotoText texts={core.texts} photoId={selected.id} readerName={readerName} />
        </PhotoViewer>
      )}
    </>
  );
}
