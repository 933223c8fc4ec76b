// The figure family's part of learning: the figures the house published (for match/conflict
// checks), the attribution cues its writers use near figures, and how it writes numbers.

import type { CorpusArticle, ProfileContributor } from '../profile/contributor';
import type { NumberStyle, Profile, PublishedFigure } from '../profile/types';
import type { ParsedDraft } from '../parse/draft';
import { adjoinsPrevious, BASE_ATTRIBUTION_CUES, baseCuesIn, extractFigures, sentenceTokens, type Figure } from './extract';
import { scanNumberStyle } from './style';
import { aliasesIn } from './aliases';
import { isPlaceWord } from './quantity';
import { mostNamedPlace } from './match';

/** Most published figures a usable profile keeps (the first ones by file and offset). */
export const MAX_PUBLISHED_FIGURES = 5000;
/** Learned cue candidates seen fewer times than this are dropped from a usable profile. */
const MIN_KEPT_CUE_COUNT = 2;

/**
 * Reporting verbs learned from usage: a verb right after its speaker (a person, an organisation or
 * a pronoun) and right before a comma or colon, in the sentence of a figure or the one before
 * (统计局发布，… / 他介绍：…). A generic noun before the verb (发挥作用，) says nothing about a source.
 */
function learnedCueCandidates(doc: ParsedDraft, sentence: number, before: number): string[] {
  const tokens = sentenceTokens(doc, sentence).filter((t) => t.end <= before);
  const out: string[] = [];
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (t.tag !== 'v' || t.word.length < 2) continue;
    if (!/^(nr|nt|r)/.test(tokens[i - 1].tag) || tokens[i - 1].end !== t.start) continue;
    if (!/^[，：:,]$/.test(tokens[i + 1].word)) continue;
    out.push(t.word);
  }
  return out;
}

function cuesNearFigures(doc: ParsedDraft, figures: Figure[]): Set<string>[] {
  const bySentence = new Map<number, Figure[]>();
  for (const f of figures) bySentence.set(f.sentence, [...(bySentence.get(f.sentence) ?? []), f]);
  const windows: Set<string>[] = [];
  for (const [index, inSentence] of bySentence) {
    const seen = new Set<string>();
    const lastFigureEnd = Math.max(...inSentence.map((f) => f.end));
    const sentences = adjoinsPrevious(doc, index) ? [index - 1, index] : [index];
    for (const si of sentences) {
      const s = doc.sentences[si];
      const piece = doc.text.slice(s.start, s.end);
      for (const cue of baseCuesIn(piece)) seen.add(cue);
      for (const cue of learnedCueCandidates(doc, si, si === index ? lastFigureEnd : s.end)) seen.add(cue);
    }
    windows.push(seen);
  }
  return windows;
}

function addCounts(into: Record<string, number>, from: Record<string, number>) {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function figureKey(f: PublishedFigure): string {
  return `${f.file}\u0000${String(f.offset).padStart(12, '0')}\u0000${f.unit}\u0000${f.value}`;
}

/** Deterministic order (file, offset, unit, value) without duplicates. */
function normaliseFigures(figures: PublishedFigure[]): PublishedFigure[] {
  const byKey = new Map<string, PublishedFigure>();
  for (const f of figures) if (!byKey.has(figureKey(f))) byKey.set(figureKey(f), f);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}

function addStyle(into: NumberStyle, from: NumberStyle) {
  into.arabicCounts += from.arabicCounts;
  into.chineseCounts += from.chineseCounts;
  into.fullWidthDigits += from.fullWidthDigits;
  into.thousandsSeparators += from.thousandsSeparators;
  into.twoDigitYears += from.twoDigitYears;
  into.fullYears = (into.fullYears ?? 0) + (from.fullYears ?? 0);
  addCounts(into.rangeMarks, from.rangeMarks);
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/** A figure as the profile keeps it: value, clause words, quantity identity, where it was printed. Empty parts are left out. */
function publishedFigure(f: Figure, article: CorpusArticle, place: string | undefined): PublishedFigure {
  const q = f.quantity;
  // A figure of 全市 or of no place named is of the place its article is about.
  const scope = q.scope || place;
  return {
    value: f.value,
    unit: f.unit,
    subject: f.subject,
    ...(f.qualifier === 'exact' ? {} : { qualifier: f.qualifier }),
    ...(q.thing.length ? { thing: q.thing } : {}),
    // Most modifiers are the words before the head: kept only when they are not (figures/match.ts).
    ...(sameWords(q.modifiers, q.thing.slice(0, -1)) ? {} : { modifiers: q.modifiers }),
    ...(q.verb ? { verb: q.verb } : {}),
    ...(q.measure === 'level' ? {} : { measure: q.measure }),
    ...(scope ? { scope } : {}),
    ...(q.time ? { time: q.time } : {}),
    ...(q.part ? { part: true as const } : {}),
    ...(q.plan ? { plan: true as const } : {}),
    ...(q.per ? { per: true as const } : {}),
    ...(q.basis ? { basis: q.basis } : {}),
    ...(f.clauseKey ? { clause: f.clauseKey } : {}),
    headline: article.headline,
    file: article.file,
    offset: article.fileOffset(f.start),
  };
}

/**
 * The place an article is about (呼和浩特 in a piece that names it six times and 北京 once): its
 * figures of 全市, or of no place named, are that place's. None for a piece on the nation, or on two
 * places alike.
 */
function articlePlace(doc: ParsedDraft): string | undefined {
  const counts = new Map<string, number>();
  // Read from the columns: a token object each would be made only to be dropped.
  const tokens = doc.allTokenColumns();
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.tag(i) !== 'ns') continue;
    const word = tokens.word(i);
    if (word.length >= 2 && isPlaceWord(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return mostNamedPlace(counts);
}

export const figureContributor: ProfileContributor = {
  observe(article: CorpusArticle, profile: Profile) {
    const doc = article.doc;
    const figures = extractFigures(doc);
    const place = figures.length ? articlePlace(doc) : undefined;
    for (const f of figures) {
      // A figure with no content words around it cannot be matched against a draft's; proportions
      // in words (九成) are too rough to hold a draft to, and range ends are bounds.
      if (!f.subject.length || f.kind === 'words' || f.range) continue;
      profile.house.figures.push(publishedFigure(f, article, place));
    }
    const cues = profile.register.attributionCues;
    for (const window of cuesNearFigures(doc, figures)) for (const cue of window) cues[cue] = (cues[cue] ?? 0) + 1;
    const aliases = aliasesIn(doc, (i) => sentenceTokens(doc, i));
    if (aliases.length) {
      const counts = (profile.register.thingAliases ??= {});
      for (const key of aliases) counts[key] = (counts[key] ?? 0) + 1;
    }
    addStyle(profile.house.numberStyle, scanNumberStyle(doc, figures));
  },

  merge(into: Profile, from: Profile) {
    into.house.figures = into.house.figures.concat(from.house.figures);
    addCounts(into.register.attributionCues, from.register.attributionCues);
    if (from.register.thingAliases) addCounts((into.register.thingAliases ??= {}), from.register.thingAliases);
    addStyle(into.house.numberStyle, from.house.numberStyle);
  },

  finalize(profile: Profile) {
    let figures = normaliseFigures(profile.house.figures);
    // Capping the first N in a total order keeps merge(shards) equal to learning on the whole.
    if (profile.kind === 'profile') figures = figures.slice(0, MAX_PUBLISHED_FIGURES);
    profile.house.figures = figures.map((f) => ({
      ...f,
      subject: [...f.subject],
      ...(f.thing ? { thing: [...f.thing] } : {}),
      ...(f.modifiers ? { modifiers: [...f.modifiers] } : {}),
    }));
    let cues = profile.register.attributionCues;
    if (profile.kind === 'profile') {
      cues = Object.fromEntries(Object.entries(cues).filter(([c, n]) => n >= MIN_KEPT_CUE_COUNT || BASE_ATTRIBUTION_CUES.includes(c)));
    }
    profile.register.attributionCues = sortedRecord(cues);
    if (profile.register.thingAliases) profile.register.thingAliases = sortedRecord(profile.register.thingAliases);
    profile.house.numberStyle.rangeMarks = sortedRecord(profile.house.numberStyle.rangeMarks);
  },
};
