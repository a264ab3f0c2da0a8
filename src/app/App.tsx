import { useCallback, useEffect, useMemo } from 'react';
import { useStore } from './state/store';
import type { Controller } from './state/controller';
import { visibleItems } from './state/visible';
import { TUNABLES } from './tunables';
import { findModel } from '../engine/models';
import { Gallery } from '../ui/Gallery/Gallery';
import { PhotoDetail } from '../ui/Gallery/PhotoDetail';
import { SearchBar } from '../ui/Search/SearchBar';
import { LibraryStatus } from '../ui/Status/LibraryStatus';
import { DropZone } from '../ui/Import/DropZone';
import { PickFolder } from '../ui/Import/PickFolder';
import { ImportReport } from '../ui/Import/ImportReport';
import { sourcesFromDrop, sourceFromFileList, sourceFromHandle } from './state/sources';

export function App({ controller }: { controller: Controller }) {
  const state = useStore(controller.store);
  useEffect(() => {
    void controller.start();
  }, [controller]);

  const importAll = useCallback(
    (pending: Promise<Awaited<ReturnType<typeof sourcesFromDrop>>>) =>
      void pending.then(async (sources) => {
        for (const source of sources) await controller.import(source);
      }),
    [controller],
  );
  const onDrop = useCallback((data: DataTransfer) => importAll(sourcesFromDrop(data)), [importAll]);
  const onHandle = useCallback(
    (handle: FileSystemDirectoryHandle) => importAll(sourceFromHandle(handle).then((s) => [s])),
    [importAll],
  );
  const onFiles = useCallback(
    (files: FileList) => importAll(Promise.resolve([sourceFromFileList(files)])),
    [importAll],
  );

  const items = useMemo(() => visibleItems(state), [state]);
  const selected = state.selectedId ? state.photos.find((p) => p.id === state.selectedId) : undefined;
  const selectedScore = state.matches?.find((m) => m.id === state.selectedId)?.score;
  const searching = state.matches !== null;

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <span aria-hidden>📦</span> Shoebox
        </h1>
        <SearchBar
          query={state.query}
          minScore={state.minScore}
          sort={state.sort}
          similarTo={state.similarTo}
          debounceMs={TUNABLES.searchDebounceMs}
          disabled={state.photos.length === 0}
          onQuery={controller.setQuery}
          onMinScore={controller.setMinScore}
          onSort={controller.setSort}
          onClearSimilar={controller.clearSimilar}
        />
        <PickFolder onHandle={onHandle} onFiles={onFiles} />
      </header>
      <LibraryStatus
        phase={state.phase}
        photoCount={state.photos.length}
        indexedCount={state.indexedCount}
        failedCount={state.problems.length}
        indexing={state.indexing}
        modelProgress={state.modelProgress}
        modelName={findModel(state.embedderId)?.name ?? state.embedderId}
        device={state.device}
        message={state.message}
        onPause={controller.pause}
        onResume={controller.resume}
        onCancel={controller.cancel}
      />
      <ImportReport problems={state.problems} onClear={() => void controller.clearProblems()} />
      {state.photos.length === 0 && state.phase !== 'indexing' ? (
        <section className="welcome" data-testid="welcome">
          <h2>Your photos, searchable by what is in them.</h2>
          <p>
            Drop a folder of photos anywhere on this page, or choose one. Shoebox indexes them on this device with a
            vision-language model; nothing is uploaded, ever.
          </p>
        </section>
      ) : (
        <>
          {searching && (
            <p className="result-count" data-testid="result-count">
              {items.length} {items.length === 1 ? 'match' : 'matches'}
            </p>
          )}
          <Gallery
            items={items}
            tileSize={TUNABLES.tileSize}
            loadThumbnail={controller.loadThumbnail}
            onOpen={controller.select}
          />
        </>
      )}
      {selected && (
        <PhotoDetail
          photo={selected}
          score={selectedScore}
          loadThumbnail={controller.loadThumbnail}
          onClose={() => controller.select(null)}
          onMoreLikeThis={controller.moreLikeThis}
        />
      )}
      <DropZone onDrop={onDrop} />
    </div>
  );
}
