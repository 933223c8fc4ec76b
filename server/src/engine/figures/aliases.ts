// Two names of one counted thing, learned where a writer gives both: an abbreviation in brackets
// right after the full name (国内生产总值（GDP）, 规模以上工业企业（以下简称“规上企业”）). The archive
// teaches them to the profile (counted, mergeable) and a draft teaches its own; figure-conflict
// then reads GDP as 生产总值, so that 地区生产总值 and GDP are one quantity.

import type { ParsedDraft } from '../parse/draft';
import type { Profile } from '../profile/types';
import type { Token } from '../text/segmenter';
import { matchesOf } from '../text/matches';
import { partitionPoint } from '../text/partition';
import type { Figure } from './extract';

/** An abbreviation in brackets: Latin capitals by themselves, Han ones only when called one (简称). */
const BRACKETED = /[（(](?:(?:以下)?简称[“"]?([\u4e00-\u9fff]{2,6})[”"]?|([A-Z]{2,6}))[）)]/g;
/** Words of a full name: nouns and noun-like words (a place or a time ends it: 国内生产总值 → 生产总值). */
const NAME_WORD = /^(n|nz|vn|j|l|nt)$/;
/** Most words of a full name kept. */
const MAX_NAME_WORDS = 3;

/** Key of one alias in the profile's counts: the abbreviation and the words it stands for. */
export function aliasKey(abbreviation: string, words: readonly string[]): string {
  return `${abbreviation}=${words.join(' ')}`;
}

/** The aliases a text defines, as keys (aliasKey), one per definition. `tokensOf` gives a sentence's tokens. */
export function aliasesIn(doc: ParsedDraft, tokensOf: (sentence: number) => Token[]): string[] {
  const out: string[] = [];
  if (!/[（(]/.test(doc.text)) return out;
  doc.sentences.forEach((sentence, index) => {
    if (!/[（(]/.test(sentence.text)) return;
    for (const m of matchesOf(BRACKETED, sentence.text)) {
      const abbreviation = m[1] ?? m[2];
      const at = sentence.start + m.index!;
      const tokens = tokensOf(index);
      const end = partitionPoint(tokens.length, (k) => tokens[k].end <= at);
      const words: string[] = [];
      for (let k = end - 1; k >= 0 && words.length < MAX_NAME_WORDS && NAME_WORD.test(tokens[k].tag) && tokens[k].end <= at; k--) {
        if (k < end - 1 && tokens[k].end !== tokens[k + 1].start) break;
        words.unshift(tokens[k].word);
      }
      // The last word must end right at the bracket: 数据（GDP） after a figure is no name.
      if (!words.length || tokens[end - 1].end !== at || words.join('') === abbreviation) continue;
      out.push(aliasKey(abbreviation, words));
    }
  });
  return out;
}

/** The profile's aliases: each abbreviation's most written full name (worked out once per count table). */
const learnedAliases = new WeakMap<Record<string, number>, ReadonlyMap<string, readonly string[]>>();

const NO_ALIASES: ReadonlyMap<string, readonly string[]> = new Map();

function aliasesOfProfile(profile: Profile | undefined): ReadonlyMap<string, readonly string[]> {
  const counts = profile?.register.thingAliases;
  if (!counts) return NO_ALIASES;
  let aliases = learnedAliases.get(counts);
  if (aliases) return aliases;
  const best = new Map<string, { words: string[]; count: number }>();
  for (const [key, count] of Object.entries(counts)) {
    const { abbreviation, words } = splitAliasKey(key);
    const seen = best.get(abbreviation);
    if (!seen || count > seen.count) best.set(abbreviation, { words, count });
  }
  aliases = new Map([...best].map(([a, { words }]) => [a, words]));
  learnedAliases.set(counts, aliases);
  return aliases;
}

function splitAliasKey(key: string): { abbreviation: string; words: string[] } {
  const at = key.indexOf('=');
  return { abbreviation: key.slice(0, at), words: key.slice(at + 1).split(' ') };
}

/** Abbreviation → the words it stands for: the draft's own definitions first (its first of each), then the profile's most written one. */
export function aliasMap(profile: Profile | undefined, own: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const learned = aliasesOfProfile(profile);
  if (!own.length) return learned;
  const aliases = new Map(learned);
  const defined = new Set<string>();
  for (const key of own) {
    const { abbreviation, words } = splitAliasKey(key);
    if (defined.has(abbreviation)) continue;
    defined.add(abbreviation);
    aliases.set(abbreviation, words);
  }
  return aliases;
}

/**
 * The figures with each abbreviation in their counted thing read as its full name (GDP → 生产总值):
 * copies where something changed, the same objects elsewhere.
 */
export function withAliases(figures: readonly Figure[], aliases: ReadonlyMap<string, readonly string[]>): Figure[] {
  if (!aliases.size) return figures as Figure[];
  return figures.map((f) => {
    const q = f.quantity;
    const read = withFullNames(q, aliases);
    return read === q ? f : { ...f, quantity: { ...q, ...read } };
  });
}

/** A thing and its modifiers with abbreviations replaced by their full names; `named` itself when it has none. */
export function withFullNames<T extends { thing: string[]; modifiers: string[] }>(named: T, aliases: ReadonlyMap<string, readonly string[]>): T | { thing: string[]; modifiers: string[] } {
  if (!named.thing.some((w) => aliases.has(w))) return named;
  const thing = named.thing.flatMap((w) => aliases.get(w) ?? [w]);
  const head = thing[thing.length - 1];
  const modifiers = [...named.modifiers.flatMap((w) => aliases.get(w) ?? [w]), ...thing.slice(0, -1)].filter((w, i, all) => all.indexOf(w) === i && w !== head);
  return { thing, modifiers };
}
