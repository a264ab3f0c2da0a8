import { useCallback, useEffect, type KeyboardEvent } from 'react';
import { findModel } from '../engine/models';
import { AddPhotos } from '../features/import/AddPhotos';
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
import { ThemeSwitch } from './ThemeSwitch';
import { useRoute } from './useRoute';
import { FEATURE_VIEWS } from './views';

const TABS = [{ id: 'photos', title: 'Photos' }, ...FEATURE_VIEWS];
const TAB_IDS = TABS.map((t) => t.id);

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
  const tab = feature?.id ?? 'photos';
  useRoute(core, TAB_IDS, { tab, query: search.query, similar: search.similarTo, photo: state.selectedId });
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = TAB_IDS.indexOf(tab);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TAB_IDS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = TAB_IDS[(to + TAB_IDS.length) % TAB_IDS.length]!;
    core.show(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <h1>
          <Logo /> <span className="visually-hidden-narrow">Shoebox</span>
        </h1>
        <SearchBar
          query={search.query}
          minScore={search.minScore}
          sort={search.sort}
          similarTo={search.similarTo}
          browsing={search.matches === null}
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
        <div className="header-actions">
          <AddPhotos onFiles={onFiles} className="add-photos-header" />
          <PickFolder onHandle={onHandle} onFiles={onFiles} />
        </div>
      </header>
      <nav className="tabs" aria-label="Views">
        {/* A tablist: one Tab stop, arrows and Home/End move between the views (WAI-ARIA tabs, automatic activation). */}
        <div role="tablist" aria-label="Views" className="tab-list" onKeyDown={onTabKey}>
          {TABS.map((v) => (
            <button
              key={v.id}
              id={`tab-${v.id}`}
              type="button"
              role="tab"
              data-testid={`tab-${v.id}`}
              aria-selected={tab === v.id}
              aria-controls="view"
              tabIndex={tab === v.id ? 0 : -1}
              onClick={() => core.show(v.id)}
            >
              {v.title}
            </button>
          ))}
        </div>
        <ThemeSwitch />
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
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
        <div
          id="view"
          role="tabpanel"
          aria-labelledby={`tab-${tab}`}
          className={feature ? 'feature-view' : 'photos-view'}
        >
          {feature ? feature.render(core, state) : <PhotosView core={core} state={state} onFiles={onFiles} />}
        </div>
      </main>
      <DropZone onDrop={onDrop} />
      <UpdatePrompt indexing={() => core.store.get().phase === 'indexing'} />
    </div>
  );
}
