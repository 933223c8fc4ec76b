// Formulaic phrases in a draft: occurrences of the profile's slogan table (matched with one
// Aho–Corasick pass) plus any quoted slogan “…”. Shared by the three slogan rules and the report, so
// the result is cached per (draft, profile).

import type { ParsedDraft } from '../parse/draft';
import type { PhraseStats, Profile } from '../profile/types';
import type { Span } from '../types';
import { AhoCorasick } from './aho-corasick';
import { isNgramSpan, quotedSlogan } from './candidates';
import { partitionPoint } from '../text/partition';

export interface PhraseOccurrence extends Span {
  phrase: string;
  /** The profile's statistics, when the phrase is in its slogan table. */
  stats?: PhraseStats;
  /** The occurrence is the whole content of a “…” quotation. */
  quoted: boolean;
}

interface TableMatcher {
  automaton: AhoCorasick;
  stats: PhraseStats[];
  byPhrase: Map<string, PhraseStats>;
}

const matchers = new WeakMap<Profile, TableMatcher>();
const results = new WeakMap<ParsedDraft, WeakMap<Profile, PhraseOccurrence[]>>();

function matcherFor(profile: Profile): TableMatcher {
  let m = matchers.get(profile);
  if (!m) {
    const stats = profile.register.phrases;
    m = { automaton: new AhoCorasick(stats.map((p) => p.phrase)), stats, byPhrase: new Map(stats.map((p) => [p.phrase, p])) };
    matchers.set(profile, m);
  }
  return m;
}

/** The profile's entry for a phrase, if any. */
export function phraseStats(profile: Profile, phrase: string): PhraseStats | undefined {
  return matcherFor(profile).byPhrase.get(phrase);
}

/**
 * Every formulaic-phrase occurrence in the body, in document order. Proper nouns (tokens tagged as
 * places, people, organisations) and phrases of the draft's own headline are left out. A
 * table match counts only where the learner would have counted it (an n-gram of content words on
 * token boundaries, or a whole quoted slogan), so a published article never exceeds its own counts.
 */
export function findFormulaicPhrases(doc: ParsedDraft, profile: Profile): PhraseOccurrence[] {
  let perProfile = results.get(doc);
  if (!perProfile) results.set(doc, (perProfile = new WeakMap()));
  const cached = perProfile.get(profile);
  if (cached) return cached;

  const body = doc.sentences;
  const subject = doc.headline?.text ?? '';
  const inBody = (s: Span) => {
    const last = partitionPoint(body.length, (i) => body[i].start <= s.start) - 1;
    return last >= 0 && s.end <= body[last].end;
  };

  const { automaton, stats } = matcherFor(profile);
  const found = new Map<string, PhraseOccurrence>();
  for (const m of automaton.findAll(doc.text)) {
    if (!inBody(m)) continue;
    const phrase = automaton.patterns[m.pattern];
    if (subject.includes(phrase) || !isNgramSpan(doc, m.start, m.end)) continue;
    found.set(`${m.start}:${phrase}`, { phrase, start: m.start, end: m.end, stats: stats[m.pattern], quoted: false });
  }
  for (const q of doc.quotes) {
    if (!inBody(q)) continue;
    const slogan = quotedSlogan(doc, q);
    if (!slogan || subject.includes(slogan)) continue;
    const key = `${q.start + 1}:${slogan}`;
    const prev = found.get(key);
    if (prev) prev.quoted = true;
    else found.set(key, { phrase: slogan, start: q.start + 1, end: q.end - 1, stats: phraseStats(profile, slogan), quoted: true });
  }
  const out = [...found.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  perProfile.set(profile, out);
  return out;
}

/** Table-phrase occurrences per 1,000 Han characters of the body (the corpus density measure). */
export function formulaicDensity(doc: ParsedDraft, profile: Profile): { perThousand: number; phrases: number; chars: number } {
  const phrases = findFormulaicPhrases(doc, profile).filter((o) => o.stats && !o.stats.quotedOnly).length;
  const chars = doc.hanChars;
  return { perThousand: chars ? Math.round((phrases * 100000) / chars) / 100 : 0, phrases, chars };
}
