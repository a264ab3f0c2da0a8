import { useRef } from 'react';

export interface AddPhotosProps {
  onFiles: (files: FileList) => void;
  /** The button's class: the header's is compact, the empty screen's is the primary action. */
  className?: string;
  testId?: string;
}

/**
 * "Add photos": the system photo picker, several files at once. On a phone there is no folder to drop or pick, so
 * this is how photos come in; the files go the same way as a picked folder's (loose files, one source).
 */
export function AddPhotos({ onFiles, className, testId = 'add-photos' }: AddPhotosProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} data-testid={testId} onClick={() => input.current?.click()}>
        Add photos
      </button>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        accept="image/*"
        multiple
        tabIndex={-1}
        data-testid={`${testId}-input`}
        aria-label="Add photos"
        onChange={(e) => {
          if (e.target.files?.length) onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </>
  );
}
