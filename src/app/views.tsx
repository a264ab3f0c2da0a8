import type { ReactNode } from 'react';
import type { Controller } from './state/controller';
import { EvaluateView } from '../ui/Evaluate/EvaluateView';
import { CaptionsView } from '../ui/Captions/CaptionsView';
import { LabelsView } from '../ui/Labels/LabelsView';
import { ModelsPanel } from '../ui/Models/ModelsPanel';
import { StoragePanel } from '../ui/Storage/StoragePanel';
import { FoldersView } from '../ui/Folders/FoldersView';

/** A view beside the photos, reached from the header's tabs. Each feature folder registers its view here. */
export interface FeatureView {
  readonly id: string;
  readonly title: string;
  render(controller: Controller): ReactNode;
}

export const FEATURE_VIEWS: readonly FeatureView[] = [
  { id: 'folders', title: 'Folders', render: (controller) => <FoldersView controller={controller} /> },
  { id: 'labels', title: 'Labels', render: (controller) => <LabelsView controller={controller} /> },
  { id: 'captions', title: 'Captions', render: (controller) => <CaptionsView controller={controller} /> },
  { id: 'models', title: 'Models', render: (controller) => <ModelsPanel controller={controller} /> },
  { id: 'storage', title: 'Storage', render: (controller) => <StoragePanel controller={controller} /> },
  { id: 'evaluate', title: 'Evaluate', render: (controller) => <EvaluateView controller={controller} /> },
];
