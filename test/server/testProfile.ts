// A profile for the protocol tests: the shipped default's structure with a slogan table and byline
// model written here, so expectations do not move when the shipped profiles are re-learned.
// Example headlines are invented for the tests.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PhraseStats, Profile } from '../../server/src/engine/profile/types';
import { markerHouseByline } from '../helpers/byline-model';
import { PROJECT_ROOT } from './lspSession';

export const TEST_PHRASE: PhraseStats = {
  phrase: '高质量发展',
  kind: 'formula',
  count: 512,
  articles: 131,
  maxPerArticle: 2,
  limit: 2,
  months: 12,
  subjects: 120,
  keyness: 8,
  cohesion: 0.8,
  score: 0.95,
  cliche: true,
  examples: [
    { headline: '让创新成果走进车间', file: 'archive/2023-01.txt', offset: 120 },
    { headline: '小店铺里的大经济', file: 'archive/2023-02.txt', offset: 48 },
    { headline: '绿色转型要算长远账', file: 'archive/2023-03.txt', offset: 300 },
  ],
};

export function writeTestProfile(file: string): Profile {
  const shipped = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8')) as Profile;
  const profile: Profile = {
    ...shipped,
    name: 'protocol-test',
    house: {
      ...shipped.house,
      figures: [{ value: 40, unit: '个', subject: ['全市', '新增', '餐点'], headline: '助餐点越办越暖心', file: 'archive/2024-05.txt', offset: 66 }],
      byline: markerHouseByline(10, { '2': 3, '3': 7 }, { ' ': 2 }),
    },
    register: { ...shipped.register, phrases: [TEST_PHRASE] },
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profile, null, 2));
  return profile;
}
