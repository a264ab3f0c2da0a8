import type { Captions } from './captions';
import { useStore } from '../../shared/store';
import { findModel, isCaptioner } from '../../engine/models';
import { CaptionPanel } from './CaptionPanel';

/** The caption panel wired to the captions slice, for one photo's detail view. */
export function PhotoCaption({
  captions,
  photoId,
  captionerId,
}: {
  captions: Captions;
  photoId: string;
  captionerId: string;
}) {
  const state = useStore(captions.store);
  const spec = findModel(captionerId);
  return (
    <CaptionPanel
      key={photoId}
      caption={state.byId.get(photoId)}
      pending={state.pending.has(photoId)}
      error={state.errorPhoto === photoId ? state.error : null}
      captionerName={spec?.name ?? captionerId}
      offersDetailed={!!spec && isCaptioner(spec) && spec.architecture === 'florence2'}
      onGenerate={(options) => void captions.captionOne(photoId, options)}
      onSave={(text) => void captions.edit(photoId, text)}
      onRevert={() => void captions.revertToModel(photoId)}
    />
  );
}
