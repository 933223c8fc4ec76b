// When two figures speak of the same quantity, and which published figure a draft's figure repeats
// or contradicts. Kept conservative: a false "conflict" costs an editor more than a missed one.

import type { Profile, PublishedFigure } from '../profile/types';
import type { Evidence, PublishedFigureRef } from '../types';
import { isRelativeTime, sharedSubject, timeWords, valuesCompatible, type Figure } from './extract';

export interface OverlapThresholds {
  /** Shared content words (time words excluded) needed at least. */
  minShared: number;
  /** Shared words / the larger subject's size needed at least. */
  minRatio: number;
}

export const DRAFT_OVERLAP: OverlapThresholds = { minShared: 2, minRatio: 0.8 };
/** Another article was written at another time and on another topic: ask for more. */
export const PUBLISHED_OVERLAP: OverlapThresholds = { minShared: 3, minRatio: 0.8 };

type Quantity = { unit: string; subject: readonly string[] };

interface QuantityKey {
  /** Sorted time words, joined: figures compare only within one time scope. */
  time: string;
  relativeTime: boolean;
  /** Subject words without time words. */
  words: Set<string>;
}

const keyCache = new WeakMap<object, QuantityKey>();

/** What identifies a figure's quantity besides its unit (cached: rules compare figures pairwise). */
export function quantityKey(q: Quantity): QuantityKey {
  let key = keyCache.get(q);
  if (key) return key;
  const times = [...new Set(timeWords(q.subject))].sort();
  const timeSet = new Set(times);
  key = { time: times.join('|'), relativeTime: times.some(isRelativeTime), words: new Set(q.subject.filter((w) => !timeSet.has(w))) };
  keyCache.set(q, key);
  return key;
}

/** Same unit, same time words and strongly overlapping subject words. */
export function sameQuantity(a: Quantity, b: Quantity, t: OverlapThresholds): boolean {
  if (a.unit !== b.unit) return false;
  const ka = quantityKey(a);
  const kb = quantityKey(b);
  if (ka.time !== kb.time) return false;
  let shared = 0;
  for (const w of ka.words) if (kb.words.has(w)) shared++;
  return shared >= t.minShared && shared / Math.max(ka.words.size, kb.words.size, 1) >= t.minRatio;
}

/** Words of `a` that `b` shares (time words excluded): names the quantity in messages. */
export function quantityName(a: readonly string[], b: readonly string[]): string {
  return sharedSubject(a, b).shared.slice(0, 3).join('');
}

const byUnitCache = new WeakMap<Profile, Map<string, PublishedFigure[]>>();

function publishedByUnit(profile: Profile): Map<string, PublishedFigure[]> {
  let index = byUnitCache.get(profile);
  if (index) return index;
  index = new Map();
  for (const f of profile.house.figures) {
    const list = index.get(f.unit);
    if (list) list.push(f);
    else index.set(f.unit, [f]);
  }
  byUnitCache.set(profile, index);
  return index;
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * A published figure with the same value and unit whose subject overlaps the draft figure's (at
 * least two shared words, or all of a one-word subject). The best overlap wins; ties keep profile order.
 */
export function findPublishedMatch(f: Figure, profile: Profile | undefined): PublishedFigure | undefined {
  if (!profile) return undefined;
  let best: PublishedFigure | undefined;
  let bestShared = 0;
  for (const p of publishedByUnit(profile).get(f.unit) ?? []) {
    if (!sameValue(p.value, f.value) || (p.qualifier ?? 'exact') !== f.qualifier) continue;
    const { shared, sizeA, sizeB } = sharedSubject(f.subject, p.subject);
    const needed = Math.min(2, sizeA, sizeB);
    if (needed < 1 || shared.length < needed || shared.length <= bestShared) continue;
    best = p;
    bestShared = shared.length;
  }
  return best;
}

/**
 * A published figure of the same quantity whose value cannot hold together with the draft's, when
 * no published figure of that quantity agrees with it.
 * Only figures scoped by the same explicit year (2024年) are compared across articles: 今年 or no
 * time at all means different things in articles written at different times.
 */
export function findPublishedConflict(f: Figure, profile: Profile | undefined): PublishedFigure | undefined {
  const key = quantityKey(f);
  // Across articles only a quantity pinned to the same explicit year is the same quantity.
  if (!profile || !key.time || key.relativeTime) return undefined;
  let conflicting: PublishedFigure | undefined;
  for (const p of publishedByUnit(profile).get(f.unit) ?? []) {
    if (!sameQuantity(f, p, PUBLISHED_OVERLAP)) continue;
    // The house also printed a value that agrees (从2021年的1列到2024年的120列 gives both): no conflict.
    if (valuesCompatible(f, { value: p.value, qualifier: p.qualifier ?? 'exact' })) return undefined;
    conflicting ??= p;
  }
  return conflicting;
}

export function publishedRef(p: PublishedFigure): PublishedFigureRef {
  return { headline: p.headline, file: p.file, offset: p.offset, value: p.value, unit: p.unit, subject: p.subject };
}

/** The hover evidence of a figure. */
export function figureEvidence(f: Figure, extra: { published?: PublishedFigure; conflictsWith?: PublishedFigure } = {}): Evidence {
  return {
    kind: 'figure',
    value: f.value,
    unit: f.unit,
    raw: f.raw,
    subject: f.subject,
    ...(f.attribution ? { attribution: f.attribution.cue } : {}),
    ...(extra.published ? { published: publishedRef(extra.published) } : {}),
    ...(extra.conflictsWith ? { conflictsWith: publishedRef(extra.conflictsWith) } : {}),
  };
}

/** A figure as a reader writes it: 30万人次, 5%, 3639000 → 363.9万. */
export function formatValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const scaled = (divisor: number, suffix: string) => `${Number((value / divisor).toPrecision(12))}${suffix}`;
  const text = unit === '%' ? String(value) : abs >= 1e12 ? scaled(1e12, '万亿') : abs >= 1e8 ? scaled(1e8, '亿') : abs >= 1e4 ? scaled(1e4, '万') : String(value);
  return `${text}${unit}`;
}
