import { CELL, LABEL_WIDTH, cellInk, cellRgb, headerHeight, rowShare, shortLabel, themed } from './heatmap';
import styles from './evaluate.module.css';

/**
 * A confusion matrix as a heat map: rows are the true classes, columns the predicted ones. `testId` names the hooks
 * (`<testId>-matrix`, `<testId>-cell`): `confusion` for zero-shot, `probe-confusion` for the linear probe.
 */
export function ConfusionHeatmap(props: {
  modelId: string;
  /** What the matrix is of, for screen readers: "zero-shot, CLIP ViT-B/32". */
  title: string;
  classes: readonly string[];
  confusion: readonly (readonly number[])[];
  testId: 'confusion' | 'probe-confusion';
}) {
  const { classes, confusion, modelId, testId } = props;
  const header = headerHeight(classes);
  const width = LABEL_WIDTH + classes.length * CELL + 8;
  const height = header + classes.length * CELL + 8;
  return (
    <svg
      className={styles.heatmap}
      data-testid={`${testId}-matrix`}
      data-model={modelId}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Confusion matrix, ${props.title}: rows are true classes, columns predicted classes`}
    >
      <text className={styles.heatmapAxis} x={LABEL_WIDTH - 8} y={header - 10} textAnchor="end">
        truth ↓
      </text>
      <text className={styles.heatmapAxis} x={LABEL_WIDTH} y={10}>
        predicted →
      </text>
      {classes.map((name, c) => (
        <g key={name}>
          <text
            className={styles.heatmapLabel}
            x={LABEL_WIDTH - 8}
            y={header + c * CELL + CELL / 2}
            textAnchor="end"
            dominantBaseline="middle"
          >
            <title>{name}</title>
            {shortLabel(name)}
          </text>
          <text
            className={styles.heatmapLabel}
            transform={`translate(${LABEL_WIDTH + c * CELL + CELL / 2} ${header - 8}) rotate(-45)`}
          >
            <title>{name}</title>
            {shortLabel(name)}
          </text>
        </g>
      ))}
      {confusion.map((row, t) =>
        row.map((count, p) => (
          <g
            key={`${t}-${p}`}
            data-testid={`${testId}-cell`}
            data-model={modelId}
            data-truth={classes[t]}
            data-predicted={classes[p]}
            data-count={count}
          >
            <rect
              x={LABEL_WIDTH + p * CELL + 1}
              y={header + t * CELL + 1}
              width={CELL - 2}
              height={CELL - 2}
              rx={4}
              style={{ fill: themed((theme) => cellRgb(rowShare(confusion, t, p), t === p, theme)) }}
            >
              <title>{`${count} ${classes[t]} photo${count === 1 ? '' : 's'} predicted ${classes[p]}`}</title>
            </rect>
            {count > 0 && (
              <text
                className={styles.heatmapCount}
                style={{ fill: themed((theme) => cellInk(rowShare(confusion, t, p), t === p, theme)) }}
                x={LABEL_WIDTH + p * CELL + CELL / 2}
                y={header + t * CELL + CELL / 2}
                textAnchor="middle"
                dominantBaseline="central"
              >
                {count}
              </text>
            )}
          </g>
        )),
      )}
    </svg>
  );
}
