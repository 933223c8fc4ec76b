// Formulaic phrases in a draft: occurrences of the profile's phrase table (matched with one
// Aho–Corasick pass, kept where they start and end on word boundaries) and “…” quotations. Shared by
// the three slogan rules and the report, so the result is cached per (draft, profile).
//
// Some occurrences are there but are not slogan use (`exempt`): a phrase the draft mentions rather
// than uses (“对象”这个词, 所谓“…”), a name (“…”工程, a product with Latin letters), a title 《…》,
// and the draft's own subject.

import { draftMemo, type ParsedDraft } from '../parse/draft';
import type { PhraseStats, Profile, QuotedPhrase } from '../profile/types';
import type { Span } from '../types';
import { AhoCorasick } from './aho-corasick';
import { partitionPoint } from '../text/partition';
import { HAN } from '../text/chars';
import { countIn } from '../text/matches';
import { DENSITY_SCORE } from './features';

export interface PhraseOccurrence extends Span {
  phrase: string;
  /** The profile's table entry, when the phrase is in its phrase table. */
  stats?: PhraseStats;
  /** The corpus's record of the phrase as a quotation, when it quoted it in two or more articles. */
  quotedStats?: QuotedPhrase;
  /** The corpus's record of a four-character expression outside the table (register.stock). */
  stockStats?: QuotedPhrase;
  /** The occurrence is the whole content of a “…” quotation. */
  quoted: boolean;
  /** Why this occurrence is not slogan use, when it is not. */
  exempt?: 'mention' | 'title' | 'name' | 'subject';
}

interface TableMatcher {
  /** Table phrases, then stock expressions. */
  automaton: AhoCorasick;
  /** For each pattern, the last pattern with its text (a phrase both in the table and in stock is matched as the stock one). */
  lastOfText: Int32Array;
  /** Each pattern text's last pattern. */
  patternOf: Map<string, number>;
  stats: PhraseStats[];
  stock: QuotedPhrase[];
  byPhrase: Map<string, PhraseStats>;
  quoted: Map<string, QuotedPhrase>;
}

const matchers = new WeakMap<Profile, TableMatcher>();
/** draftMemo's key: a draft's occurrences by profile. */
const RESULTS = {};

function matcherFor(profile: Profile): TableMatcher {
  let m = matchers.get(profile);
  if (!m) {
    const stats = profile.register.phrases;
    const stock = profile.register.stock ?? [];
    const patterns = [...stats.map((p) => p.phrase), ...stock.map((p) => p.phrase)];
    const patternOf = new Map(patterns.map((p, i) => [p, i]));
    m = {
      automaton: new AhoCorasick(patterns),
      lastOfText: Int32Array.from(patterns, (p) => patternOf.get(p)!),
      patternOf,
      stats,
      stock,
      byPhrase: new Map(stats.map((p) => [p.phrase, p])),
      quoted: new Map((profile.register.quoted ?? []).map((q) => [q.phrase, q])),
    };
    matchers.set(profile, m);
  }
  return m;
}

const MIN_QUOTE_CHARS = 2;
const MAX_QUOTE_CHARS = 12;
/** Words that introduce a quotation as a word under discussion: 所谓“…”, 叫做“…”. */
const MENTION_BEFORE = /(所谓|叫做|叫作|称为|称作|名为|谓之|一个)$/;
/** …and words after it: “…”这个词, “…”一词, “…”二字, “…”的说法. */
const MENTION_AFTER = /^(这个词|这一词|这个字|一词|一语|二字|两个字|三个字|四个字|三字|四字|这一说法|这种说法|的说法|这个提法|这一提法|这个概念|这一概念|这个说法)/;

/** …and words after a quotation that make it a name: “粤菜师傅”工程, “云驰e家”App (not “双千”目标, a slogan's goal). */
const NAME_AFTER = /^(工程|项目|行动|活动|计划|品牌|平台|小程序|App|APP|app|专项|系统|热线|基金|奖)/;

/**
 * Every formulaic-phrase occurrence in the body, in document order: table phrases on word
 * boundaries, and quotations of 2–12 Han characters that are not speech (说：“…”).
 */
export function findFormulaicPhrases(doc: ParsedDraft, profile: Profile): PhraseOccurrence[] {
  const perProfile = draftMemo(doc, RESULTS, () => new Map<Profile, PhraseOccurrence[]>());
  const cached = perProfile.get(profile);
  if (cached) return cached;

  const body = doc.sentences;
  const inBody = (start: number, end: number) => {
    const last = partitionPoint(body.length, (i) => body[i].start <= start) - 1;
    return last >= 0 && end <= body[last].end;
  };

  const { automaton, lastOfText, patternOf, stats, stock, quoted } = matcherFor(profile);
  // Keyed by (start, pattern): one occurrence per phrase and place, numbers rather than strings.
  const patterns = automaton.patterns.length;
  const found = new Map<number, PhraseOccurrence>();
  const hits = automaton.matches(doc.text);
  for (let k = 0; k < hits.length; k += 2) {
    const pattern = hits[k];
    if (lastOfText[pattern] !== pattern) continue;
    const end = hits[k + 1];
    const start = end - automaton.patternLength[pattern];
    if (!inBody(start, end) || !onWordBoundaries(doc, { start, end })) continue;
    const phrase = automaton.patterns[pattern];
    found.set(
      start * patterns + pattern,
      pattern < stats.length ? { phrase, start, end, quoted: false, stats: stats[pattern] } : { phrase, start, end, quoted: false, stockStats: stock[pattern - stats.length] },
    );
  }
  const quotedOnly: PhraseOccurrence[] = [];
  for (const q of doc.quotes) {
    if (!inBody(q.start, q.end)) continue;
    const inner = quotation(doc, q);
    if (!inner) continue;
    const pattern = patternOf.get(inner);
    const matched = pattern === undefined ? undefined : found.get((q.start + 1) * patterns + pattern);
    const occ = matched ?? { phrase: inner, start: q.start + 1, end: q.end - 1, stats: matcherFor(profile).byPhrase.get(inner), quoted: true };
    occ.quoted = true;
    occ.quotedStats = quoted.get(inner);
    if (mentioned(doc.text, q)) occ.exempt = 'mention';
    else if (NAME_AFTER.test(doc.text.slice(q.end, q.end + 3)) || /[A-Za-z0-9]/.test(inner)) occ.exempt = 'name';
    if (!matched) quotedOnly.push(occ);
  }
  // No two occurrences share a start and an end (that would be one text): the order is the sort's alone.
  const out = [...found.values(), ...quotedOnly].sort((a, b) => a.start - b.start || b.end - a.end);
  markExempt(doc, out);
  perProfile.set(profile, out);
  return out;
}

/**
 * The match starts where a word starts and ends where a word ends (展会 is not in 发展会议); a phrase
 * of three characters or more anywhere (jieba sometimes glues a neighbour's character to its first or
 * last word: 要行|稳致远).
 */
function onWordBoundaries(doc: ParsedDraft, m: Span): boolean {
  // Three characters or more of a table phrase are no accidental substring: the draft need not be
  // segmented there (most of its clauses would be, only for this).
  if (m.end - m.start >= 3) return true;
  const tokens = doc.tokensIn({ start: m.start - 2, end: m.end });
  const startsWord = tokens.some((t) => t.start === m.start);
  const endsWord = tokens.some((t) => t.end === m.end);
  return startsWord && endsWord;
}

/** The content of a “…” quotation when it reads as a phrase: 2–12 Han characters, no sentence punctuation, not speech. */
function quotation(doc: ParsedDraft, q: Span): string | undefined {
  const units = q.end - q.start - 2;
  if (units < MIN_QUOTE_CHARS || units > 2 * MAX_QUOTE_CHARS) return undefined;
  const inner = doc.text.slice(q.start + 1, q.end - 1);
  const chars = [...inner].length;
  if (chars < MIN_QUOTE_CHARS || chars > MAX_QUOTE_CHARS || !HAN.test(inner)) return undefined;
  if (/[，。！？；：,.!?;:“”\s]/.test(inner)) return undefined;
  const before = doc.text.slice(Math.max(0, q.start - 3), q.start);
  if (/[：:]$/.test(before) || /[说道问喊称]$/.test(before)) return undefined;
  return inner;
}

/** The quotation names a word under discussion rather than using it. */
function mentioned(text: string, q: Span): boolean {
  return MENTION_BEFORE.test(text.slice(Math.max(0, q.start - 2), q.start)) || MENTION_AFTER.test(text.slice(q.end, q.end + 4));
}

/**
 * Marks what is not slogan use: every occurrence of a phrase the draft mentions as a word once
 * (it discusses that word) or quotes once as a name (a programme, a product), a phrase inside 《…》, and a phrase of the headline (the draft's subject).
 */
function markExempt(doc: ParsedDraft, occurrences: PhraseOccurrence[]): void {
  const mentionedPhrases = new Set(occurrences.filter((o) => o.exempt === 'mention').map((o) => o.phrase));
  const names = new Set(occurrences.filter((o) => o.exempt === 'name').map((o) => o.phrase));
  const titles = [...doc.text.matchAll(/《[^《》\n]{1,40}》/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const subjects = subjectPhrases(doc, occurrences);
  for (const o of occurrences) {
    if (mentionedPhrases.has(o.phrase)) o.exempt = 'mention';
    else if (names.has(o.phrase)) o.exempt = 'name';
    else if (titles.some((t) => t.start < o.start && o.end < t.end)) o.exempt = 'title';
    else if (subjects.has(o.phrase)) o.exempt = 'subject';
  }
}

/** No article repeats a phrase this often unless it is what the article is about (一刀切 seven times in a piece on 一刀切). */
const SUBJECT_USES = 6;

/**
 * The phrases the draft is about: those sharing with its headline a stretch of text that is half
 * the phrase or more (营商环境 in a headline, 优化营商环境 in the body), the phrases it uses
 * SUBJECT_USES times or more, and those whose word it uses far more often on its own (its theme words).
 */
function subjectPhrases(doc: ParsedDraft, occurrences: readonly PhraseOccurrence[]): Set<string> {
  const out = new Set<string>();
  const headline = bare(doc.headline?.text ?? '');
  const uses = new Map<string, number>();
  for (const o of occurrences) uses.set(o.phrase, (uses.get(o.phrase) ?? 0) + 1);
  const first = new Map<string, PhraseOccurrence>();
  for (const o of occurrences) if (!first.has(o.phrase)) first.set(o.phrase, o);
  const wordCounts = new Map<string, number>();
  for (const [phrase, n] of uses) {
    const o = first.get(phrase)!;
    // Only a repeat (three uses or more) or a cliché is ever flagged: the rest need no judging.
    if (n < 3 && !o.stats?.cliche) continue;
    const plain = bare(phrase);
    if (n >= SUBJECT_USES || 2 * sharedRun(plain, headline) >= Math.max(4, plain.length)) out.add(phrase);
    else if (n >= 3 && themeOfDraft(doc, o, n, wordCounts)) out.add(phrase);
  }
  return out;
}

const THEME_WORD_USES = 10;
const THEME_WORD_RATIO = 3;

/**
 * The draft's theme words: a word of the phrase (two characters or more) that the draft writes far
 * more often outside it (人民 ninety times around five 人民谋幸福) makes the phrase part of its subject.
 * Counted in the text, not in tokens: the draft need not be segmented whole for it.
 */
function themeOfDraft(doc: ParsedDraft, o: PhraseOccurrence, n: number, wordCounts: Map<string, number>): boolean {
  const countInDraft = (w: string) => {
    let inDraft = wordCounts.get(w);
    if (inDraft === undefined) wordCounts.set(w, (inDraft = countIn(doc.text, w)));
    return inDraft;
  };
  // A theme word's first two characters are in the draft as often as it is: when none of the phrase's
  // pairs of characters is that often, no word of it can be a theme word, and it need not be segmented.
  let often = false;
  for (let i = 0; i + 2 <= o.phrase.length && !often; i++) often = countInDraft(o.phrase.slice(i, i + 2)) >= Math.max(THEME_WORD_USES, THEME_WORD_RATIO * n) + n;
  if (!often) return false;
  for (const t of doc.tokensIn({ start: o.start, end: o.end })) {
    if (t.word.length < 2 || t.word === o.phrase || t.start < o.start || t.end > o.end || !/^[nvaijl]/.test(t.tag)) continue;
    const alone = countInDraft(t.word) - n * countIn(o.phrase, t.word);
    if (alone >= THEME_WORD_USES && alone >= THEME_WORD_RATIO * n) return true;
  }
  return false;
}


/** Without the punctuation a headline drops from a phrase (不忘初心、牢记使命 → 不忘初心牢记使命). */
function bare(s: string): string {
  return s.replace(/[、，“”‘’《》·\s]/g, '');
}

/** The length of the longest stretch of `a` that `b` contains. */
function sharedRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + best + 1; j <= a.length && b.includes(a.slice(i, j)); j++) best = j - i;
  return best;
}

/**
 * Surely formulaic table phrases (and enumerations) per 1,000 Han characters of the body, the corpus's
 * density measure: each stretch of formulaic text counted once (疫情防控 inside 疫情防控阻击战 is one).
 */
export function formulaicDensity(doc: ParsedDraft, profile: Profile): { perThousand: number; phrases: number; chars: number } {
  const phrases = outermost(findFormulaicPhrases(doc, profile).filter((o) => o.stats && (o.stats.kind === 'enumeration' || o.stats.score >= DENSITY_SCORE) && o.exempt !== 'title')).length;
  const chars = doc.hanChars;
  return { perThousand: chars ? Math.round((phrases * 100000) / chars) / 100 : 0, phrases, chars };
}

/** The occurrences not inside a longer one (input sorted by start, longer first at one start). */
export function outermost<T extends Span>(occurrences: readonly T[]): T[] {
  const out: T[] = [];
  let end = -1;
  for (const o of occurrences) {
    if (o.end <= end) continue;
    if (o.start < end) continue;
    out.push(o);
    end = o.end;
  }
  return out;
}
