// General-Chinese word frequencies from nodejieba's own dictionary (`word freq tag` per line): the
// reference corpus against which keyness says "far more frequent in this register than in Chinese
// at large". Read from the dictionary the segmenter loaded (the file's own counts, kept beside it by
// the nodejieba patch): no second copy of the 5 MB file, and nothing to build while learning starts.
// Only learning asks (linting never needs it).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dictionaryFrequency, dictionaryTotals } from '../text/segmenter';

export interface ReferenceDictionary {
  /** The summed frequency of `word` (0 when the dictionary does not list it). */
  frequency(word: string): number;
  has(word: string): boolean;
  /** Sum of all frequencies. */
  total: number;
  /** Number of distinct words (add-one smoothing denominator). */
  size: number;
}

let dictionary: ReferenceDictionary | undefined;
let stopWords: Set<string> | undefined;

function dictDir(): string {
  return path.join(path.dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict');
}

export function referenceDictionary(): ReferenceDictionary {
  if (!dictionary) {
    const { total, size } = dictionaryTotals();
    // Learning reads only the totals (phrases are looked up many at once: phraseDictionaryFrequencies).
    dictionary = { frequency: (word) => Math.max(0, dictionaryFrequency(word)), has: (word) => dictionaryFrequency(word) >= 0, total, size };
  }
  return dictionary;
}

/** jieba's stop-word list: function words that never make a phrase formulaic. */
export function stopWordList(): Set<string> {
  stopWords ??= new Set(
    readFileSync(path.join(dictDir(), 'stop_words.utf8'), 'utf8')
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  );
  return stopWords;
}
