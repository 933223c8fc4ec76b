// A profile with no evidence: the starting point of learning, and the identity of merge.

import { emptyBylineModel } from '../byline/contributor';
import { DENSITY_BIN_WIDTH } from '../phrases/contributor';
import { PROFILE_FORMAT, PROFILE_VERSION, type HouseEvidence, type Profile, type RegisterEvidence } from './types';

export function emptyHouse(): HouseEvidence {
  return {
    sources: [],
    byline: emptyBylineModel(),
    numberStyle: { arabicCounts: 0, chineseCounts: 0, fullWidthDigits: 0, thousandsSeparators: 0, twoDigitYears: 0, rangeMarks: {} },
    figures: [],
  };
}

export function emptyRegister(): RegisterEvidence {
  return {
    sources: [],
    articles: 0,
    chars: 0,
    tokens: 0,
    phrases: [],
    quoted: [],
    stock: [],
    formulations: [],
    density: { binWidth: DENSITY_BIN_WIDTH, histogram: [], p50: 0, p75: 0, p90: 0 },
    attributionCues: {},
  };
}

export function emptyProfile(name: string, kind: Profile['kind'] = 'profile'): Profile {
  return { format: PROFILE_FORMAT, version: PROFILE_VERSION, name, kind, house: emptyHouse(), register: emptyRegister() };
}
