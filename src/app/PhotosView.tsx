import { useMemo } from 'react';
import type { Controller } from './state/controller';
import type { AppState } from './state/appState';
import { visibleItems } from './state/visible';
import { TUNABLES } from './tunables';
import { Gallery } from '../ui/Gallery/Gallery';
import { PhotoDetail } from '../ui/Gallery/PhotoDetail';
import { PhotoCaption } from '../ui/Captions/PhotoCaption';
import { ActiveLabelFilter } from '../ui/Labels/ActiveLabelFilter';
import { CaptionActivity } from '../ui/Captions/CaptionActivity';
import { PhotoLabelList } from '../ui/Labels/PhotoLabelList';

/** The gallery: every photo, or the matches of the active search, and the opened photo. */
export function PhotosView({ controller, state }: { controller: Controller; state: AppState }) {
  const items = useMemo(() => visibleItems(state), [state]);
  const selected = state.selectedId ? state.photos.find((p) => p.id === state.selectedId) : undefined;
  const selectedScore = state.matches?.find((m) => m.id === state.selectedId)?.score;

  if (state.photos.length === 0 && state.phase !== 'indexing') {
    return (
      <section className="welcome" data-testid="welcome">
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
      <ActiveLabelFilter controller={controller} />
      <CaptionActivity captions={controller.captions} />
      {state.matches !== null && (
        <p className="result-count" data-testid="result-count" data-query={state.matchesFor ?? ''}>
          {items.length} {items.length === 1 ? 'match' : 'matches'}
          {items.length === 0 && state.matches && state.matches.length > 0 && (
            <>
              {' '}
              above the relevance cutoff.{' '}
              <button type="button" data-testid="show-weaker" onClick={() => controller.setMinScore(-0.2)}>
                Show weaker matches
              </button>
            </>
          )}
        </p>
      )}
      <Gallery
        items={items}
        tileSize={TUNABLES.tileSize}
        loadThumbnail={controller.loadThumbnail}
        onOpen={controller.select}
      />
      {selected && (
        <PhotoDetail
          photo={selected}
          score={selectedScore}
          loadThumbnail={controller.loadThumbnail}
          loadOriginal={controller.loadOriginal}
          onClose={() => controller.select(null)}
          onMoreLikeThis={controller.moreLikeThis}
        >
          <PhotoCaption captions={controller.captions} photoId={selected.id} captionerId={state.captionerId} />
          <PhotoLabelList labels={state.photoLabels?.get(selected.id)} />
        </PhotoDetail>
      )}
    </>
  );
}
