import { useMemo, useState, type FormEvent, type PointerEvent } from 'react';
import { filtersValidate, type GeoBox } from '../../search/filters';
import { TUNABLES } from '../tunables';
import {
  MAP_HEIGHT,
  MAP_WIDTH,
  boxAround,
  boxFromDrag,
  boxOnMap,
  dragIsBox,
  mapDots,
  mapGrid,
  mapProject,
  mapViewFit,
  type GeoPoint,
  type MapPoint,
} from './placeMap';
import styles from './RefineBar.module.css';

const SIDES = [
  ['south', 'South (lat)', -90, 90],
  ['west', 'West (lon)', -180, 180],
  ['north', 'North (lat)', -90, 90],
  ['east', 'East (lon)', -180, 180],
] as const;

/**
 * The place filter: a map of where the photos were taken (their GPS points as dots, nothing fetched) on which a
 * drag draws the area to keep; the same box as four numbers for the keyboard; and "the selected photos' area".
 */
export function PlaceFilter(props: {
  places: readonly GeoPoint[];
  selected: readonly GeoPoint[];
  box: GeoBox | undefined;
  onBox: (box: GeoBox | undefined) => void;
}) {
  const { places, selected, box, onBox } = props;
  // The view zoomed in on a box (kept while boxes are drawn in it), or null: every place.
  const [zoom, setZoom] = useState<GeoBox | null>(null);
  const all = useMemo(() => mapViewFit(places, TUNABLES.placeMapPad, TUNABLES.placeMapMinSpanDeg), [places]);
  const view = zoom ?? all;
  const dots = useMemo(() => mapDots(view, places), [view, places]);
  const grid = useMemo(() => mapGrid(view), [view]);
  const [drag, setDrag] = useState<{ from: MapPoint; to: MapPoint } | null>(null);
  // What is wrong with the numbers typed: said here, and the filter left as it was, so nothing typed is lost.
  const [problem, setProblem] = useState<string | null>(null);

  const at = (e: PointerEvent<SVGSVGElement>): MapPoint => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * MAP_WIDTH, y: ((e.clientY - r.top) / r.height) * MAP_HEIGHT };
  };
  const drawn =
    drag && dragIsBox(drag.from, drag.to, TUNABLES.placeMapMinDrag) ? boxFromDrag(view, drag.from, drag.to) : null;
  const shown = drawn ?? box;
  const rect = shown ? boxOnMap(view, shown) : null;
  const area = boxAround(selected, TUNABLES.placeSelectedPadDeg);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const read = (name: string) => {
      const text = String(form.get(name) ?? '').trim();
      return text === '' ? NaN : Number(text);
    };
    const typed = { south: read('south'), west: read('west'), north: read('north'), east: read('east') };
    const checked = filtersValidate({ box: typed });
    setProblem(checked.errors[0] ?? null);
    if (checked.filters.box) onBox(checked.filters.box);
  };

  return (
    <fieldset className={styles.place} data-testid="place-filter">
      <legend>Place</legend>
      <svg
        className={styles.map}
        data-testid="place-map"
        data-view={`${view.south},${view.west},${view.north},${view.east}`}
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        role="img"
        aria-label={`Map of where ${places.length} ${places.length === 1 ? 'photo was' : 'photos were'} taken; drag across it to keep one area`}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = at(e);
          setDrag({ from: p, to: p });
        }}
        onPointerMove={(e) => drag && setDrag({ from: drag.from, to: at(e) })}
        onPointerUp={(e) => {
          if (!drag) return;
          const to = at(e);
          setDrag(null);
          if (!dragIsBox(drag.from, to, TUNABLES.placeMapMinDrag)) return;
          setProblem(null);
          onBox(boxFromDrag(view, drag.from, to));
        }}
        onPointerCancel={() => setDrag(null)}
      >
        <rect className={styles.mapGround} width={MAP_WIDTH} height={MAP_HEIGHT} />
        {grid.lats.map((lat) => {
          const { y } = mapProject(view, { lat, lon: view.west });
          return <line key={`lat${lat}`} className={styles.mapGrid} x1={0} x2={MAP_WIDTH} y1={y} y2={y} />;
        })}
        {grid.lons.map((lon) => {
          const { x } = mapProject(view, { lat: view.north, lon });
          return <line key={`lon${lon}`} className={styles.mapGrid} x1={x} x2={x} y1={0} y2={MAP_HEIGHT} />;
        })}
        {dots.map((d) => (
          <circle key={`${d.x},${d.y}`} className={styles.mapDot} cx={d.x} cy={d.y} r={d.n > 1 ? 3 : 2} />
        ))}
        {rect && (
          <rect
            className={styles.mapBox}
            data-testid="place-map-box"
            x={rect.x}
            y={rect.y}
            width={rect.width}
            height={rect.height}
          />
        )}
      </svg>
      {/* Keyed by the box so the fields show a box drawn on the map or set elsewhere. */}
      <form
        className={styles.placeFields}
        onSubmit={submit}
        noValidate
        key={box ? `${box.south},${box.west},${box.north},${box.east}` : 'none'}
      >
        {SIDES.map(([name, label, min, max]) => (
          <label key={name}>
            {label}
            <input
              name={name}
              type="number"
              inputMode="decimal"
              step="any"
              min={min}
              max={max}
              data-testid={`place-${name}`}
              defaultValue={box ? String(box[name]) : ''}
            />
          </label>
        ))}
        <button type="submit" className="pill" data-testid="place-apply">
          Keep this area
        </button>
        {(box || zoom) && (
          <button
            type="button"
            className="pill"
            data-testid="place-zoom"
            onClick={() => {
              const corners = box && [
                { lat: box.south, lon: box.west },
                { lat: box.north, lon: box.east },
              ];
              setZoom(zoom || !corners ? null : mapViewFit(corners, TUNABLES.placeMapPad, TUNABLES.placeMapMinSpanDeg));
            }}
          >
            {zoom ? 'Show every place' : 'Zoom to the area'}
          </button>
        )}
        {area && (
          <button
            type="button"
            className="pill"
            data-testid="place-selected"
            onClick={() => {
              setProblem(null);
              onBox(area);
            }}
          >
            Area of the selected photos
          </button>
        )}
      </form>
      <p className={styles.placeProblem} data-testid="place-problem" aria-live="polite">
        {problem}
      </p>
    </fieldset>
  );
}
