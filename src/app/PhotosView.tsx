import { useCallback, useMemo, useState } from 'react';
import { CaptionActivity } from '../features/captions/CaptionActivity';
import { PhotoCaption } from '../features/captions/PhotoCaption';
import { PhotoText } from '../features/ocr/PhotoText';
import { AddPhotos } from '../features/import/AddPhotos';
import { TextActivity } from '../features/ocr/TextActivity';
import { NotesExport } from '../features/ask/NotesExport';
import { PhotoAsk } from '../features/ask/PhotoAsk';
import { DEFAULT_MODELS, findModel } from '../engine/models';
import { textReaderId } from './core';
import { ActiveLabelFilter } from '../features/labels/ActiveLabelFilter';
import { PhotoLabelList } from '../features/labels/PhotoLabelList';
import { Gallery, galleryOrder } from '../features/gallery/Gallery';
import { HiddenSwitch } from '../features/duplicates/HiddenSwitch';
import { PhotoViewer } from '../features/viewer/PhotoViewer';
import { LikeThisBut } from '../features/search/LikeThisBut';
import { RefineBar } from '../features/search/RefineBar';
import { filterOptions, photoPlaces, type FilterOptions } from '../features/search/filterOptions';
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
  const { photos: all } = state;
  const { showHidden } = useStore(core.duplicates.store);
  const hiddenCount = useMemo(() => all.filter((p) => p.hidden).length, [all]);
  // Hidden photos leave the grid and the results unless the user shows them (the search worker skips them too).
  const photos = useMemo(
    () => (showHidden || hiddenCount === 0 ? all : all.filter((p) => !p.hidden)),
    [all, showHidden, hiddenCount],
  );
  const items = useMemo(
    () =>
      visibleItems({
        photos,
        matches: search.matches,
        minScore: search.minScore,
        sort: search.sort,
        photoLabels: labels.photoLabels,
        labelFilter: labels.filter,
        browse: search.browse,
      }),
    [photos, search.matches, search.minScore, search.sort, labels.photoLabels, labels.filter, search.browse],
  );
  const activeLabels = labels.sets.find((s) => s.id === labels.activeId)?.labels;
  const refineOptions = useCallback(() => filterOptions(photos, activeLabels), [photos, activeLabels]);
  const [grid, setGrid] = useState<GridLayout>(() => readGridLayout());
  // Rebuilt when the active label set changes (its labels are the label action's choices).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- labels.sets/activeId say when core.labels.active changed
  const actions = useMemo(() => selectionActions(core), [core, labels.activeId, labels.sets]);
  const readerId = textReaderId(captionerId, state.modelSource);
  const readerName = findModel(readerId)?.name ?? readerId;
  const askerName = DEFAULT_MODELS[state.modelSource].asker.name;
  const timeline = search.matches === null;
  // Looked up in the core's map, made when first needed: not a map of 100k photos per imported batch.
  const selected = state.selectedId ? core.photosById().get(state.selectedId) : undefined;
  // The viewer walks the photos in the order the gallery shows them (worked out while it is open).
  const oldestFirst = search.sort === 'oldest';
  const viewing = selected !== undefined;
  const order = useMemo(
    () => (viewing ? galleryOrder(items, timeline, oldestFirst).map((i) => i.photo.id) : []),
    [viewing, items, timeline, oldestFirst],
  );
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
      <HiddenSwitch duplicates={core.duplicates} hiddenCount={hiddenCount} />
      <CaptionActivity captions={core.captions} />
      <TextActivity texts={core.texts} available={state.phase === 'ready'} photos={photos} />
      {search.matches === null && search.browse !== null && (
        <p className={styles.resultCount} data-testid="filter-count" data-count={items.length}>
          {items.length} {items.length === 1 ? 'photo passes' : 'photos pass'} the filters
        </p>
      )}
      <NotesExport ask={core.ask} photos={photos} />
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
        timeline={timeline}
        oldestFirst={oldestFirst}
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
        tools={<RefineWithSelection core={core} options={refineOptions} />}
      />
      {selected && (
        <PhotoViewer
          photoId={selected.id}
          order={order}
          photo={(id) => core.photosById().get(id)}
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
          <LikeThisBut
            onSearch={(text) => {
              core.search.likeThisBut(selected.id, text);
              core.select(null);
            }}
          />
          {selected.gps && (
            <button
              type="button"
              className="pill"
              data-testid="filter-near"
              onClick={() => {
                core.search.filterNear(selected.id, TUNABLES.nearPhotoKm);
                core.select(null);
              }}
            >
              Photos taken near here
            </button>
          )}
          <PhotoAsk ask={core.ask} photoId={selected.id} modelName={askerName} />
        </PhotoViewer>
      )}
    </>
  );
}

/** The refine bar with the selected photos' places; alone in following the selection, so a click re-renders only it. */
function RefineWithSelection(props: { core: Core; options: () => FilterOptions }) {
  const { core, options } = props;
  const { ids } = useStore(core.selection.store);
  const places = useMemo(() => photoPlaces([...ids].map((id) => core.photosById().get(id))), [ids, core]);
  return <RefineBar search={core.search} options={options} selectedPlaces={places} />;
}
