// ParsedDraft: built once per document version; every rule reads it. Nothing here knows about LSP.

import type { Span } from '../types';
import { computeLineStarts, positionAt, type Position } from '../text/positions';
import { countHan, sentenceEndLength, TRAILING_CLOSERS } from '../text/chars';
import { tagPackedOnce, type Token } from '../text/segmenter';
import { findBylineParagraphs, type BylinePlacement, type BylineShape } from './byline';
import { findCommentSpans, findSuppressionComments, type SuppressionComment } from './suppressions';
import { DraftTokens, START, type TokenColumns } from './tokens';
import { partitionPoint } from '../text/partition';

export interface Line extends Span {
  index: number;
  /** Line text without its line ending. */
  text: string;
}

export type ParagraphKind = 'headline' | 'byline' | 'body' | 'comment';

/** A non-blank line. Drafts put one paragraph per line; blank lines between them are optional. */
export interface Paragraph extends Span {
  index: number;
  line: number;
  kind: ParagraphKind;
  /** Text of the paragraph (trimmed of surrounding whitespace; start/end match the trimmed text). */
  text: string;
}

export interface Sentence extends Span {
  paragraph: number;
  text: string;
}

export interface Byline extends Span, BylineShape {
  paragraph: number;
  /** Where it sits: right after the headline, as the last paragraph, or anywhere else. */
  position: BylinePlacement;
  raw: string;
}

export interface Headline extends Span {
  text: string;
  paragraph: number;
  /** Written as a Markdown `# ` heading (span excludes the `# `). */
  markdown: boolean;
}

export interface ParsedDraft {
  text: string;
  lineStarts: number[];
  lines: Line[];
  paragraphs: Paragraph[];
  headline?: Headline;
  /** Every line shaped like a byline; `byline` is the one the draft most likely means. */
  bylineCandidates: Byline[];
  byline?: Byline;
  /** Body sentences (headline, byline and comments excluded). */
  sentences: Sentence[];
  /**
   * Tokens (body and headline) starting inside `span`, in document order. Segmentation is lazy:
   * each clause is tagged once, when a rule first asks for a span that touches it.
   */
  tokensIn(span: Span): Token[];
  /** Every token of the body and the headline (tags the whole draft). */
  allTokens(): readonly Token[];
  /** Every token as columns, without an object each (what learning reads). */
  allTokenColumns(): TokenColumns;
  /** Spans of “…” quotations (outer marks included), balanced pairs only. */
  quotes: Span[];
  comments: Span[];
  suppressions: SuppressionComment[];
  /** Han characters in the body, the denominator of densities. */
  hanChars: number;
  /** Share of Han characters among non-space characters of the whole text. */
  readonly hanRatio: number;
  positionAt(offset: number): Position;
  lineOf(offset: number): number;
  /** Next line after `line` that is not blank (for disable-next-line). */
  nextContentLine(line: number): number;
  /** What is computed once per version of the draft, by the computing module's key: see draftMemo. */
  readonly memo: Map<object, unknown>;
}

/**
 * `make()`'s value for this version of the draft, computed once per `key` (an object of the module
 * that computes it). Kept on the draft, not in a WeakMap keyed by drafts: V8's young-generation
 * collections keep a WeakMap's values alive, so every draft and all that was computed from it would
 * be copied into the old generation, and an editor parses a new version on every keystroke.
 */
export function draftMemo<T>(doc: ParsedDraft, key: object, make: () => T): T {
  let value = doc.memo.get(key) as T | undefined;
  if (value === undefined) doc.memo.set(key, (value = make()));
  return value;
}

/** draftMemo's key of a draft's DraftTokens. */
const DRAFT_TOKENS = {};

export interface ParseOptions {
  /** Markdown: a `# ` heading is the headline even when it is not the first line. */
  markdown?: boolean;
}

const MD_HEADING = /^#{1,6}[ \t]+/;

export function parseDraft(text: string, options: ParseOptions = {}): ParsedDraft {
  const lineStarts = computeLineStarts(text);
  const lines = splitLines(text, lineStarts);
  const comments = findCommentSpans(text);
  const lineOf = (offset: number) => positionAt(lineStarts, offset).line;
  const suppressions = findSuppressionComments(text, lineOf);

  const paragraphs: Paragraph[] = [];
  for (const line of lines) {
    const lead = line.text.length - line.text.trimStart().length;
    const trimmed = line.text.trim();
    if (!trimmed) continue;
    const start = line.start + lead;
    const around = comments[firstCommentEndingAfter(comments, start)];
    const isComment = !!around && around.start <= start && around.end >= start + trimmed.length;
    paragraphs.push({ index: paragraphs.length, line: line.index, kind: isComment ? 'comment' : 'body', text: trimmed, start, end: start + trimmed.length });
  }

  const content = paragraphs.filter((p) => p.kind !== 'comment');
  const headline = findHeadline(content, options.markdown ?? false);
  if (headline) paragraphs[headline.paragraph].kind = 'headline';

  const headlineIdx = headline ? content.findIndex((c) => c.index === headline.paragraph) : -1;
  const bylineCandidates: Byline[] = findBylineParagraphs(content, headlineIdx).map(({ paragraph: p, shape, position }) => ({
    ...shape,
    start: p.start,
    end: p.end,
    paragraph: p.index,
    position,
    raw: p.text,
  }));
  const byline =
    bylineCandidates.find((b) => b.position === 'after-headline') ?? bylineCandidates.find((b) => b.position === 'end') ?? bylineCandidates[0];
  for (const b of bylineCandidates) paragraphs[b.paragraph].kind = 'byline';

  const sentences: Sentence[] = [];
  const taggable: Span[] = [];
  let hanChars = 0;
  for (const p of paragraphs) {
    if (p.kind === 'comment' || p.kind === 'byline') continue;
    const pieces = outsideComments(p, comments);
    for (const piece of pieces) taggable.push(piece);
    if (p.kind !== 'body') continue;
    for (const piece of pieces) {
      hanChars += countHan(text.slice(piece.start, piece.end));
      for (const sentence of splitSentences(text, piece, p.index)) sentences.push(sentence);
    }
  }

  const tokens = new DraftTokens(text, taggable);
  let hanRatio: number | undefined;
  const doc: ParsedDraft = {
    text,
    lineStarts,
    lines,
    paragraphs,
    headline,
    bylineCandidates,
    byline,
    sentences,
    tokensIn: (span) => tokens.in(span),
    allTokens: () => tokens.all(),
    allTokenColumns: () => tokens.allColumns(),
    quotes: findQuotes(text),
    comments,
    suppressions,
    hanChars,
    // Only linting asks (is this Chinese at all?): learning never pays for it.
    get hanRatio() {
      if (hanRatio === undefined) {
        const nonSpace = text.replace(/\s+/g, '').length;
        hanRatio = nonSpace ? countHan(text) / nonSpace : 0;
      }
      return hanRatio;
    },
    positionAt: (offset) => positionAt(lineStarts, offset),
    lineOf,
    nextContentLine: (line) => {
      for (let l = line + 1; l < lines.length; l++) if (lines[l].text.trim()) return l;
      return line + 1;
    },
    memo: new Map<object, unknown>([[DRAFT_TOKENS, tokens]]),
  };
  return doc;
}

/**
 * Segments every token of `docs` in one jieba call, for their allTokenColumns(), allTokens() and
 * tokensIn(): learning segments a batch of articles at once, since every call has a fixed cost (the
 * text converted in, the result converted out) that adds up over thousands of articles.
 */
export function segmentTogether(docs: readonly ParsedDraft[]): void {
  const drafts = docs.map((doc) => doc.memo.get(DRAFT_TOKENS) as DraftTokens);
  const texts = drafts.flatMap((d) => d.pieceTexts());
  if (!texts.length) return;
  const batch = tagPackedOnce(texts.join('\n'));
  let at = START;
  for (const d of drafts) at = d.adopt(batch, at);
}

function splitLines(text: string, lineStarts: number[]): Line[] {
  return lineStarts.map((start, index) => {
    let end = index + 1 < lineStarts.length ? lineStarts[index + 1] : text.length;
    if (end > start && text.charCodeAt(end - 1) === 10) end--;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return { index, start, end, text: text.slice(start, end) };
  });
}

function findHeadline(content: Paragraph[], markdown: boolean): Headline | undefined {
  const heading = markdown ? content.find((p) => MD_HEADING.test(p.text)) : undefined;
  const p = heading ?? content[0];
  if (!p) return undefined;
  const prefix = MD_HEADING.exec(p.text)?.[0].length ?? 0;
  return { text: p.text.slice(prefix).trim(), start: p.start + prefix, end: p.end, paragraph: p.index, markdown: prefix > 0 };
}

/** The parts of a span (a paragraph) outside HTML comments. */
export function outsideComments(p: Span, comments: Span[]): Span[] {
  const out: Span[] = [];
  let cursor = p.start;
  for (let i = firstCommentEndingAfter(comments, p.start); i < comments.length && comments[i].start < p.end; i++) {
    const c = comments[i];
    if (c.start > cursor) out.push({ start: cursor, end: c.start });
    cursor = Math.max(cursor, c.end);
  }
  if (cursor < p.end) out.push({ start: cursor, end: p.end });
  return out;
}

/**
 * Comments are disjoint and in text order: a binary search finds the first that ends after
 * `offset`, so a draft of thousands of commented lines is not scanned once per paragraph.
 */
function firstCommentEndingAfter(comments: Span[], offset: number): number {
  return partitionPoint(comments.length, (i) => comments[i].end <= offset);
}

function splitSentences(text: string, span: Span, paragraph: number): Sentence[] {
  const out: Sentence[] = [];
  let from = span.start;
  for (let at = span.start; at < span.end; ) {
    const length = sentenceEndLength(text, at, span.end);
    if (!length) {
      at++;
      continue;
    }
    const mark = text.charCodeAt(at);
    let end = at + length;
    while (end < span.end && TRAILING_CLOSERS.includes(text[end])) end++;
    // A half-width ! or ? inside Latin text (e.g. "Yahoo!") does not end a Chinese sentence.
    const latinMark = (mark === 0x21 || mark === 0x3f) && at > span.start && /[A-Za-z]/.test(text[at - 1]);
    if (!latinMark && end > from) {
      pushSentence(out, text, from, end, paragraph);
      from = end;
    }
    at += length;
  }
  if (from < span.end) pushSentence(out, text, from, span.end, paragraph);
  return out;
}

function pushSentence(out: Sentence[], text: string, from: number, to: number, paragraph: number) {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (!trimmed) return;
  out.push({ start: from + lead, end: from + lead + trimmed.length, text: trimmed, paragraph });
}

/** Balanced “…” pairs, innermost-last; an unclosed “ is left out (punctuation-pairing reports it). */
function findQuotes(text: string): Span[] {
  const out: Span[] = [];
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“') open.push(i);
    else if (c === '”' && open.length) out.push({ start: open.pop()!, end: i + 1 });
    else if (c === '\n' || c === '\r') open.length = 0; // quotes do not span paragraphs
  }
  return out.sort((a, b) => a.start - b.start);
}
