import type { GalleryItem } from '../../ui/Gallery/Gallery';
import type { Photo } from '../../library/schema';
import type { AppState } from './appState';

/** What the grid shows: every photo (newest first), or the matches above the cutoff in the chosen order. */
export function visibleItems(state: Pick<AppState, 'photos' | 'matches' | 'minScore' | 'sort'>): GalleryItem[] {
  if (!state.matches) return state.photos.map((photo) => ({ photo }));
  const byId = new Map(state.photos.map((p) => [p.id, p]));
  const items: GalleryItem[] = [];
  for (const match of state.matches) {
    const photo = byId.get(match.id);
    if (photo && match.score >= state.minScore) items.push({ photo, score: match.score });
  }
  if (state.sort === 'date') items.sort((a, b) => takenAt(b.photo) - takenAt(a.photo));
  return items;
}

function takenAt(photo: Photo): number {
  return photo.takenAt ?? photo.lastModified;
}
