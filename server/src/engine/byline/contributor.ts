// Learns the house byline model: how many articles carry a byline, where the house prints it,
// with which marker, how long the names are and how several authors are separated. Only counts are
// stored; `finalize` derives the dominant form, so shard profiles add up to the whole.

import { nameLength } from '../parse/byline';
import type { ProfileContributor } from '../profile/contributor';
import type { BylineModel, BylinePosition, Profile } from '../profile/types';
import type { ExampleRef } from '../types';

const MAX_EXAMPLES = 3;
// Preferred order when two positions are seen equally often (deterministic output).
const POSITION_ORDER: BylinePosition[] = ['after-headline', 'end', 'none'];

export function emptyBylineModel(): BylineModel {
  return {
    articlesWithByline: 0,
    articles: 0,
    expected: false,
    position: 'none',
    positionCounts: {},
    markers: {},
    marker: '',
    nameLengths: {},
    separators: {},
    examples: [],
  };
}

export const bylineContributor: ProfileContributor = {
  observe(article, profile) {
    const model = modelOf(profile);
    model.articles++;
    if (article.bylinePosition === 'none') return;
    model.articlesWithByline++;
    add(model.positionCounts, article.bylinePosition, 1);
    const byline = article.doc.byline;
    if (!byline) return;
    add(model.markers, byline.marker, 1);
    for (const name of byline.names) add(model.nameLengths, String(nameLength(name)), 1);
    if (byline.separator !== undefined) add(model.separators, byline.separator, 1);
    model.examples = firstExamples([
      ...model.examples,
      { headline: article.headline, file: article.file, offset: article.fileOffset(byline.start) },
    ]);
  },

  merge(into, from) {
    const target = modelOf(into);
    const source = from.house.byline ?? emptyBylineModel();
    target.articles += source.articles;
    target.articlesWithByline += source.articlesWithByline;
    for (const key of ['positionCounts', 'markers', 'nameLengths', 'separators'] as const) {
      for (const [k, n] of Object.entries(source[key])) add(target[key], k, n);
    }
    target.examples = firstExamples([...target.examples, ...source.examples]);
  },

  finalize(profile) {
    const model = modelOf(profile);
    model.positionCounts = sortedRecord(model.positionCounts);
    model.markers = sortedRecord(model.markers);
    model.nameLengths = sortedRecord(model.nameLengths);
    model.separators = sortedRecord(model.separators);
    // "Expected" means most articles carry one: the seed house bylines every piece, while
    // people-daily prints an author note on about a third of its commentaries.
    model.expected = model.articlesWithByline * 2 > model.articles;
    model.position = (dominant(model.positionCounts, POSITION_ORDER) as BylinePosition | undefined) ?? 'none';
    model.marker = dominant(model.markers) ?? '';
  },
};

function modelOf(profile: Profile): BylineModel {
  profile.house.byline ??= emptyBylineModel();
  return profile.house.byline;
}

function add(record: Record<string, number>, key: string, n: number): void {
  record[key] = (record[key] ?? 0) + n;
}

/** The most frequent key; ties go to `preferred` order, then to the smaller key. */
export function dominant(record: Record<string, number>, preferred: readonly string[] = []): string | undefined {
  const rank = (k: string) => (preferred.includes(k) ? preferred.indexOf(k) : preferred.length);
  const keys = Object.keys(record).filter((k) => record[k] > 0);
  keys.sort((a, b) => record[b] - record[a] || rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return keys[0];
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(record).sort()) out[k] = record[k];
  return out;
}

function firstExamples(examples: ExampleRef[]): ExampleRef[] {
  const seen = new Set<string>();
  return examples
    .filter((e) => {
      const key = `${e.file}\u0000${e.offset}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.offset - b.offset))
    .slice(0, MAX_EXAMPLES);
}
