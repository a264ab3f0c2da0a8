import { useCallback, useEffect } from 'react';
import { useStore } from './state/store';
import type { Controller, ImportSource } from './state/controller';
import { sourcesFromDrop, sourceFromFileList, sourceFromHandle } from './state/sources';
import { TUNABLES } from './tunables';
import { FEATURE_VIEWS } from './views';
import { PhotosView } from './PhotosView';
import { findModel } from '../engine/models';
import { SearchBar } from '../ui/Search/SearchBar';
import { Logo } from '../ui/Logo';
import { LibraryStatus } from '../ui/Status/LibraryStatus';
import { DropZone } from '../ui/Import/DropZone';
import { PickFolder } from '../ui/Import/PickFolder';
import { ImportReport } from '../ui/Import/ImportReport';
import { ResumeBanner } from '../ui/Import/ResumeBanner';

export function App({ controller }: { controller: Controller }) {
  const state = useStore(controller.store);
  useEffect(() => {
    void controller.start();
  }, [controller]);

  const importAll = useCallback(
    (pending: Promise<ImportSource[]>) =>
      void pending.then(async (sources) => {
        controller.show('photos');
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
  const feature = FEATURE_VIEWS.find((v) => v.id === state.view);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <Logo /> Shoebox
        </h1>
        <SearchBar
          query={state.query}
          minScore={state.minScore}
          sort={state.sort}
          similarTo={state.similarTo}
          debounceMs={TUNABLES.searchDebounceMs}
          disabled={state.photos.length === 0}
          onQuery={(q) => {
            controller.show('photos');
            controller.setQuery(q);
          }}
          onMinScore={controller.setMinScore}
          onSort={controller.setSort}
          onClearSimilar={controller.clearSimilar}
        />
        <PickFolder onHandle={onHandle} onFiles={onFiles} />
      </header>
      <nav className="tabs" aria-label="Views">
        {[{ id: 'photos', title: 'Photos' }, ...FEATURE_VIEWS].map((v) => (
          <button
            key={v.id}
            type="button"
            data-testid={`tab-${v.id}`}
            aria-current={(feature?.id ?? 'photos') === v.id ? 'page' : undefined}
            onClick={() => controller.show(v.id)}
          >
            {v.title}
          </button>
        ))}
      </nav>
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
      <ResumeBanner
        interrupted={state.interrupted}
        busy={state.phase === 'indexing'}
        onResume={(rootId) => void controller.resumeInterrupted(rootId)}
      />
      <ImportReport problems={state.problems} onClear={() => void controller.clearProblems()} />
      {feature ? (
        <main className="feature-view">{feature.render(controller)}</main>
      ) : (
        <PhotosView controller={controller} state={state} />
      )}
      <DropZone onDrop={onDrop} />
    </div>
  );
}
