// The phrase family's part of learning: register.phrases (the table of formulaic phrases),
// register.quoted, register.density and register.tokens. While learning, and in shards, the
// corpus's token streams are kept (register.shard, phrases/stream.ts); the table is mined from them
// at finalize (phrases/mine.ts), so merging shards and then finalizing equals learning the whole.
// A pruned profile (kind 'profile') has only the table: merging such profiles adds what is left
// (approximate, never used for the shipped profiles).

import type { CorpusArticle, ProfileContributor } from '../profile/contributor';
import type { DensityStats, Formulation, PhraseStats, Profile, QuotedPhrase } from '../profile/types';
import { stopWordList } from './dictionary';
import { DENSITY_BIN_WIDTH, MAX_EXAMPLES, minePhrases } from './mine';
import { appendStream, emptyStream, normalizeStream, packStream, StreamBuilder, unpackStream } from './stream';

export { DENSITY_BIN_WIDTH };

/** A learning profile's streams, until `settle` writes them into its shard. */
const builders = new WeakMap<Profile, StreamBuilder>();

export const phraseContributor: ProfileContributor = {
  prepare() {
    stopWordList();
  },

  observe(article: CorpusArticle, profile: Profile) {
    let builder = builders.get(profile);
    if (!builder) builders.set(profile, (builder = new StreamBuilder()));
    builder.add(article, articleMonth(article));
  },

  settle(profile: Profile) {
    const builder = builders.get(profile);
    if (!builder) return;
    builders.delete(profile);
    profile.register.tokens += builder.wordTokens;
    const shard = profile.register.shard;
    if (!shard?.articles.length) profile.register.shard = builder.stream;
    else appendStream((profile.register.shard = unpackStream(shard)), builder.stream);
  },

  merge(into: Profile, from: Profile) {
    const a = into.register;
    const b = from.register;
    a.tokens += b.tokens;
    if (a.shard && b.shard) {
      // Appended in place (`into` is the merge's own accumulator); finalize normalizes once.
      a.shard = unpackStream(a.shard);
      appendStream(a.shard, unpackStream(b.shard));
      return;
    }
    // A pruned profile lost the streams: add up what both tables kept.
    delete a.shard;
    a.phrases = mergeTables(a.phrases, b.phrases);
    a.quoted = mergeQuoted(a.quoted, b.quoted);
    a.stock = mergeQuoted(a.stock, b.stock);
    a.formulations = mergeFormulations(a.formulations ?? [], b.formulations ?? []);
    a.density = mergeHistograms(a.density, b.density);
  },

  finalize(profile: Profile) {
    const register = profile.register;
    if (!register.shard) return;
    const stream = normalizeStream(unpackStream(register.shard));
    const mined = minePhrases(stream);
    register.phrases = mined.phrases;
    register.quoted = mined.quoted;
    register.stock = mined.stock;
    register.formulations = mined.formulations;
    register.density = mined.density;
    if (profile.kind === 'shard') register.shard = packStream(stream);
  },
};

/** An empty stream, the shard of a learner that has seen nothing yet. */
export const emptyShard = emptyStream;

const DATE_IN_NAME = /(?:^|[^0-9])((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(?:0[1-9]|[12]\d|3[01])(?:[^0-9]|$)/;

/** `YYYY-MM` of the article: from its manifest date, else from a date in its file's name; '' when unknown. */
export function articleMonth(article: Pick<CorpusArticle, 'file' | 'date'>): string {
  const fromManifest = article.date?.match(/^((?:19|20)\d{2})-(\d{2})/);
  if (fromManifest) return `${fromManifest[1]}-${fromManifest[2]}`;
  const m = article.file.split('/').pop()!.match(DATE_IN_NAME);
  return m ? `${m[1]}-${m[2]}` : '';
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mergeTables(a: PhraseStats[], b: PhraseStats[]): PhraseStats[] {
  const byPhrase = new Map<string, PhraseStats>();
  for (const p of a) byPhrase.set(p.phrase, { ...p, examples: p.examples.slice() });
  for (const p of b) {
    const q = byPhrase.get(p.phrase);
    if (!q) {
      byPhrase.set(p.phrase, { ...p, examples: p.examples.slice() });
      continue;
    }
    q.count += p.count;
    q.articles += p.articles;
    q.maxPerArticle = Math.max(q.maxPerArticle, p.maxPerArticle);
    q.limit = Math.max(q.limit, p.limit);
    q.months = Math.max(q.months, p.months);
    q.subjects += p.subjects;
    q.cliche ||= p.cliche;
    q.examples = [...q.examples, ...p.examples].sort((x, y) => compareStrings(x.file, y.file) || x.offset - y.offset).slice(0, MAX_EXAMPLES);
  }
  return [...byPhrase.values()].sort((x, y) => compareStrings(x.phrase, y.phrase));
}

/** Formulations of two pruned profiles: counts of the canonical text and of each variant added. */
function mergeFormulations(a: Formulation[], b: Formulation[]): Formulation[] {
  const byPhrase = new Map<string, Formulation>();
  const byExample = (x: { file: string; offset: number }, y: { file: string; offset: number }) => compareStrings(x.file, y.file) || x.offset - y.offset;
  for (const f of [...a, ...b]) {
    const g = byPhrase.get(f.phrase);
    if (!g) {
      byPhrase.set(f.phrase, { ...f, examples: f.examples.slice(), variants: f.variants.map((v) => ({ ...v, examples: v.examples.slice() })), open: f.open.slice() });
      continue;
    }
    g.articles += f.articles;
    g.count += f.count;
    g.examples = [...g.examples, ...f.examples].sort(byExample).slice(0, MAX_EXAMPLES);
    for (const v of f.variants) {
      const w = g.variants.find((x) => x.text === v.text);
      if (!w) g.variants.push({ ...v, examples: v.examples.slice() });
      else {
        w.articles += v.articles;
        w.count += v.count;
        w.examples = [...w.examples, ...v.examples].sort(byExample).slice(0, 2);
      }
    }
    g.variants.sort((x, y) => y.articles - x.articles || y.count - x.count || compareStrings(x.text, y.text));
    // A slot either archive fills freely stays open.
    const slots = new Set<string>();
    for (const list of [g.open, f.open]) for (let i = 0; i + 1 < list.length; i += 2) slots.add(`${list[i]}:${list[i + 1]}`);
    g.open = [...slots].sort().flatMap((s) => s.split(':').map(Number));
    // A word is kept (a drop of it judged) or fixed (another word there judged) only where both archives say so.
    for (const key of ['kept', 'fixed'] as const) {
      const theirs = new Set((f[key] ?? []).filter((_, j) => j % 2 === 0));
      const ours = g[key] ?? [];
      const both: number[] = [];
      for (let i = 0; i + 1 < ours.length; i += 2) if (theirs.has(ours[i])) both.push(ours[i], ours[i + 1]);
      if (both.length) g[key] = both;
      else delete g[key];
    }
  }
  return [...byPhrase.values()].sort((x, y) => compareStrings(x.phrase, y.phrase));
}

function mergeQuoted(a: QuotedPhrase[], b: QuotedPhrase[]): QuotedPhrase[] {
  const byPhrase = new Map(a.map((q) => [q.phrase, { ...q }]));
  for (const q of b) {
    const p = byPhrase.get(q.phrase);
    if (!p) byPhrase.set(q.phrase, { ...q });
    else {
      p.articles += q.articles;
      p.maxPerArticle = Math.max(p.maxPerArticle, q.maxPerArticle);
    }
  }
  return [...byPhrase.values()].sort((x, y) => compareStrings(x.phrase, y.phrase));
}

function mergeHistograms(a: DensityStats, b: DensityStats): DensityStats {
  const histogram: number[] = [];
  for (let i = 0; i < Math.max(a.histogram.length, b.histogram.length); i++) histogram.push((a.histogram[i] ?? 0) + (b.histogram[i] ?? 0));
  return withPercentiles(histogram, a.binWidth);
}

/** Percentiles from a histogram alone (upper edge of the bin holding the rank). */
function withPercentiles(histogram: number[], binWidth: number): DensityStats {
  const total = histogram.reduce((s, x) => s + x, 0);
  const pick = (q: number) => {
    if (!total) return 0;
    const rank = Math.ceil(q * total);
    let seen = 0;
    for (let i = 0; i < histogram.length; i++) {
      seen += histogram[i];
      if (seen >= rank) return Math.round((i + 1) * binWidth * 100) / 100;
    }
    return Math.round(histogram.length * binWidth * 100) / 100;
  };
  return { binWidth, histogram, p50: pick(0.5), p75: pick(0.75), p90: pick(0.9) };
}
