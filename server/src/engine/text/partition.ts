// The one binary search the engine uses: spans, tokens, line starts and edits are all kept sorted.

/**
 * The number of leading indices in [0, length) for which `before(i)` holds, found by binary search:
 * `before` must hold on a prefix and nowhere after it (Rust's `partition_point`).
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
