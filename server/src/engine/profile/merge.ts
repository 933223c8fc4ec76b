// Merging and finalizing profiles. Every stored part is a count, so merge adds counts family by
// family (each contributor merges its own part) and finalize recomputes what is derived.
// merge(shards of a corpus) + finalize deep-equals learning the whole corpus (see phrases/contributor.ts
// for the exact per-article counts that shards keep).

import type { ProfileContributor } from './contributor';
import { emptyProfile } from './empty';
import type { CorpusSource, Profile } from './types';
import { emptyShard, phraseContributor } from '../phrases/contributor';
import { figureContributor } from '../figures/contributor';
import { bylineContributor } from '../byline/contributor';

export const CONTRIBUTORS: readonly ProfileContributor[] = [phraseContributor, figureContributor, bylineContributor];

export interface MergeOptions {
  name?: string;
  /** Keep the full counts (a shard that can be merged again exactly). Default: a pruned profile. */
  shard?: boolean;
}

/**
 * Merges profiles (shards or pruned profiles) into one and finalizes it. Exact when every input is
 * a shard; merging pruned profiles adds up the tables they kept.
 */
export function mergeProfiles(inputs: readonly Profile[], options: MergeOptions = {}): Profile {
  return finalizeProfile(addProfiles(inputs, options.name), { shard: options.shard });
}

/**
 * The counts of `inputs` added into a new profile, not yet finalized. Inputs are only read (never
 * cloned or changed); each is added once, so the work is linear in their total size.
 */
export function addProfiles(inputs: readonly Profile[], name?: string): Profile {
  const into = emptyProfile(name ?? inputs[0]?.name ?? 'merged', 'shard');
  if (inputs.length) into.register.shard = emptyShard();
  for (const from of inputs) addProfileInto(into, from);
  return into;
}

/** Adds `from`'s counts into `into` (an accumulator made by `addProfiles`), reading `from` only. */
export function addProfileInto(into: Profile, from: Profile): void {
  into.house.sources = mergeSources(into.house.sources, from.house.sources);
  into.register.sources = mergeSources(into.register.sources, from.register.sources);
  into.register.articles += from.register.articles;
  into.register.chars += from.register.chars;
  for (const c of CONTRIBUTORS) c.merge(into, from);
}

/**
 * Recomputes derived fields. A 'profile' drops the shard counts and prunes (table size, figure
 * list); a 'shard' keeps everything.
 */
export function finalizeProfile(profile: Profile, options: { shard?: boolean } = {}): Profile {
  profile.kind = options.shard && profile.register.shard ? 'shard' : 'profile';
  for (const c of CONTRIBUTORS) c.finalize(profile);
  if (profile.kind === 'profile') delete profile.register.shard;
  profile.house.sources = mergeSources([], profile.house.sources);
  profile.register.sources = mergeSources([], profile.register.sources);
  return profile;
}

/**
 * A profile whose house evidence comes from `house` and whose register evidence is the union of
 * `registers` (e.g. the default profile: the customer's page for house style, both corpora for
 * phrase statistics). Inputs should be shards so that the register part is exact.
 */
export function composeProfile(name: string, house: Profile, registers: readonly Profile[], options: { shard?: boolean } = {}): Profile {
  const houseOnly = structuredClone(house);
  houseOnly.register = emptyProfile(name).register;
  houseOnly.register.shard = emptyShard();
  const registerOnly = registers.map((r) => ({ ...structuredClone(r), house: emptyProfile(name).house }));
  return mergeProfiles([houseOnly, ...registerOnly], { name, shard: options.shard });
}

/** Same-named sources add up (shards of one folder); sorted by name. */
export function mergeSources(a: readonly CorpusSource[], b: readonly CorpusSource[]): CorpusSource[] {
  const byName = new Map<string, CorpusSource>();
  for (const s of [...a, ...b]) {
    const prev = byName.get(s.name);
    if (!prev) byName.set(s.name, { ...s });
    else {
      prev.files += s.files;
      prev.articles += s.articles;
      prev.bylines += s.bylines;
      prev.chars += s.chars;
    }
  }
  return [...byName.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}
