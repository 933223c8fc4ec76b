import { describe, expect, it } from 'vitest';
import { PhraseTally } from '../../server/src/engine/phrases/tally';
import type { CorpusArticle } from '../../server/src/engine/profile/contributor';
import type { ParsedDraft } from '../../server/src/engine/parse/draft';

// The learner's running phrase counts, checked against the rule they implement, written out plainly:
// per phrase, a posting (article, occurrences) for every article that has it, in article order, and
// as examples the first 3 by (file, offset, article) among the first 3 occurrences in each article.

const PHRASES = ['高质量发展', '真金白银', '“双千”', '民生清单', '久久为功', '一张蓝图绘到底'];

/** A small deterministic pseudo-random sequence (no test depends on Math.random). */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

interface Occurrence {
  article: number;
  phrase: string;
  start: number;
  quoted: boolean;
}

function corpus(seed: number) {
  const next = random(seed);
  const articles: CorpusArticle[] = [];
  const occurrences: Occurrence[] = [];
  for (let f = 0; f < 6; f++) {
    const file = `archive/${String(f).padStart(2, '0')}.txt`;
    // Several articles per file (a page), each mapped to its own stretch of the file; the byline of
    // some is printed before the body, so file offsets do not always grow with document offsets.
    for (let a = 0, count = 1 + Math.floor(next() * 3); a < count; a++) {
      const base = 1000 * a;
      const shuffled = next() < 0.3;
      articles.push({
        file,
        headline: `第${f}版第${a}篇`,
        doc: { hanChars: 100 + a } as ParsedDraft,
        fileOffset: (o) => (shuffled && o < 50 ? base + 900 + o : base + o),
        bylinePosition: 'after-headline',
      });
      let start = 0;
      for (let k = 0, n = Math.floor(next() * 12); k < n; k++) {
        start += 1 + Math.floor(next() * 40);
        occurrences.push({ article: articles.length - 1, phrase: PHRASES[Math.floor(next() * PHRASES.length)], start, quoted: next() < 0.2 });
      }
    }
  }
  return { articles, occurrences };
}

function expected(articles: CorpusArticle[], occurrences: Occurrence[]) {
  const byPhrase = new Map<string, { quoted: number; postings: number[]; candidates: [number, number][] }>();
  for (const o of occurrences) {
    const e = byPhrase.get(o.phrase) ?? { quoted: 0, postings: [], candidates: [] };
    byPhrase.set(o.phrase, e);
    if (o.quoted) e.quoted++;
    const last = e.postings.length - 2;
    const count = last >= 0 && e.postings[last] === o.article ? ++e.postings[last + 1] : (e.postings.push(o.article, 1), 1);
    if (count <= 3) e.candidates.push([o.article, articles[o.article].fileOffset(o.start)]);
  }
  const result: Record<string, { quoted: number; postings: number[]; examples: number[] }> = {};
  for (const [phrase, e] of byPhrase) {
    const ordered = e.candidates.sort((x, y) => (articles[x[0]].file < articles[y[0]].file ? -1 : articles[x[0]].file > articles[y[0]].file ? 1 : 0) || x[1] - y[1] || x[0] - y[0]);
    result[phrase] = { quoted: e.quoted, postings: e.postings, examples: ordered.slice(0, 3).flat() };
  }
  return result;
}

function packed(tally: PhraseTally) {
  const shard = tally.pack();
  const result: Record<string, { quoted: number; postings: number[]; examples: number[] }> = {};
  shard.phrases.forEach((phrase, i) => {
    const p = i ? shard.postingEnds[i - 1] : 0;
    const e = i ? shard.exampleEnds[i - 1] : 0;
    result[phrase] = {
      quoted: shard.quoted[i],
      postings: Array.from(shard.postings.subarray(p, shard.postingEnds[i])),
      examples: Array.from(shard.examples.subarray(e, shard.exampleEnds[i])),
    };
  });
  return { shard, result };
}

describe('a learner\'s phrase tally', () => {
  it('counts postings, quotations and examples exactly as the rule says, over many random pages', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { articles, occurrences } = corpus(seed);
      const tally = new PhraseTally();
      let o = 0;
      articles.forEach((article, a) => {
        expect(tally.beginArticle(article)).toBe(a);
        for (; o < occurrences.length && occurrences[o].article === a; o++) {
          const occ = occurrences[o];
          tally.add(a, -1, occ.phrase, occ.start, occ.quoted, article);
        }
      });
      const { shard, result } = packed(tally);
      expect(result).toEqual(expected(articles, occurrences));
      // Articles are keyed by file and their number within it.
      expect(shard.articles.map((x) => x.key)).toEqual(articles.map((x) => `${x.file}#${String(articles.filter((y, j) => y.file === x.file && j < articles.indexOf(x)).length).padStart(4, '0')}`));
    }
  });
});
