// General-Chinese word frequencies from nodejieba's own dictionary (`word freq tag` per line): the
// reference corpus against which keyness says "far more frequent in this register than in Chinese
// at large". Loaded once, lazily, and only when learning (linting never needs it).

import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ReferenceDictionary {
  freq: Map<string, number>;
  /** Sum of all frequencies. */
  total: number;
  /** Number of entries (add-one smoothing denominator). */
  size: number;
}

let dictionary: ReferenceDictionary | undefined;
let stopWords: Set<string> | undefined;

function dictDir(): string {
  return path.join(path.dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict');
}

export function referenceDictionary(): ReferenceDictionary {
  if (dictionary) return dictionary;
  const text = readFileSync(path.join(dictDir(), 'jieba.dict.utf8'), 'utf8');
  const freq = new Map<string, number>();
  let total = 0;
  for (let at = 0; at < text.length; ) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const sp1 = text.indexOf(' ', at);
    if (sp1 > at && sp1 < eol) {
      const sp2 = text.indexOf(' ', sp1 + 1);
      const n = Number(text.slice(sp1 + 1, sp2 > sp1 && sp2 < eol ? sp2 : eol));
      if (Number.isFinite(n)) {
        const word = text.slice(at, sp1);
        freq.set(word, (freq.get(word) ?? 0) + n);
        total += n;
      }
    }
    at = eol + 1;
  }
  dictionary = { freq, total, size: freq.size };
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

/** Smoothed probability of a word in general Chinese. */
export function generalProbability(word: string): number {
  const d = referenceDictionary();
  return ((d.freq.get(word) ?? 0) + 1) / (d.total + d.size);
}
