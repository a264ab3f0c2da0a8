import { useCallback, useEffect } from 'react';
import { findModel } from '../engine/models';
import { DropZone } from '../features/import/DropZone';
import { ImportReport } from '../features/import/ImportReport';
import type { ImportSource } from '../features/import/importSlice';
import { LibraryStatus } from '../features/import/LibraryStatus';
import { PickFolder } from '../features/import/PickFolder';
import { ResumeBanner } from '../features/import/ResumeBanner';
import { sourceFromFileList, sourceFromHandle, sourcesFromDrop } from '../features/import/sources';
import { SearchBar } from '../features/search/SearchBar';
import { TUNABLES } from '../features/tunables';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { useStore } from '../shared/store';
import type { Core } from './core';
import { Logo } from './Logo';
import { PhotosView } from './PhotosView';
import { FEATURE_VIEWS } from './views';

export function App({ core }: { core: Core }) {
  const state = useStore(core.store);
  const search = useStore(core.search.store);
  const imports = useStore(core.importer.store);
  const { embedderId } = useStore(core.models.store);
  useEffect(() => {
    void core.start();
  }, [core]);

  const importAll = useCallback(
    (pending: Promise<ImportSource[]>) =>
      void pending.then((sources) => {
        core.show('photos');
        return core.importSources(sources);
      }),
    [core],
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
          query={search.query}
          minScore={search.minScore}
          sort={search.sort}
          similarTo={search.similarTo}
          queryErrors={search.matchesFor === search.query ? search.queryErrors : []}
          debounceMs={TUNABLES.searchDebounceMs}
          disabled={state.photos.length === 0}
          onQuery={(q) => {
            core.show('photos');
            core.search.setQuery(q);
          }}
          onMinScore={core.search.setMinScore}
          onSort={core.search.setSort}
          onClearSimilar={core.search.clearSimilar}
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
            onClick={() => core.show(v.id)}
          >
            {v.title}
          </button>
        ))}
      </nav>
      <LibraryStatus
        phase={state.phase}
        photoCount={state.photos.length}
        indexedCount={search.indexedCount}
        failedCount={state.problems.length}
        indexing={imports.indexing}
        modelProgress={state.modelProgress}
        modelName={findModel(embedderId)?.name ?? embedderId}
        device={state.device}
        message={state.message}
        onPause={core.importer.pause}
        onResume={core.importer.resume}
        onCancel={core.importer.cancel}
      />
      <ResumeBanner
        interrupted={imports.interrupted}
        busy={state.phase === 'indexing'}
        onResume={(rootId) => void core.importer.resumeInterrupted(rootId)}
      />
      <ImportReport problems={state.problems} onClear={() => void core.clearProblems()} />
      {feature ? (
        <main className="feature-view">{feature.render(core, state)}</main>
      ) : (
        <PhotosView core={core} state={state} />
      )}
      <DropZone onDrop={onDrop} />
      <UpdatePrompt indexing={() => core.store.get().phase === 'indexing'} />
    </div>
  );
}
