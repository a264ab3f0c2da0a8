import type { InterruptedImport } from './importSlice';
import styles from './ResumeBanner.module.css';

export interface ResumeBannerProps {
  interrupted: readonly InterruptedImport[];
  busy: boolean;
  onResume: (rootId: string) => void;
}

/** Tells the user an import was left unfinished and lets them finish it; what was indexed is already there. */
export function ResumeBanner({ interrupted, busy, onResume }: ResumeBannerProps) {
  if (interrupted.length === 0 || busy) return null;
  return (
    <div className={styles.banner} data-testid="interrupted-imports">
      {interrupted.map((r) => (
        <p key={r.rootId} data-testid="interrupted-import" data-root={r.name} data-left={r.left}>
          The import of <strong>{r.name}</strong> was interrupted: {r.left} {r.left === 1 ? 'file' : 'files'} left.{' '}
          {r.canResume ? (
            <button type="button" data-testid="resume-import" onClick={() => onResume(r.rootId)}>
              Finish import
            </button>
          ) : (
            <span>Drop the folder again to finish; nothing is indexed twice.</span>
          )}
        </p>
      ))}
    </div>
  );
}
