/**
 * Bounded top-k selection: a min-heap of at most k (index, score) pairs in typed arrays, so keeping the best k of
 * N costs O(N log k) time and O(k) memory, with no allocation per pushed item and no sort of all N.
 */

/** One ranked item: its index in the collection and its score (higher is better). */
export interface RankedItem {
  index: number;
  score: number;
}

/** A bounded min-heap; the root (slot 0) is the worst kept item. Create with `topKCreate`. */
export interface TopK {
  readonly capacity: number;
  size: number;
  readonly scores: Float64Array;
  readonly indices: Int32Array;
}

/** An empty top-k keeper for at most `capacity` items. */
export function topKCreate(capacity: number): TopK {
  if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`topKCreate: bad capacity ${capacity}`);
  return { capacity, size: 0, scores: new Float64Array(capacity), indices: new Int32Array(capacity) };
}

/** True when item a ranks below item b: lower score, or equal score and higher index (ties favour low indices). */
function isWorse(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && indexA > indexB);
}

/**
 * The score an item must beat to enter: the worst kept score when full, else -Infinity.
 * Hot loops compare against this before calling `topKPush`, which keeps the common "not good enough" case cheap.
 */
export function topKThreshold(heap: TopK): number {
  return heap.size < heap.capacity ? -Infinity : heap.scores[0]!;
}

/** Offers one item; it is kept if it ranks among the best `capacity` seen so far. NaN scores are ignored. */
export function topKPush(heap: TopK, index: number, score: number): void {
  const { scores, indices } = heap;
  if (heap.capacity === 0 || Number.isNaN(score)) return;
  if (heap.size < heap.capacity) {
    let child = heap.size++;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!isWorse(score, index, scores[parent]!, indices[parent]!)) break;
      scores[child] = scores[parent]!;
      indices[child] = indices[parent]!;
      child = parent;
    }
    scores[child] = score;
    indices[child] = index;
    return;
  }
  if (!isWorse(scores[0]!, indices[0]!, score, index)) return;
  siftDownFromRoot(heap, index, score);
}

/** Places (index, score) at the root's position and sinks it until the heap order holds. */
function siftDownFromRoot(heap: TopK, index: number, score: number): void {
  const { scores, indices, size } = heap;
  let parent = 0;
  for (;;) {
    const left = 2 * parent + 1;
    if (left >= size) break;
    const right = left + 1;
    const worst =
      right < size && isWorse(scores[right]!, indices[right]!, scores[left]!, indices[left]!) ? right : left;
    if (!isWorse(scores[worst]!, indices[worst]!, score, index)) break;
    scores[parent] = scores[worst]!;
    indices[parent] = indices[worst]!;
    parent = worst;
  }
  scores[parent] = score;
  indices[parent] = index;
}

/** The kept items, best first (score descending, then index ascending). Sorts only the k kept items. */
export function topKSorted(heap: TopK): RankedItem[] {
  const items: RankedItem[] = [];
  for (let i = 0; i < heap.size; i++) items.push({ index: heap.indices[i]!, score: heap.scores[i]! });
  return items.sort(compareRanked);
}

/** Orders ranked items best first: score descending, then index ascending so equal scores sort stably. */
export function compareRanked(a: RankedItem, b: RankedItem): number {
  return b.score - a.score || a.index - b.index;
}

/** The best `k` of `scores` (index = position), best first. Convenience over `topKCreate`/`topKPush`. */
export function topKOfScores(scores: ArrayLike<number>, k: number): RankedItem[] {
  const heap = topKCreate(Math.min(k, scores.length));
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (score >= topKThreshold(heap)) topKPush(heap, i, score);
  }
  return topKSorted(heap);
}
