import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { TUNABLES } from '../tunables';
import { swipeDirection } from './swipe';
import {
  FITTED,
  fittedSize,
  viewPanBy,
  viewToggle,
  viewZoomAt,
  wheelFactor,
  type Point,
  type Size,
  type View,
} from './zoom';
import styles from './PhotoViewer.module.css';

export interface ZoomableImageProps {
  url: string;
  alt: string;
  /** The picture's own size: the original's upright size, or (null) the loaded image's (the thumbnail). */
  natural: Size | null;
  /** The original is shown: it may be enlarged to fill the frame and zoomed; a thumbnail is shown at its size. */
  zoomable: boolean;
  isOriginal: boolean;
  view: View;
  /** A new view; `animate` for discrete steps (double-click), not for gestures that follow the finger. */
  onView: (view: View, animate: boolean) => void;
  animate: boolean;
  onSwipe: (direction: 'next' | 'previous') => void;
  /** The frame's size, for the viewer's zoom buttons (they zoom about the centre). */
  onFrame: (frame: Size, fitted: Size) => void;
}

interface Pointer {
  x: number;
  y: number;
  startX: number;
  startY: number;
  at: number;
  type: string;
}

/** The photo in its frame: fitted, then zoomed by wheel, pinch or double-click and panned by dragging. */
export function ZoomableImage(props: ZoomableImageProps) {
  const { url, alt, view, zoomable, onView } = props;
  const frameRef = useRef<HTMLDivElement>(null);
  const [frame, setFrame] = useState<Size>({ width: 0, height: 0 });
  const [loaded, setLoaded] = useState<Size | null>(null);
  const natural = props.natural ?? loaded;
  const fitted = natural ? fittedSize(natural, frame, zoomable ? Infinity : 1) : null;
  const pointers = useRef(new Map<number, Pointer>());
  /** This gesture had two fingers down (a pinch): its end is no swipe. */
  const pinched = useRef(false);

  useEffect(() => {
    const el = frameRef.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (box) setFrame({ width: box.width, height: box.height });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const { onFrame } = props;
  useEffect(() => {
    if (fitted) onFrame(frame, fitted);
  }, [frame, fitted?.width, fitted?.height]); // eslint-disable-line react-hooks/exhaustive-deps -- by value

  // Read by the native wheel listener (it must not be passive, to keep the page from scrolling) and by pointer
  // moves: two fingers move in two events before React renders, and the second must build on the first.
  const latest = useRef({ view, fitted, frame, zoomable, onView });
  useEffect(() => {
    latest.current = { view, fitted, frame, zoomable, onView };
  });
  const apply = (next: View, animate: boolean) => {
    latest.current = { ...latest.current, view: next };
    onView(next, animate);
  };
  useEffect(() => {
    const el = frameRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const now = latest.current;
      if (!now.zoomable || !now.fitted) return;
      e.preventDefault();
      const factor = wheelFactor(e.deltaY, e.deltaMode);
      const next = viewZoomAt(now.view, factor, fromCentre(el, e), now.fitted, now.frame, TUNABLES.viewerMaxZoom);
      latest.current = { ...now, view: next };
      now.onView(next, false);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = {
      x: e.clientX,
      y: e.clientY,
      startX: e.clientX,
      startY: e.clientY,
      at: e.timeStamp,
      type: e.pointerType,
    };
    if (pointers.current.size === 0) pinched.current = false;
    pointers.current.set(e.pointerId, p);
    if (pointers.current.size > 1) pinched.current = true;
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const all = pointers.current;
    const p = all.get(e.pointerId);
    if (!p || !fitted) return;
    const el = e.currentTarget;
    if (all.size === 2 && zoomable) {
      const [a, b] = [...all.values()];
      const before = distance(a!, b!);
      const mid = { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 };
      p.x = e.clientX;
      p.y = e.clientY;
      const after = distance(a!, b!);
      if (before > 0) {
        const at = fromCentre(el, { clientX: mid.x, clientY: mid.y });
        const now = latest.current.view;
        apply(viewZoomAt(now, after / before, at, fitted, frame, TUNABLES.viewerMaxZoom), false);
      }
      return;
    }
    const dx = e.clientX - p.x;
    const dy = e.clientY - p.y;
    p.x = e.clientX;
    p.y = e.clientY;
    const now = latest.current.view;
    if (all.size === 1 && now.scale > 1) apply(viewPanBy(now, dx, dy, fitted, frame), false);
  };
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>) => {
    const all = pointers.current;
    const p = all.get(e.pointerId);
    all.delete(e.pointerId);
    if (!p || e.type === 'pointercancel' || all.size > 0 || pinched.current || p.type === 'mouse') return;
    if (latest.current.view.scale > 1) return; // a drag on a zoomed photo pans it
    const drag = { dx: e.clientX - p.startX, dy: e.clientY - p.startY, ms: e.timeStamp - p.at };
    const direction = swipeDirection(drag, { minDistance: TUNABLES.swipeMinDistance, maxMs: TUNABLES.swipeMaxMs });
    if (direction) props.onSwipe(direction);
  };

  return (
    <div
      ref={frameRef}
      className={styles.frame}
      data-zoomed={view.scale > 1}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onDoubleClick={(e) => {
        if (!zoomable || !fitted) return;
        apply(viewToggle(view, fromCentre(e.currentTarget, e), TUNABLES.viewerDoubleClickZoom, fitted, frame), true);
      }}
    >
      <img
        src={url}
        alt={alt}
        draggable={false}
        className={styles.picture}
        data-testid="detail-image"
        data-original={props.isOriginal}
        data-zoom={view.scale.toFixed(2)}
        data-animate={props.animate}
        style={{
          width: fitted ? fitted.width : undefined,
          height: fitted ? fitted.height : undefined,
          transform: view === FITTED ? undefined : `translate(${view.x}px, ${view.y}px) scale(${view.scale})`,
        }}
        onLoad={(e) => setLoaded({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
      />
    </div>
  );
}

function fromCentre(el: HTMLElement, e: { clientX: number; clientY: number }): Point {
  const box = el.getBoundingClientRect();
  return { x: e.clientX - (box.left + box.width / 2), y: e.clientY - (box.top + box.height / 2) };
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
