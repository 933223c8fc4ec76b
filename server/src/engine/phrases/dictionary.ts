// General-Chinese word frequencies from nodejieba's own dictionary (`word freq tag` per line): the
// reference corpus against which keyness says "far more frequent in this register than in Chinese
// at large". Loaded once, lazily, and only when learning (linting never needs it).

import { readFileSync } from 'node:fs';
import path from 'node:path';

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
  dictionary ??= indexDictionary(readFileSync(path.join(dictDir(), 'jieba.dict.utf8'), 'utf8'));
  return dictionary;
}

/**
 * Indexes `word freq tag` lines in an open-addressing hash table over the text itself: learning
 * looks up a few thousand words, and a Map of all 350,000 (one string each) cost ~0.3 s to build.
 */
function indexDictionary(text: string): ReferenceDictionary {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  let capacity = 1024;
  while (capacity < 2 * lines) capacity *= 2;
  const mask = capacity - 1;
  /** Slot → 1 + entry number, 0 when free. */
  const slots = new Int32Array(capacity);
  const starts = new Int32Array(lines);
  const lengths = new Int32Array(lines);
  const frequencies = new Float64Array(lines);
  let size = 0;
  let total = 0;

  /** The slot holding the word at text[start, start + length), or the free slot where it belongs. */
  const slotOf = (word: string, start: number, length: number): number => {
    let slot = hashChars(word, start, length) & mask;
    for (let e = slots[slot]; e; e = slots[slot]) {
      if (lengths[e - 1] === length && sameChars(text, starts[e - 1], word, start, length)) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  };

  for (let at = 0; at < text.length; ) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const sp1 = text.indexOf(' ', at);
    if (sp1 > at && sp1 < eol) {
      const sp2 = text.indexOf(' ', sp1 + 1);
      const n = parseCount(text, sp1 + 1, sp2 > sp1 && sp2 < eol ? sp2 : eol);
      if (Number.isFinite(n)) {
        const slot = slotOf(text, at, sp1 - at);
        if (!slots[slot]) {
          starts[size] = at;
          lengths[size] = sp1 - at;
          slots[slot] = ++size;
        }
        frequencies[slots[slot] - 1] += n;
        total += n;
      }
    }
    at = eol + 1;
  }

  const frequency = (word: string) => {
    const e = slots[slotOf(word, 0, word.length)];
    return e ? frequencies[e - 1] : 0;
  };
  return { frequency, has: (word) => slots[slotOf(word, 0, word.length)] !== 0, total, size };
}

/** The number in text[start, end): digits read in place, anything else as `Number()` reads it. */
function parseCount(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(text.slice(start, end));
    n = n * 10 + d;
  }
  return end > start ? n : Number('');
}

/** FNV-1a over UTF-16 code units, kept to 31 bits (a small integer for V8, no boxing). */
function hashChars(s: string, start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h & 0x7fffffff;
}

function sameChars(a: string, aStart: number, b: string, bStart: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) return false;
  return true;
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
  return (d.frequency(word) + 1) / (d.total + d.size);
}
