// What the phrase miner's features compare a candidate with: the corpus's size and months, each
// article's subject, general Chinese (jieba's dictionary totals).

import { dictionaryTotals } from '../text/segmenter';
import type { Vocabulary } from './features';
import type { Flat } from './ngrams';
import type { PhraseStream } from './stream';
import { IntList } from './typed';

/** What the features compare with: the corpus's size, its months, general Chinese. */
export class CorpusFacts {
  /** Tokens of every body (punctuation included): PMI's and keyness's denominator. */
  readonly tokens: number;
  readonly monthOf: Int32Array;
  readonly monthShare: Float64Array;
  readonly dictionaryTotal: number;
  /** Some articles carry a date (a month other than ''). */
  readonly dated: boolean;
  readonly headlines: string[];
  /** Per article, the word that is most its own (highest tf·idf among content words): its subject. */
  readonly subjectOf: Int32Array;

  constructor(stream: PhraseStream, flat: Flat, vocab: Vocabulary) {
    const months = [...new Set(stream.articles.map((a) => a.month))].sort();
    const index = new Map(months.map((m, i) => [m, i]));
    this.monthOf = Int32Array.from(stream.articles, (a) => index.get(a.month)!);
    this.dated = months.some((m) => m !== '');
    const size = new Float64Array(months.length);
    let total = 0;
    let tokens = 0;
    stream.articles.forEach((a, i) => {
      let units = 0;
      for (const t of a.tokens) units += vocab.units[t];
      size[this.monthOf[i]] += units;
      total += units;
      tokens += a.tokens.length;
    });
    this.tokens = tokens;
    this.monthShare = size.map((s) => (total ? s / total : 0));
    this.dictionaryTotal = dictionaryTotals().total;
    this.subjectOf = subjects(stream, flat, vocab);
    this.headlines = stream.articles.map((a) => a.headline);
  }
}

function subjects(stream: PhraseStream, flat: Flat, vocab: Vocabulary): Int32Array {
  const df = new Int32Array(vocab.size);
  const seen = new Int32Array(vocab.size).fill(-1);
  for (let p = 0; p < flat.tokens.length; p++) {
    const w = flat.tokens[p];
    if (w >= 0 && vocab.subjectWord[w] && seen[w] !== flat.article[p]) {
      seen[w] = flat.article[p];
      df[w]++;
    }
  }
  const n = stream.articles.length;
  // Per article: its subject words' counts, and the words in the order first met.
  const counts = new Int32Array(vocab.size);
  const met = new IntList();
  return Int32Array.from(stream.articles, (a) => {
    met.length = 0;
    for (const w of a.tokens) {
      if (!vocab.subjectWord[w]) continue;
      if (counts[w]++ === 0) met.push(w);
    }
    let best = -1;
    let bestScore = 0;
    for (let i = 0; i < met.length; i++) {
      const w = met.data[i];
      const c = counts[w];
      counts[w] = 0;
      const score = c * Math.log(n / df[w]);
      if (score > bestScore || (score === bestScore && best >= 0 && vocab.words[w] < vocab.words[best])) {
        best = w;
        bestScore = score;
      }
    }
    return best;
  });
}
