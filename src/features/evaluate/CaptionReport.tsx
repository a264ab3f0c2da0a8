import type { CaptionResult } from './evaluateReport';
import styles from './evaluate.module.css';

const METRIC_HELP: Record<string, string> = {
  bleu: 'Corpus BLEU: clipped n-gram precision, geometric mean, brevity penalty; no smoothing, effective order',
  rouge_l: 'ROUGE-L: longest-common-subsequence F-measure (β = 1.2), best reference, mean over photos',
  meteor: 'METEOR (Banerjee & Lavie 2005), exact + plural-stem matches only (no WordNet synonyms)',
  cider_d: 'CIDEr-D as in the COCO toolkit: TF-IDF n-grams 1–4, σ = 6 length penalty, ×10; needs ≥ 2 photos',
};

export function CaptionReport({ result }: { result: CaptionResult }) {
  const m = result.metrics;
  const metrics: { id: string; label: string; value: number; strict?: number; help: string }[] = [
    ...m.bleu.map((value, i) => ({
      id: `bleu${i + 1}`,
      label: `BLEU-${i + 1}`,
      value,
      strict: m.bleuStrict[i],
      help: METRIC_HELP.bleu!,
    })),
    { id: 'rouge_l', label: 'ROUGE-L', value: m.rougeL, help: METRIC_HELP.rouge_l! },
    { id: 'meteor', label: 'METEOR', value: m.meteor, help: METRIC_HELP.meteor! },
    { id: 'cider_d', label: 'CIDEr-D', value: m.ciderD, help: METRIC_HELP.cider_d! },
  ];
  const usesEffectiveOrder = m.effectiveOrder > 0 && m.effectiveOrder < 4;
  return (
    <section className={styles.resultCard} data-testid="eval-caption-result" data-model={result.modelId}>
      <header>
        <h3>{result.modelName}</h3>
        <p className={styles.hint}>
          {result.photos.length} photos with references · {result.reused} captions reused, {result.computed} generated
          {result.failed.length > 0 && <> · {result.failed.length} unreadable</>}
        </p>
      </header>
      <div className={styles.figures}>
        {metrics.map((metric) => (
          <div className={styles.figure} key={metric.id} title={metric.help}>
            <span
              className={styles.figureValue}
              data-testid="caption-metric"
              data-metric={metric.id}
              data-value={metric.value.toFixed(6)}
              data-strict-value={metric.strict?.toFixed(6)}
            >
              {metric.value.toFixed(3)}
            </span>
            <span className={styles.figureLabel}>{metric.label}</span>
          </div>
        ))}
      </div>
      {usesEffectiveOrder && (
        <p className={styles.note}>
          No generated caption has more than {m.effectiveOrder} words, so BLEU above {m.effectiveOrder} uses the orders
          that exist (sacreBLEU’s effective order). Without it BLEU-4 would be {(m.bleuStrict[3] ?? 0).toFixed(3)}.
        </p>
      )}
      <details className={styles.details} open>
        <summary>Per photo</summary>
        <table className={styles.table}>
          <thead>
            <tr>
              <th>file</th>
              <th>generated</th>
              <th>references</th>
              <th>ROUGE-L</th>
              <th>METEOR</th>
              <th>CIDEr-D</th>
            </tr>
          </thead>
          <tbody>
            {result.photos.map((p) => (
              <tr key={p.path} data-testid="eval-caption-row" data-file={p.path} data-generated={p.generated}>
                <td className={styles.file}>{p.path}</td>
                <td>{p.generated}</td>
                <td>
                  {p.references.map((r, i) => (
                    <div key={i}>{r}</div>
                  ))}
                </td>
                <td>{p.rougeL.toFixed(3)}</td>
                <td>{p.meteor.toFixed(3)}</td>
                <td>{p.ciderD.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {result.failed.length > 0 && (
        <ul className={styles.failed}>
          {result.failed.map((f) => (
            <li key={f.path}>
              {f.path}: {f.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
