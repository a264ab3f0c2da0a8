import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { pointsLerp, procrustesAlign } from '../../search/procrustes';
import { downloadBlob } from '../../shared/download';
import { TUNABLES } from '../tunables';
import type { ClassificationResult } from './evaluateReport';
import {
  MAP_VIEW_HOME,
  mapClassColor,
  mapDraw,
  mapDrawPng,
  mapFit,
  mapHit,
  mapToScreen,
  type MapView,
} from './mapDraw';
import styles from './evaluate.module.css';

/** Two models' maps over the photos both drew, the second aligned onto the first (Procrustes). */
interface MapPair {
  readonly paths: readonly string[];
  readonly classes: Int32Array;
  readonly from: Float64Array;
  readonly to: Float64Array;
}

function pairOf(from: ClassificationResult, to: ClassificationResult): MapPair {
  const toAt = new Map<string, number>();
  to.map!.indices.forEach((index, m) => toAt.set(to.photos[index]!.path, m));
  const rows: { path: string; truth: number; from: number; to: number }[] = [];
  from.map!.indices.forEach((index, m) => {
    const photo = from.photos[index]!;
    const other = toAt.get(photo.path);
    if (other !== undefined) rows.push({ path: photo.path, truth: photo.truth, from: m, to: other });
  });
  const take = (points: Float64Array, at: (r: (typeof rows)[number]) => number) =>
    Float64Array.from({ length: rows.length * 2 }, (_, k) => points[2 * at(rows[k >> 1]!) + (k & 1)]!);
  const fromPoints = take(from.map!.points, (r) => r.from);
  const toPoints = take(to.map!.points, (r) => r.to);
  return {
    paths: rows.map((r) => r.path),
    classes: Int32Array.from(rows, (r) => r.truth),
    from: fromPoints,
    to: from === to ? fromPoints : procrustesAlign(toPoints, fromPoints),
  };
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
const ease = (x: number) => (x < 0.5 ? 2 * x * x : 1 - (-2 * x + 2) ** 2 / 2);

/**
 * The embedding map: each photo a point coloured by its class, the photo and its class on hover or keyboard focus,
 * zoom (wheel, buttons, + and -) and pan (drag). With two models, a morph from one's map to the other's, aligned so
 * each photo moves the shortest way (instant under prefers-reduced-motion).
 */
export function EmbeddingMap({
  results,
  datasetName,
  imageOf,
}: {
  results: readonly ClassificationResult[];
  datasetName: string;
  imageOf: (path: string) => Promise<Blob | undefined>;
}) {
  const mapped = results.filter((r) => r.map !== null);
  const [fromId, setFromId] = useState(mapped[0]?.modelId ?? '');
  const [toId, setToId] = useState(mapped[1]?.modelId ?? mapped[0]?.modelId ?? '');
  const from = mapped.find((r) => r.modelId === fromId) ?? mapped[0];
  // Another model than `from` whenever there is one (the second result arrives after the first was shown).
  const to = mapped.find((r) => r.modelId === toId && r !== from) ?? mapped.find((r) => r !== from) ?? from;
  const pair = useMemo(() => (from && to ? pairOf(from, to) : null), [from, to]);
  const [t, setT] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [view, setView] = useState<MapView>(MAP_VIEW_HOME);
  const [focused, setFocused] = useState(-1);
  const [hover, setHover] = useState(-1);
  const [width, setWidth] = useState(640);
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const height = Math.round(Math.min(480, Math.max(280, width * 0.7)));

  useEffect(() => {
    const element = wrap.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(200, Math.floor(element.clientWidth))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const fit = useMemo(() => (pair ? mapFit([pair.from, pair.to], width, height) : null), [pair, width, height]);
  const points = useMemo(() => (pair ? pointsLerp(pair.from, pair.to, t) : null), [pair, t]);
  const frame = useMemo(() => (pair && points ? { points, classes: pair.classes } : null), [pair, points]);
  const shown = focused >= 0 ? focused : hover;

  useEffect(() => {
    const element = canvas.current;
    if (!element || !frame || !fit) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    const ctx = element.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    mapDraw(ctx, frame, fit, view, { width, height }, shown);
  }, [frame, fit, view, width, height, shown]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = element.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - rect.left, e.clientY - rect.top);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  });

  const [image, setImage] = useState<string | null>(null);
  const shownPath = pair && shown >= 0 ? pair.paths[shown] : undefined;
  useEffect(() => {
    if (shownPath === undefined) return;
    let url: string | null = null;
    let live = true;
    void imageOf(shownPath).then((blob) => {
      if (!live || !blob) return;
      url = URL.createObjectURL(blob);
      setImage(url);
    });
    return () => {
      live = false;
      setImage(null);
      if (url) URL.revokeObjectURL(url);
    };
  }, [shownPath, imageOf]);

  const animation = useRef(0);
  useEffect(() => () => cancelAnimationFrame(animation.current), []);
  if (!from || !to || !pair || !fit || !frame) return null;

  function zoomAt(factor: number, sx: number, sy: number) {
    setView((v) => {
      const zoom = Math.min(40, Math.max(0.5, v.zoom * factor));
      const k = zoom / v.zoom;
      return { zoom, panX: sx - (sx - v.panX) * k, panY: sy - (sy - v.panY) * k };
    });
  }

  const play = () => {
    cancelAnimationFrame(animation.current);
    const start = t;
    const target = t < 1 ? 1 : 0;
    if (reducedMotion()) {
      setT(target);
      return;
    }
    const began = performance.now();
    const duration = TUNABLES.evalMapMorphMs * Math.abs(target - start);
    setPlaying(true);
    const tick = (now: number) => {
      const x = duration === 0 ? 1 : Math.min(1, (now - began) / duration);
      setT(start + (target - start) * ease(x));
      if (x < 1) animation.current = requestAnimationFrame(tick);
      else setPlaying(false);
    };
    animation.current = requestAnimationFrame(tick);
  };

  const onKey = (e: KeyboardEvent) => {
    const n = pair.paths.length;
    const step: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (e.key in step) setFocused((f) => (f < 0 ? (step[e.key]! > 0 ? 0 : n - 1) : (f + step[e.key]! + n) % n));
    else if (e.key === 'Home') setFocused(0);
    else if (e.key === 'End') setFocused(n - 1);
    else if (e.key === 'Escape') setFocused(-1);
    else if (e.key === '+' || e.key === '=') zoomAt(1.25, width / 2, height / 2);
    else if (e.key === '-') zoomAt(0.8, width / 2, height / 2);
    else if (e.key === '0') setView(MAP_VIEW_HOME);
    else return;
    e.preventDefault();
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const sx = e.clientX - rect.left;
    const sy = e.clientY - rect.top;
    if (drag.current) {
      const dx = sx - drag.current.x;
      const dy = sy - drag.current.y;
      if (Math.abs(dx) + Math.abs(dy) > 0) drag.current = { x: sx, y: sy, moved: true };
      setView((v) => ({ ...v, panX: v.panX + dx, panY: v.panY + dy }));
      return;
    }
    setHover(mapHit(frame, fit, view, sx, sy));
  };

  const classNames = from.classes;
  const counts = classNames.map((_, c) => pair.classes.filter((k) => k === c).length);
  const morphing = from !== to;
  const title = morphing ? `${from.modelName} → ${to.modelName}` : from.modelName;
  const exportPng = () =>
    mapDrawPng(`Embedding map (UMAP, seed ${from.map!.seed}) · ${title}`, frame, classNames).toBlob((blob) => {
      if (blob) downloadBlob(blob, `shoebox-map-${datasetName || 'report'}.png`);
    }, 'image/png');

  const [tipX, tipY] =
    shown >= 0 ? mapToScreen(fit, view, frame.points[2 * shown]!, frame.points[2 * shown + 1]!) : [0, 0];
  const tipClass = shown >= 0 ? classNames[pair.classes[shown]!]! : '';
  return (
    <section className={styles.mapSection} data-testid="eval-map-section">
      <h3>Embedding map</h3>
      <p className={styles.hint}>
        Each photo placed by UMAP (seed {from.map!.seed}) so that photos the model sees as alike sit together; colour is
        the folder’s class. Hover or focus the map and use the arrow keys to see each photo; drag to pan, wheel or + / −
        to zoom.
      </p>
      <div className={styles.mapControls}>
        {mapped.length > 1 && (
          <>
            <label>
              from{' '}
              <select data-testid="eval-map-from" value={from.modelId} onChange={(e) => setFromId(e.target.value)}>
                {mapped.map((r) => (
                  <option key={r.modelId} value={r.modelId}>
                    {r.modelName}
                  </option>
                ))}
              </select>
            </label>
            <label>
              to{' '}
              <select data-testid="eval-map-to" value={to.modelId} onChange={(e) => setToId(e.target.value)}>
                {mapped.map((r) => (
                  <option key={r.modelId} value={r.modelId}>
                    {r.modelName}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" data-testid="eval-map-play" disabled={!morphing || playing} onClick={play}>
              {t < 1 ? 'Morph ▶' : '◀ Morph back'}
            </button>
            <input
              type="range"
              data-testid="eval-map-morph"
              aria-label={`Morph from ${from.modelName} (0) to ${to.modelName} (1)`}
              min={0}
              max={1}
              step={0.01}
              value={t}
              disabled={!morphing}
              onChange={(e) => setT(Number(e.target.value))}
            />
          </>
        )}
        <button type="button" aria-label="Zoom in" onClick={() => zoomAt(1.25, width / 2, height / 2)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" onClick={() => zoomAt(0.8, width / 2, height / 2)}>
          −
        </button>
        <button type="button" data-testid="eval-map-reset" onClick={() => setView(MAP_VIEW_HOME)}>
          Reset view
        </button>
        <button type="button" data-testid="eval-map-export-png" onClick={exportPng}>
          Export map (PNG)
        </button>
      </div>
      <div className={styles.mapWrap} ref={wrap}>
        <canvas
          ref={canvas}
          className={styles.mapCanvas}
          style={{ width, height }}
          data-testid="eval-map"
          data-model={from.modelId}
          data-to={to.modelId}
          data-points={pair.paths.length}
          data-classes={new Set(pair.classes).size}
          data-t={t.toFixed(2)}
          data-playing={playing}
          data-zoom={view.zoom.toFixed(3)}
          role="img"
          tabIndex={0}
          aria-label={`Embedding map of ${pair.paths.length} photos in ${counts.filter(Boolean).length} classes, ${title}. Arrow keys step through the photos.`}
          onKeyDown={onKey}
          onBlur={() => setFocused(-1)}
          onPointerDown={(e) => {
            const rect = e.currentTarget.getBoundingClientRect();
            drag.current = { x: e.clientX - rect.left, y: e.clientY - rect.top, moved: false };
            e.currentTarget.setPointerCapture(e.pointerId);
          }}
          onPointerUp={() => (drag.current = null)}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(-1)}
        />
        {shown >= 0 && (
          <div
            className={styles.mapTooltip}
            data-testid="eval-map-tooltip"
            data-file={pair.paths[shown]}
            data-class={tipClass}
            data-color={mapClassColor(pair.classes[shown]!)}
            data-x={tipX.toFixed(1)}
            data-y={tipY.toFixed(1)}
            role="status"
            style={{ left: Math.min(width - 180, Math.max(0, tipX + 10)), top: Math.min(height - 60, tipY + 10) }}
          >
            {image && <img src={image} alt="" />}
            <span>
              <strong>{tipClass}</strong>
              <br />
              <span className={styles.hint}>{pair.paths[shown]}</span>
            </span>
          </div>
        )}
      </div>
      <ul className={styles.mapLegend} aria-label="Classes">
        {classNames.map((name, c) => (
          <li
            key={name}
            data-testid="eval-map-legend-item"
            data-class={name}
            data-color={mapClassColor(c)}
            data-count={counts[c]}
          >
            <span className={styles.mapSwatch} style={{ background: mapClassColor(c) }} aria-hidden="true" />
            {name} <span className={styles.hint}>{counts[c]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
