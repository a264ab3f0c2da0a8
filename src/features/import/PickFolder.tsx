import { useRef } from 'react';

export interface PickFolderProps {
  onHandle: (handle: FileSystemDirectoryHandle) => void;
  onFiles: (files: FileList) => void;
}

type PickerWindow = Window & { showDirectoryPicker?: (o?: { mode?: 'read' }) => Promise<FileSystemDirectoryHandle> };

/**
 * "Choose folder": the File System Access picker where it exists (its handle can be kept for later re-scans),
 * else a webkitdirectory input. The input stays in the page (visually hidden, out of the Tab order: the button is
 * its keyboard way) for both browsers and tests.
 */
export function PickFolder({ onHandle, onFiles }: PickFolderProps) {
  const input = useRef<HTMLInputElement>(null);
  const pick = async () => {
    const picker = (window as PickerWindow).showDirectoryPicker;
    if (!picker) return input.current?.click();
    try {
      onHandle(await picker({ mode: 'read' }));
    } catch (error) {
      if ((error as DOMException).name !== 'AbortError') input.current?.click();
    }
  };
  return (
    <>
      <button type="button" className="primary" data-testid="pick-folder" onClick={() => void pick()}>
        Choose folder
      </button>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        data-testid="folder-input"
        tabIndex={-1}
        aria-label="Choose a folder of photos"
        multiple
        webkitdirectory=""
        onChange={(e) => {
          if (e.target.files?.length) onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </>
  );
}
