// What may be a formulaic phrase, decided the same way when learning a corpus and when linting a
// draft: a quoted slogan (“双千”, 2–12 characters, not dialogue) or an n-gram of 2–4 adjacent
// content-word tokens. Proper nouns (places, people, organisations) and the draft's own subject
// (words of its headline) are never slogans. jieba's tag depends on the word alone (a dictionary
// lookup), so a word tagged as a proper noun in one place is tagged so everywhere.

import type { ParsedDraft } from '../parse/draft';
import type { Token } from '../text/segmenter';
import type { Span } from '../types';
import { HAN } from '../text/chars';
import { stopWordList } from './dictionary';
import { partitionPoint } from '../text/partition';

export interface CandidateOccurrence extends Span {
  phrase: string;
  /** The occurrence is the whole content of a “…” quotation. */
  quoted: boolean;
}

const MIN_NGRAM = 2;
const MAX_NGRAM = 4;
const MIN_PHRASE_CHARS = 3;
const MAX_PHRASE_CHARS = 10;
const MIN_QUOTE_CHARS = 2;
const MAX_QUOTE_CHARS = 12;

/** jieba tags of proper nouns: person, place, organisation, other proper name. */
const PROPER_TAGS = new Set(['nr', 'nrt', 'nrfg', 'nrj', 'ns', 'nt', 'nz']);
/** Content-word tag families: nouns, verbs, adjectives, idioms, abbreviations. */
const CONTENT_TAG = /^(n|v|a|l|i|j)/;

function isContentToken(t: Token): boolean {
  if (!CONTENT_TAG.test(t.tag) || PROPER_TAGS.has(t.tag)) return false;
  if (t.word.length === 1 && t.tag.startsWith('v')) return false; // 是/有/要: glue, not content
  if (!HAN.test(t.word) || /[0-9０-９A-Za-z]/.test(t.word)) return false;
  return !stopWordList().has(t.word);
}

/** Body spans of the draft (sentences): headline, byline and comments are left out. */
export function bodyTokens(doc: ParsedDraft): Token[] {
  const h = doc.headline;
  const all = doc.allTokens();
  return h ? all.filter((t) => t.end <= h.start || t.start >= h.end) : all.slice();
}

/**
 * The content of a “…” quotation when it reads as a slogan: 2–12 characters, Han, no internal
 * sentence punctuation, not introduced as speech (说：“…”), not a proper noun.
 */
export function quotedSlogan(doc: ParsedDraft, quote: Span): string | undefined {
  const inner = doc.text.slice(quote.start + 1, quote.end - 1);
  const chars = [...inner].length;
  if (chars < MIN_QUOTE_CHARS || chars > MAX_QUOTE_CHARS || !HAN.test(inner)) return undefined;
  if (/[，。！？；：,.!?;:“”\s]/.test(inner)) return undefined;
  const before = doc.text.slice(Math.max(0, quote.start - 3), quote.start);
  if (/[：:]$/.test(before) || /[说道问喊称]$/.test(before)) return undefined;
  const inside = tokensWithin(doc.tokensIn({ start: quote.start + 1, end: quote.end - 1 }), quote.start + 1, quote.end - 1);
  if (inside.length && inside.every((t) => PROPER_TAGS.has(t.tag))) return undefined;
  return inner;
}

/** Tokens lying inside [start, end), found by binary search (tokens are in document order). */
export function tokensWithin(tokens: readonly Token[], start: number, end: number): Token[] {
  const out: Token[] = [];
  for (let i = partitionPoint(tokens.length, (k) => tokens[k].start < start); i < tokens.length && tokens[i].end <= end; i++) out.push(tokens[i]);
  return out;
}

/**
 * True when [start, end) is exactly an n-gram the learner counts: 2–4 adjacent content-word tokens,
 * 3–10 characters, on token boundaries. The linter applies the same test to table matches, so a draft
 * is counted the way the corpus was.
 */
export function isNgramSpan(doc: ParsedDraft, start: number, end: number): boolean {
  const length = end - start;
  if (length < MIN_PHRASE_CHARS || length > MAX_PHRASE_CHARS) return false;
  const inside = tokensWithin(doc.tokensIn({ start, end }), start, end);
  if (inside.length < MIN_NGRAM || inside.length > MAX_NGRAM) return false;
  if (inside[0].start !== start || inside[inside.length - 1].end !== end) return false;
  for (let i = 0; i < inside.length; i++) {
    if (!isContentToken(inside[i])) return false;
    if (i > 0 && inside[i - 1].end !== inside[i].start) return false;
  }
  return true;
}

/** Every candidate occurrence in the body of a draft, deduplicated by (phrase, start). */
export function extractCandidates(doc: ParsedDraft): CandidateOccurrence[] {
  const subject = doc.headline?.text ?? '';
  const tokens = bodyTokens(doc);
  const seen = new Map<string, CandidateOccurrence>();
  const add = (phrase: string, start: number, end: number, quoted: boolean) => {
    if (subject.includes(phrase)) return;
    const key = `${start}:${phrase}`;
    const prev = seen.get(key);
    if (prev) prev.quoted ||= quoted;
    else seen.set(key, { phrase, start, end, quoted });
  };

  let run: Token[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      let phrase = run[i].word;
      for (let n = 2; n <= MAX_NGRAM && i + n - 1 < run.length; n++) {
        phrase += run[i + n - 1].word;
        if (n < MIN_NGRAM || phrase.length < MIN_PHRASE_CHARS) continue;
        if (phrase.length > MAX_PHRASE_CHARS) break;
        add(phrase, run[i].start, run[i + n - 1].end, false);
      }
    }
    run = [];
  };
  for (const t of tokens) {
    if (!isContentToken(t)) {
      flush();
      continue;
    }
    if (run.length && run[run.length - 1].end !== t.start) flush();
    run.push(t);
  }
  flush();

  const h = doc.headline;
  for (const q of doc.quotes) {
    if (h && q.start < h.end && q.end > h.start) continue;
    if (doc.byline && q.start >= doc.byline.start && q.end <= doc.byline.end) continue;
    const slogan = quotedSlogan(doc, q);
    if (slogan) add(slogan, q.start + 1, q.end - 1, true);
  }
  return [...seen.values()].sort((a, b) => a.start - b.start || a.phrase.localeCompare(b.phrase));
}
