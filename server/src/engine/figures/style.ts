// How a text writes numbers (GB/T 15835): full-width digits, thousands separators, two-digit years,
// range marks, Arabic vs Chinese numerals for counts. The learner counts these into the profile's
// NumberStyle; figure-format flags the same spans in a draft.

import type { ParsedDraft } from '../parse/draft';
import type { NumberStyle } from '../profile/types';
import type { Span } from '../types';
import { RANGE_MARKS, type Figure } from './extract';
import { matchesOf } from '../text/matches';

export interface StyleSpan extends Span {
  raw: string;
}

export interface RangeUse extends Span {
  /** The mark between the two figures ('～', '-', '至'…). */
  mark: string;
  from: Figure;
  to: Figure;
}

/**
 * Every match of `pattern` in the headline and the sentences. `needed`: what any match contains; a
 * draft without it anywhere (most drafts, for each of these patterns) is not scanned piece by piece.
 */
function scan(doc: ParsedDraft, pattern: RegExp, needed: RegExp): (StyleSpan & { match: RegExpExecArray })[] {
  const out: (StyleSpan & { match: RegExpExecArray })[] = [];
  if (!needed.test(doc.text)) return out;
  // The headline is printed too: its digits follow the same norms.
  for (const s of doc.headline ? [doc.headline, ...doc.sentences] : doc.sentences) {
    const piece = doc.text.slice(s.start, s.end);
    for (const m of matchesOf(pattern, piece)) out.push({ start: s.start + m.index!, end: s.start + m.index! + m[0].length, raw: m[0], match: m });
  }
  return out;
}

/** Runs of full-width digits (３０, ２０２４, ３．５). */
export function fullWidthDigitRuns(doc: ParsedDraft): StyleSpan[] {
  return scan(doc, /[０-９](?:[０-９]|[．.](?=[０-９]))*/g, /[０-９]/);
}

/** Numbers grouped with thousands separators (1,000 or 12,345,678). */
export function thousandsSeparated(doc: ParsedDraft): StyleSpan[] {
  return scan(doc, /(?<![0-9０-９.,])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9]|,[0-9])/g, /[0-9],[0-9]/);
}

const YEAR_PART_AFTER = '[0-9]{1,2}月|[一二三四五六七八九十]{1,2}月|[底末]|初(?![步具心衷期次见])|起(?![码步跑飞草点来身伏])|上半年|下半年|前[一二三]季度|第?[一二三四]季度|全年';
// 19年试点以来: a verb between the year and 以来 (40年以来 and 40年来 are durations).
const YEAR_VERB_SINCE = '[\\u4e00-\\u9fff]{2}以来';
const TWO_DIGIT_YEAR = new RegExp(`(?<![0-9０-９.．第])([’'‘]?)([0-9]{2})年(?=${YEAR_PART_AFTER}|${YEAR_VERB_SINCE})|(?<![0-9０-９.．])([’'‘])([0-9]{2})年`, 'g');
const FULL_YEAR = /(?<![0-9０-９.．])[12][0-9]{3}年/g;

/** Years written in full (2024年): with twoDigitYears, the house's norm for years. */
export function fullYears(doc: ParsedDraft): number {
  return scan(doc, FULL_YEAR, /[12][0-9]{3}年/).length;
}

export interface TwoDigitYear extends StyleSpan {
  /** The two digits. */
  digits: string;
  /** Apostrophe before the digits (’21年), part of the span. */
  apostrophe: boolean;
}

/**
 * Years written with two digits, in the contexts where 年 after two digits is a year, never a
 * duration: with an apostrophe (’21年), before a month (21年3月), a part of the year (21年底, 21年初,
 * 21年上半年, 21年一季度, 21年全年) or 起 (23年起; 10年初步建成 and 20年起步 are not years).
 */
export function twoDigitYears(doc: ParsedDraft): TwoDigitYear[] {
  return scan(doc, TWO_DIGIT_YEAR, /[0-9]{2}年/).map((s) => ({
    start: s.start,
    end: s.end,
    raw: s.raw,
    digits: s.match[2] ?? s.match[4],
    apostrophe: Boolean(s.match[1] || s.match[3]),
  }));
}

/** Value ranges between two figures of one sentence (20%～30%, 20-30个); year spans are not figures. */
export function rangeUses(doc: ParsedDraft, figures: readonly Figure[]): RangeUse[] {
  const out: RangeUse[] = [];
  for (let i = 0; i + 1 < figures.length; i++) {
    const from = figures[i];
    const to = figures[i + 1];
    if (from.sentence !== to.sentence || from.unit !== to.unit) continue;
    const mark = doc.text.slice(from.end, to.start);
    if (!RANGE_MARKS.includes(mark)) continue;
    out.push({ start: from.end, end: to.start, mark, from, to });
  }
  return out;
}

/**
 * Counts whose numeral style tells the house norm: 300个 vs 三百个. Not percentages, durations,
 * round Chinese figures (两万, 十多个), nor the name of a formula (十六字方针).
 */
export function countFigures(figures: readonly Figure[]): Figure[] {
  return figures.filter((f) => f.kind === 'number' && f.unit !== '%' && f.unit !== '‰' && !f.roundMagnitude && !(f.numeral === 'chinese' && f.unit === '字'));
}

export function emptyNumberStyle(): NumberStyle {
  return { arabicCounts: 0, chineseCounts: 0, fullWidthDigits: 0, thousandsSeparators: 0, twoDigitYears: 0, fullYears: 0, rangeMarks: {} };
}

/** One text's number-style counts. */
export function scanNumberStyle(doc: ParsedDraft, figures: readonly Figure[]): NumberStyle {
  const style = emptyNumberStyle();
  for (const f of countFigures(figures)) {
    if (f.numeral === 'arabic') style.arabicCounts++;
    else style.chineseCounts++;
  }
  style.fullWidthDigits = fullWidthDigitRuns(doc).length;
  style.thousandsSeparators = thousandsSeparated(doc).length;
  style.twoDigitYears = twoDigitYears(doc).length;
  style.fullYears = fullYears(doc);
  for (const r of rangeUses(doc, figures)) style.rangeMarks[r.mark] = (style.rangeMarks[r.mark] ?? 0) + 1;
  return style;
}
