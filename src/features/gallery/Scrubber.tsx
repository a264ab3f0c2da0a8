import { memo, useRef, useState, type PointerEvent } from 'react';
import { monthYear } from './dates';
import type { ScrubberMark } from './layout';
import styles from './Scrubber.module.css';

export interface ScrubberProps {
  marks: readonly ScrubberMark[];
  /** Where the view is, as a share of the timeline's height. */
  position: number;
  onJump: (fraction: number) => void;
}

/**
 * The timeline's edge: years and months where their photos start; press or drag to jump there. For pointers only:
 * the keyboard moves through the grid itself (arrows, Home, End) and the page scrolls as ever.
 */
export function Scrubber({ marks, position, onJump }: ScrubberProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ fraction: number; label: string } | null>(null);
  const at = (e: PointerEvent) => {
    const rect = ref.current!.getBoundingClientRect();
    const fraction = Math.max(0, Math.min(1, (e.clientY - rect.top) / rect.height));
    const mark = marks.findLast((m) => m.fraction <= fraction) ?? marks[0]!;
    return { fraction, label: monthYear(mark.year, mark.month) };
  };
  return (
    <div
      ref={ref}
      className={styles.scrubber}
      data-testid="scrubber"
      aria-hidden="true"
      onPointerDown={(e) => {
        ref.current!.setPointerCapture(e.pointerId);
        const here = at(e);
        setHover(here);
        onJump(here.fraction);
      }}
      onPointerMove={(e) => {
        const here = at(e);
        setHover(here);
        if (ref.current!.hasPointerCapture(e.pointerId)) onJump(here.fraction);
      }}
      onPointerUp={(e) => ref.current!.releasePointerCapture(e.pointerId)}
      onPointerLeave={() => setHover(null)}
    >
      <Marks marks={marks} />
      <span className={styles.thumb} style={{ top: `${position * 100}%` }} />
      {hover && (
        <span className={styles.hover} style={{ top: `${hover.fraction * 100}%` }}>
          {hover.label}
        </span>
      )}
    </div>
  );
}

/** The months and years: drawn once per timeline, not on every scroll frame (only the thumb follows the view). */
const Marks = memo(function Marks({ marks }: { marks: readonly ScrubberMark[] }) {
  const years = marks.filter((m, i) => m.month >= 0 && (i === 0 || marks[i - 1]!.year !== m.year));
  return (
    <>
      {marks.map((m) => (
        <span
          key={m.key}
          className={styles.month}
          style={{ top: `${m.fraction * 100}%` }}
          data-testid="scrubber-month"
          data-key={m.key}
          title={monthYear(m.year, m.month)}
        />
      ))}
      {years.map((m) => (
        <span
          key={`y${m.year}`}
          className={styles.year}
          style={{ top: `${m.fraction * 100}%` }}
          data-testid="scrubber-year"
        >
          {m.year}
        </span>
      ))}
      {marks.at(-1)?.month === -1 && (
        <span className={styles.year} style={{ top: `${marks.at(-1)!.fraction * 100}%` }}>
          undated
        </span>
      )}
    </>
  );
});
