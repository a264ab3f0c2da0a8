import { useStore } from '../../shared/store';
import type { DuplicatesSlice } from './duplicates';

/** What the last hide did, with "Undo" while it is offered (the gallery and the Duplicates view both show it). */
export function HideUndo({ duplicates }: { duplicates: DuplicatesSlice }) {
  const { message, undo } = useStore(duplicates.store);
  if (!message) return null;
  return (
    <p className="notice" role="status" data-testid="hide-message">
      {message}{' '}
      {undo && (
        <button type="button" data-testid="hide-undo" onClick={() => void duplicates.undoLast()}>
          Undo
        </button>
      )}
    </p>
  );
}
