/** A zero-shot label on a photo: single-label mode scores by softmax probability, multi-label mode by cosine. */
export interface PhotoLabel {
  readonly label: string;
  readonly score: number;
}

/** The label filter value meaning "none of these": photos the active label set gave no label. Labels are never ''. */
export const NO_LABEL = '';
