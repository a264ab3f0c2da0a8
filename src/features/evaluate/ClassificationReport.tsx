import { splitClasses, type ClassificationResult, type SplitResult } from './evaluateReport';
import { ConfusionHeatmap } from './ConfusionHeatmap';
import styles from './evaluate.module.css';

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

function Figure(props: { testId: string; modelId: string; label: string; value: number; hint: string }) {
  return (
    <div className={styles.figure} title={props.hint}>
      <span
        className={styles.figureValue}
        data-testid={props.testId}
        data-model={props.modelId}
        data-value={props.value.toFixed(6)}
      >
        {percent(props.value)}
      </span>
      <span className={styles.figureLabel}>{props.label}</span>
    </div>
  );
}

/** One model's card: headline figures, the heat map and per-class precision/recall/F1. */
function ModelCard({ result }: { result: ClassificationResult }) {
  const { report, classes, knn } = result;
  const top5Label = classes.length <= 5 ? 'top-5 (≤ 5 classes)' : 'top-5';
  return (
    <section className={styles.resultCard} data-testid="eval-model-result" data-model={result.modelId}>
      <header>
        <h3>{result.modelName}</h3>
        <p className={styles.hint}>
          {result.photos.length} photos · {result.reused} vectors reused, {result.computed} computed
          {result.failed.length > 0 && <> · {result.failed.length} unreadable</>}
        </p>
      </header>
      <h4 className={styles.scope} data-testid="eval-scope-zero-shot" data-model={result.modelId}>
        Zero-shot and k-NN · all {result.photos.length} photos
        <span className={styles.hint}> (nothing is trained on them)</span>
      </h4>
      <div className={styles.figures}>
        <Figure
          testId="eval-top1"
          modelId={result.modelId}
          label="top-1"
          value={report.top1}
          hint="Share of photos whose best class is the true one"
        />
        <Figure
          testId="eval-top5"
          modelId={result.modelId}
          label={top5Label}
          value={report.top5}
          hint="Share of photos whose true class is among the 5 best"
        />
        <Figure
          testId="eval-macro-f1"
          modelId={result.modelId}
          label="macro F1"
          value={report.macro.f1}
          hint="Mean of the per-class F1 scores"
        />
        <Figure
          testId="eval-knn"
          modelId={result.modelId}
          label={`k-NN (k=${knn.k})`}
          value={knn.accuracy}
          hint="Leave-one-out nearest-neighbour accuracy on the image embeddings: does the model separate the classes at all, whatever the prompts say?"
        />
      </div>
      <ConfusionHeatmap
        modelId={result.modelId}
        title={`zero-shot, ${result.modelName}`}
        classes={classes}
        confusion={report.confusion}
        testId="confusion"
      />
      <table className={`${styles.table} ${styles.perClass}`}>
        <thead>
          <tr>
            <th>class</th>
            <th>precision</th>
            <th>recall</th>
            <th>F1</th>
            <th>photos</th>
          </tr>
        </thead>
        <tbody>
          {classes.map((name, c) => {
            const m = report.perClass[c]!;
            return (
              <tr key={name} data-testid="eval-class-row" data-model={result.modelId} data-class={name}>
                <td>{name}</td>
                <td>{percent(m.precision)}</td>
                <td>{percent(m.recall)}</td>
                <td>{percent(m.f1)}</td>
                <td>{m.support}</td>
              </tr>
            );
          })}
          <tr className={styles.macro}>
            <td>macro</td>
            <td>{percent(report.macro.precision)}</td>
            <td>{percent(report.macro.recall)}</td>
            <td>{percent(report.macro.f1)}</td>
            <td>{result.photos.length}</td>
          </tr>
        </tbody>
      </table>
      <p className={`${styles.hint} ${styles.templates}`}>
        Prompts: {result.templates.map((t) => `“${t}”`).join(', ')}
      </p>
      {result.split && <SplitSection result={result} split={result.split} />}
    </section>
  );
}

/** "validation, n = 4, seed 42": what every figure on the split says it is on. */
export function splitLabel(split: SplitResult): string {
  return `validation, n = ${split.validation}, seed ${split.seed}`;
}

/** The linear probe (trained on the training half) and retrieval (training -> validation) for one model. */
function SplitSection({ result, split }: { result: ClassificationResult; split: SplitResult }) {
  const { classes } = result;
  const { probe, retrieval } = split;
  // The classes too small to split are in neither half: listed, not shown as rows of zeros.
  const evaluated = splitClasses(classes, split);
  return (
    <div
      className={styles.split}
      data-testid="eval-split"
      data-model={result.modelId}
      data-seed={split.seed}
      data-validation-share={split.validationShare}
      data-train={split.train}
      data-validation={split.validation}
    >
      <h4 className={styles.scope}>
        Linear probe and retrieval · {splitLabel(split)}
        <span className={styles.hint}>
          {' '}
          ({Math.round(split.validationShare * 100)}% of each class held out; trained on {split.train})
        </span>
      </h4>
      {split.tooSmall.length > 0 && (
        <p className={styles.hint} data-testid="eval-too-few" data-classes={split.tooSmall.join(',')}>
          Not evaluated, too few photos (fewer than 2): {split.tooSmall.join(', ')}
        </p>
      )}
      {probe && retrieval ? (
        <>
          <div className={styles.figures}>
            <Figure
              testId="eval-probe-accuracy"
              modelId={result.modelId}
              label="probe accuracy"
              value={probe.report.top1}
              hint={`Logistic regression trained on the ${split.train} training photos' vectors, scored on the ${split.validation} validation photos`}
            />
            <Figure
              testId="eval-probe-macro-f1"
              modelId={result.modelId}
              label="probe macro F1"
              value={probe.report.macro.f1}
              hint="Mean of the probe's per-class F1 scores on the validation photos"
            />
            <Figure
              testId="eval-retrieval"
              modelId={result.modelId}
              label={`retrieval (k=${retrieval.k})`}
              value={retrieval.mean}
              hint="For each training photo, the share of its nearest validation photos that are of its class (as many as its class has, at most k), averaged"
            />
          </div>
          <ConfusionHeatmap
            modelId={result.modelId}
            title={`linear probe, ${result.modelName}, ${splitLabel(split)}`}
            classes={evaluated.map((c) => classes[c]!)}
            confusion={evaluated.map((t) => evaluated.map((p) => probe.report.confusion[t]![p]!))}
            testId="probe-confusion"
          />
          <table className={`${styles.table} ${styles.perClass}`}>
            <thead>
              <tr>
                <th>class</th>
                <th>precision</th>
                <th>recall</th>
                <th>F1</th>
                <th>photos</th>
                <th title="Share of same-class neighbours among a training photo's nearest validation photos">
                  retrieval
                </th>
              </tr>
            </thead>
            <tbody>
              {evaluated.map((c) => {
                const name = classes[c]!;
                const m = probe.report.perClass[c]!;
                const share = retrieval.perClass[c] ?? null;
                return (
                  <tr
                    key={name}
                    data-testid="eval-probe-class-row"
                    data-model={result.modelId}
                    data-class={name}
                    data-f1={m.f1.toFixed(6)}
                    data-retrieval={share === null ? '' : share.toFixed(6)}
                  >
                    <td>{name}</td>
                    <td>{percent(m.precision)}</td>
                    <td>{percent(m.recall)}</td>
                    <td>{percent(m.f1)}</td>
                    <td>{m.support}</td>
                    <td>{share === null ? '—' : percent(share)}</td>
                  </tr>
                );
              })}
              {split.tooSmall.map((name) => (
                <tr key={name} className={styles.hint} data-testid="eval-probe-class-row" data-class={name}>
                  <td>{name}</td>
                  <td colSpan={5}>not evaluated: too few photos</td>
                </tr>
              ))}
              <tr className={styles.macro}>
                <td>macro</td>
                <td>{percent(probe.report.macro.precision)}</td>
                <td>{percent(probe.report.macro.recall)}</td>
                <td>{percent(probe.report.macro.f1)}</td>
                <td>{split.validation}</td>
                <td>{percent(retrieval.mean)}</td>
              </tr>
            </tbody>
          </table>
          {!probe.converged && (
            <p className={styles.hint}>The probe stopped after {probe.iterations} iterations before converging.</p>
          )}
        </>
      ) : (
        <p className={styles.hint} data-testid="eval-split-skipped">
          Not evaluated: the probe and retrieval need two classes of 2 photos or more.
        </p>
      )}
    </div>
  );
}

/** Every photo's truth and each model's prediction with its confidence; wrong answers stand out. */
function PerPhotoTable({ results }: { results: readonly ClassificationResult[] }) {
  const first = results[0]!;
  const byModel = results.map((r) => new Map(r.photos.map((p) => [p.path, p])));
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>file</th>
          <th>truth</th>
          {results.map((r) => (
            <th key={r.modelId}>{r.modelName}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {first.photos.map((photo) => (
          <tr key={photo.path} data-testid="eval-photo-row" data-file={photo.path}>
            <td className={styles.file}>{photo.path}</td>
            <td>{first.classes[photo.truth]}</td>
            {results.map((r, i) => {
              const p = byModel[i]!.get(photo.path);
              if (!p) return <td key={r.modelId}>—</td>;
              const wrong = p.predicted !== p.truth;
              return (
                <td
                  key={r.modelId}
                  className={wrong ? styles.wrong : undefined}
                  data-testid="eval-prediction"
                  data-model={r.modelId}
                  data-predicted={r.classes[p.predicted]}
                  data-score={p.confidence.toFixed(4)}
                >
                  {r.classes[p.predicted]} <span className={styles.hint}>{percent(p.confidence)}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ClassificationReport({ results }: { results: readonly ClassificationResult[] }) {
  const failed = results.flatMap((r) => r.failed.map((f) => ({ ...f, model: r.modelName })));
  return (
    <div>
      <div className={styles.cards}>
        {results.map((r) => (
          <ModelCard key={r.modelId} result={r} />
        ))}
      </div>
      {failed.length > 0 && (
        <ul className={styles.failed}>
          {failed.map((f) => (
            <li key={`${f.model}-${f.path}`}>
              {f.path}: {f.reason}
            </li>
          ))}
        </ul>
      )}
      <details className={styles.details} open>
        <summary>Per photo</summary>
        <PerPhotoTable results={results} />
      </details>
    </div>
  );
}
