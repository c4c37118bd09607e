/** Did-you-mean suggestions, shared by every diagnostic that names an unknown word. */

/**
 * The candidate nearest to `word` by edit distance (case-insensitive), when it is fewer than `bound` edits
 * away; undefined otherwise. The first of equally near candidates wins, so the answer is deterministic.
 */
export function closest(word: string, candidates: Iterable<string>, bound = 3): string | undefined {
  let best: string | undefined;
  let bestDistance = bound;
  const lower = word.toLowerCase();
  for (const c of new Set(candidates)) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Levenshtein distance, in one row of memory. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
