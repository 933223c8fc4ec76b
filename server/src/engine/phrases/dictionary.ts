// General-Chinese word frequencies from nodejieba's own dictionary (`word freq tag` per line): the
// reference corpus against which keyness says "far more frequent in this register than in Chinese
// at large". Loaded once, lazily.

import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ReferenceDictionary {
  freq: Map<string, number>;
  /** Sum of all frequencies. */
  total: number;
  /** Number of entries (add-one smoothing denominator). */
  size: number;
  stopWords: Set<string>;
}

let dictionary: ReferenceDictionary | undefined;

function dictDir(): string {
  return path.join(path.dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict');
}

export function referenceDictionary(): ReferenceDictionary {
  if (dictionary) return dictionary;
  const freq = new Map<string, number>();
  let total = 0;
  for (const line of readFileSync(path.join(dictDir(), 'jieba.dict.utf8'), 'utf8').split('\n')) {
    const [word, f] = line.split(' ');
    const n = Number(f);
    if (!word || !Number.isFinite(n)) continue;
    freq.set(word, (freq.get(word) ?? 0) + n);
    total += n;
  }
  const stopWords = new Set(
    readFileSync(path.join(dictDir(), 'stop_words.utf8'), 'utf8')
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  );
  dictionary = { freq, total, size: freq.size, stopWords };
  return dictionary;
}

/** Smoothed probability of a word in general Chinese. */
export function generalProbability(word: string): number {
  const d = referenceDictionary();
  return ((d.freq.get(word) ?? 0) + 1) / (d.total + d.size);
}
