/** A zero-shot label on a photo: single-label mode scores by the model's probability (softmax or sigmoid), multi-label mode by cosine. */
export interface PhotoLabel {
  readonly label: string;
  readonly score: number;
  /** Applied by the user (score 1), not by the model. */
  readonly byUser?: true;
}

/** The label filter value meaning "none of these": photos the active label set gave no label. Labels are never ''. */
export const NO_LABEL = '';
