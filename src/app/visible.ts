import type { Photo } from '../library/schema';
import { NO_LABEL, type PhotoLabel } from '../shared/labels';
import type { GalleryItem } from '../features/gallery/Gallery';
import type { Match, SortOrder } from '../features/search/searchSlice';

export interface VisibleState {
  readonly photos: readonly Photo[];
  readonly matches: readonly Match[] | null;
  readonly minScore: number;
  readonly sort: SortOrder;
  /** The active label set's labels per photo id; null when no set is active. */
  readonly photoLabels: ReadonlyMap<string, readonly PhotoLabel[]> | null;
  /** Show only photos with this label (NO_LABEL: "none of these"); null shows every photo. */
  readonly labelFilter: string | null;
  /** With filters and nothing searched, the photos passing them (search slice); null or absent: no filter. */
  readonly browse?: ReadonlySet<string> | null;
}

/**
 * What the grid shows: every photo (newest first), or the matches above the cutoff in the chosen order; with the
 * active label set's chips, and only the photos with the chosen label when the gallery is filtered by one.
 */
export function visibleItems(state: VisibleState): GalleryItem[] {
  return withLabels(unlabelled(state), state);
}

function unlabelled(state: VisibleState): GalleryItem[] {
  if (!state.matches && state.browse) {
    const items = state.photos.filter((p) => state.browse!.has(p.id)).map((photo) => ({ photo }));
    if (state.sort === 'date') items.sort((a, b) => takenAt(b.photo) - takenAt(a.photo));
    return items;
  }
  if (!state.matches) return state.photos.map((photo) => ({ photo }));
  const byId = new Map(state.photos.map((p) => [p.id, p]));
  const items: GalleryItem[] = [];
  for (const match of state.matches) {
    const photo = byId.get(match.id);
    if (photo && match.score >= state.minScore) items.push({ photo, score: match.score });
  }
  if (state.sort === 'date') items.sort((a, b) => takenAt(b.photo) - takenAt(a.photo));
  if (state.sort === 'oldest') items.sort((a, b) => takenAt(a.photo) - takenAt(b.photo));
  return items;
}

function withLabels(items: GalleryItem[], { photoLabels, labelFilter }: VisibleState): GalleryItem[] {
  if (!photoLabels) return items;
  const labelled = items.map((item) => ({ ...item, labels: photoLabels.get(item.photo.id) ?? [] }));
  if (labelFilter === null) return labelled;
  return labelled.filter(({ labels }) =>
    labelFilter === NO_LABEL ? labels.length === 0 : labels.some((l) => l.label === labelFilter),
  );
}

function takenAt(photo: Photo): number {
  return photo.takenAt ?? photo.lastModified;
}
