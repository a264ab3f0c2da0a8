import type { ReactNode } from 'react';
import { CaptionsView } from '../features/captions/CaptionsView';
import { DuplicatesView } from '../features/duplicates/DuplicatesView';
import { EvaluateView } from '../features/evaluate/EvaluateView';
import { FoldersView } from '../features/folders/FoldersView';
import { LabelsView } from '../features/labels/LabelsView';
import { ModelsView } from '../features/models/ModelsView';
import { StorageView } from '../features/storage/StorageView';
import { useStore } from '../shared/store';
import type { AppState, Core } from './core';

/** A view beside the photos, reached from the header's tabs: the app hands each feature what it shows. */
export interface FeatureView {
  readonly id: string;
  readonly title: string;
  render(core: Core, state: AppState): ReactNode;
}

export const FEATURE_VIEWS: readonly FeatureView[] = [
  {
    id: 'folders',
    title: 'Folders',
    render: (core, state) => (
      <FoldersView
        photos={state.photos}
        indexing={state.phase === 'indexing'}
        folders={core.importer.folders}
        onRescan={(rootId) => void core.importer.rescan(rootId)}
      />
    ),
  },
  { id: 'labels', title: 'Labels', render: (core, state) => <Labels core={core} state={state} /> },
  { id: 'captions', title: 'Captions', render: (core, state) => <Captions core={core} state={state} /> },
  {
    id: 'duplicates',
    title: 'Duplicates',
    render: (core, state) => (
      <DuplicatesView
        duplicates={core.duplicates}
        photos={state.photos}
        loadThumbnail={core.loadThumbnail}
        available={state.phase === 'ready'}
      />
    ),
  },
  {
    id: 'models',
    title: 'Models',
    render: (core, state) => <ModelsView models={core.models} indexing={state.phase === 'indexing'} />,
  },
  {
    id: 'storage',
    title: 'Storage',
    render: (core, state) => <StorageView storage={core.storage} indexing={state.phase === 'indexing'} />,
  },
  {
    id: 'evaluate',
    title: 'Evaluate',
    render: (core, state) => (
      <EvaluateView
        evaluation={core.evaluation}
        modelSource={state.modelSource}
        indexing={state.phase === 'indexing'}
      />
    ),
  },
];

function Labels({ core, state }: { core: Core; state: AppState }) {
  const { embedderId, captionerId } = useStore(core.models.store);
  return (
    <LabelsView
      labels={core.labels}
      photos={state.photos}
      embedderId={embedderId}
      captionerId={captionerId}
      captions={() => core.captions.store.get().byId}
      onShowLabel={() => core.show('photos')}
      loadThumbnail={core.loadThumbnail}
    />
  );
}

function Captions({ core, state }: { core: Core; state: AppState }) {
  const { captionerId } = useStore(core.models.store);
  return (
    <CaptionsView
      captions={core.captions}
      photos={state.photos}
      phase={state.phase}
      modelSource={state.modelSource}
      captionerId={captionerId}
      onCaptioner={(spec) => void core.models.use(spec)}
    />
  );
}
