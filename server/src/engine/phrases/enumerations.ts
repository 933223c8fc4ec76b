// Short enumerations joined by 、 that the corpus repeats word for word: 获得感、幸福感、安全感;
// 不忘初心、牢记使命; 早发现、早报告、早隔离、早治疗. Such a list is a fixed formulation when the same
// members come in the same order in several articles. The members in the middle of a list are whole
// between two 、; the first and the last are cut from their clauses (增强人民群众|获得感、…), so every cut of
// up to three words is counted and the one the corpus does not always extend (a fragment: 感、幸福感、
// 安全感 is always preceded by 获得) is kept.

import type { PhraseStats } from '../profile/types';
import type { ExampleRef } from '../types';
import type { CorpusFacts } from './corpus-facts';
import { MIN_ARTICLES, type Flat } from './ngrams';
import type { Vocabulary } from './features';
import type { PhraseStream } from './stream';

/** A list bunched in a few months is offered to the formulation miner from this many articles (its canonical minimum). */
const MIN_FIXED_LIST_ARTICLES = 10;
const MAX_MEMBER_WORDS = 3;
const MAX_MEMBER_UNITS = 8;
const MAX_MEMBERS = 6;
/** Names (nr alone is unreliable: jieba tags 幸福感 and 安全感 nr). */
const NAME_TAGS = new Set(['ns', 'nt', 'nrfg', 'nrt']);

interface Tally {
  articles: number;
  count: number;
  max: number;
  last: number;
  current: number;
  months: Set<number>;
  examples: { article: number; offset: number }[];
  /** (article, first token, end token) of every occurrence. */
  spans: number[];
}

/** An enumeration of the table, with where it occurs (article, first token, end token: for the density). */
export type MinedEnumeration = PhraseStats & { spans: number[] };

/**
 * The enumerations of the table, and lists fixed enough for the formulation miner to judge but too
 * bunched in time to call formulaic language (人民战争、总体战、阻击战, in many articles of two months).
 */
export function mineEnumerations(stream: PhraseStream, _flat: Flat, vocab: Vocabulary, corpus: CorpusFacts): { table: MinedEnumeration[]; fixedLists: { phrase: string; articles: number }[] } {
  const tallies = new Map<string, Tally>();
  stream.articles.forEach((article, a) => {
    const t = article.tokens;
    for (let p = 0; p < t.length; p++) {
      if (!vocab.enumComma[t[p]] || (p > 0 && vocab.enumComma[t[p - 1]])) continue;
      // A chain starts at the first 、 after a clause: members between, then the clause after the last 、.
      if (!isChainStart(t, p, vocab)) continue;
      const commas: number[] = [p];
      let q = p;
      while (true) {
        const member = memberAfter(t, q, vocab);
        if (member < 0 || commas.length >= MAX_MEMBERS - 1) break;
        if (member < t.length && vocab.enumComma[t[member]]) {
          commas.push(member);
          q = member;
        } else break;
      }
      countChain(t, commas, a, corpus.monthOf[a], article.offsets, tallies, vocab);
    }
  });

  const wellFormed = new Map<string, Tally>();
  // Lists offered to the formulation miner only: bunched in time, or of short unlike members.
  const forFormulations = new Set<string>();
  for (const [text, e] of tallies) {
    if (e.articles < MIN_ARTICLES) continue;
    const members = text.split('、');
    // Short members are a list only when alike or four or more, all as long (富强、民主、文明、和谐).
    const shortList = members.length >= 4 && members.every((m) => m.length === members[0].length);
    if (!alike(members) && members.some((m) => m.length < 3) && !shortList) {
      // No list of the table, but three short members or more, all as long, in many articles may be a
      // fixed one (革命、建设、改革); members of unlike lengths are a clause's cut (构建系统完备、…、运行).
      if (members.length < 3 || e.articles < MIN_FIXED_LIST_ARTICLES || members.some((m) => m.length !== members[0].length)) continue;
      forFormulations.add(text);
    }
    if (!alike(members) && corpus.dated && e.months.size < 3) {
      if (e.articles < MIN_FIXED_LIST_ARTICLES) continue;
      forFormulations.add(text);
    }
    wellFormed.set(text, e);
  }
  // Cuts of one list share what lies around its first and last 、: compare them with each other only.
  const families = new Map<string, [string, Tally][]>();
  for (const entry of wellFormed) {
    const text = entry[0];
    const first = text.indexOf('、');
    const last = text.lastIndexOf('、');
    const key = text.slice(first - 1, last + 2);
    const family = families.get(key);
    if (family) family.push(entry);
    else families.set(key, [entry]);
  }
  const out: MinedEnumeration[] = [];
  const fixedLists: { phrase: string; articles: number }[] = [];
  for (const [text, e] of wellFormed) {
    const first = text.indexOf('、');
    const family = families.get(text.slice(first - 1, text.lastIndexOf('、') + 2))!;
    // Of the cuts of one list, keep those built most alike; among those, drop a cut that a longer one
    // nearly always extends (感、幸福感、安全感 inside 获得感、幸福感、安全感).
    const level = alike(text.split('、'));
    let keep = true;
    for (const [other, o] of family) {
      if (other === text) continue;
      const otherLevel = alike(other.split('、'));
      if ((other.endsWith(text) || other.startsWith(text)) && o.count >= 0.92 * e.count && otherLevel >= level) keep = false;
      if ((text.endsWith(other) || text.startsWith(other)) && otherLevel > level) keep = false;
    }
    if (!keep) continue;
    if (forFormulations.has(text)) {
      fixedLists.push({ phrase: text, articles: e.articles });
      continue;
    }
    const examples: ExampleRef[] = e.examples
      .slice(0, 3)
      .map((x) => ({ headline: stream.articles[x.article].headline, file: stream.articles[x.article].file, offset: x.offset }))
      .sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.offset - y.offset));
    out.push({
      phrase: text,
      kind: 'enumeration',
      count: e.count,
      articles: e.articles,
      maxPerArticle: e.max,
      limit: Math.max(3, e.max + 1),
      months: corpus.dated ? e.months.size : 0,
      subjects: 0,
      keyness: 0,
      cohesion: 1,
      score: 1,
      cliche: false,
      examples,
      spans: e.spans,
    });
  }
  return { table: out, fixedLists };
}

/** The 、 at p follows a member that is not itself after a 、 (the chain's first comma). */
function isChainStart(t: Int32Array, p: number, vocab: Vocabulary): boolean {
  let q = p - 1;
  while (q >= 0 && !vocab.punct[t[q]]) q--;
  return q < 0 || !vocab.enumComma[t[q]];
}

/** The index just after the member that follows the 、 at `comma`, or -1 when no short member follows. */
function memberAfter(t: Int32Array, comma: number, vocab: Vocabulary): number {
  let q = comma + 1;
  while (q < t.length && !vocab.punct[t[q]]) q++;
  return q === comma + 1 ? -1 : q;
}

/** Counts every cut of the chain's first and last members (up to 3 words each). */
function countChain(t: Int32Array, commas: number[], a: number, month: number, offsets: Int32Array, tallies: Map<string, Tally>, vocab: Vocabulary): void {
  const inner: string[] = [];
  for (let i = 0; i + 1 < commas.length; i++) {
    const member = wordsText(t, commas[i] + 1, commas[i + 1], vocab);
    if (member === undefined) return;
    inner.push(member);
  }
  const firstEnd = commas[0];
  let clauseStart = firstEnd - 1;
  while (clauseStart >= 0 && !vocab.punct[t[clauseStart]]) clauseStart--;
  clauseStart++;
  const lastStart = commas[commas.length - 1] + 1;
  let clauseEnd = lastStart;
  while (clauseEnd < t.length && !vocab.punct[t[clauseEnd]]) clauseEnd++;
  for (let i = 1; i <= MAX_MEMBER_WORDS && firstEnd - i >= clauseStart; i++) {
    const first = wordsText(t, firstEnd - i, firstEnd, vocab);
    if (first === undefined) continue;
    for (let j = 1; j <= MAX_MEMBER_WORDS && lastStart + j <= clauseEnd; j++) {
      const last = wordsText(t, lastStart, lastStart + j, vocab);
      if (last === undefined) continue;
      const text = [first, ...inner, last].join('、');
      let e = tallies.get(text);
      if (!e) tallies.set(text, (e = { articles: 0, count: 0, max: 0, last: -1, current: 0, months: new Set(), examples: [], spans: [] }));
      if (e.last !== a) {
        e.last = a;
        e.current = 0;
        e.articles++;
      }
      e.count++;
      e.months.add(month);
      e.max = Math.max(e.max, ++e.current);
      e.spans.push(a, firstEnd - i, lastStart + j);
      if (e.examples.length < 3) e.examples.push({ article: a, offset: offsets[firstEnd - i] });
    }
  }
}

/** The member's text when it can be one: Han words, no name, no function word at either end, short; else undefined. */
function wordsText(t: Int32Array, from: number, to: number, vocab: Vocabulary): string | undefined {
  if (to - from > MAX_MEMBER_WORDS) return undefined;
  let text = '';
  for (let q = from; q < to; q++) {
    if (!vocab.han[t[q]] || NAME_TAGS.has(vocab.tags[t[q]])) return undefined;
    text += vocab.words[t[q]];
  }
  if (edgeFunctionWord(t[from], vocab) || edgeFunctionWord(t[to - 1], vocab)) return undefined;
  return text.length >= 2 && text.length <= MAX_MEMBER_UNITS ? text : undefined;
}

/** A function word that cannot open or close a member (早 in 早发现 can: an adverb of one character glued to its verb). */
function edgeFunctionWord(w: number, vocab: Vocabulary): boolean {
  return vocab.functionWord[w] === 1 && !(vocab.units[w] === 1 && /^[dva]/.test(vocab.tags[w]));
}

/**
 * How alike the members are built: 2 when they share their first or last character (早发现、早报告;
 * 获得感、幸福感) and differ in length by at most one, 1 when they only share it or are all as long
 * (four characters or more), else 0.
 */
function alike(members: string[]): number {
  const shared = new Set(members.map((m) => m[0])).size === 1 || new Set(members.map((m) => m[m.length - 1])).size === 1;
  const lengths = members.map((m) => m.length);
  const even = Math.max(...lengths) - Math.min(...lengths) <= 1;
  if (shared) return even ? 2 : 1;
  return new Set(lengths).size === 1 && lengths[0] >= 4 ? 1 : 0;
}
