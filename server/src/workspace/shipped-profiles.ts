// How the shipped profiles (server/profiles/*.json) are built from the shared corpora. Used by
// `npm run learn:profiles` and by the test that fails when a shipped profile is out of date.
//
// default.json: house evidence (byline, layout, number style) from the launch customer's page
// (seed/); register evidence (phrase table, density, attribution cues) from seed/ and people-daily/
// together — one page is too thin to tell formulaic phrases from topic words; the published figures
// of both, so that a draft retelling a figure either printed is held to it.
// people-daily.json: everything from people-daily/ alone.

import path from 'node:path';
import { emptyProfile } from '../engine/profile/empty';
import { composeProfile, mergeProfiles } from '../engine/profile/merge';
import type { Profile } from '../engine/profile/types';
import { learnCorpusHere, type LearnProgress } from './learn';

export interface ShippedProfiles {
  default: Profile;
  'people-daily': Profile;
}

export function buildShippedProfiles(corpusDir: string, onProgress?: (progress: LearnProgress) => void): ShippedProfiles {
  const seed = learnCorpusHere([path.join(corpusDir, 'seed')], { name: 'seed', shard: true, onProgress }).profile;
  const peopleDaily = learnCorpusHere([path.join(corpusDir, 'people-daily')], { name: 'people-daily', shard: true, onProgress }).profile;

  const peopleDailyFigures = emptyProfile('people-daily', 'shard');
  peopleDailyFigures.house.figures = peopleDaily.house.figures;
  const house = mergeProfiles([seed, peopleDailyFigures], { name: 'default', shard: true });
  const def = composeProfile('default', house, [seed, peopleDaily]);
  def.description = '默认档案：署名、版式和数字写法学自客户评论版（seed/）；口号表、套话密度和出处提示词学自 seed/ 与 people-daily/ 两个语料库；已发表数字取自这两个语料库。';
  const pd = mergeProfiles([peopleDaily], { name: 'people-daily' });
  pd.description = '人民日报评论档案：全部学自 people-daily/（848 篇评论，署名在文末“（作者为……）”）。';
  return { default: def, 'people-daily': pd };
}
