// A phrase-table entry for tests that build a profile by hand: plausible evidence, overridable.

import type { PhraseStats } from '../../server/src/engine/profile/types';

export function phraseEntry(phrase: string, over: Partial<PhraseStats> = {}): PhraseStats {
  return {
    phrase,
    kind: 'formula',
    count: 120,
    articles: 60,
    maxPerArticle: 2,
    limit: 2,
    months: 5,
    subjects: 40,
    keyness: 8,
    cohesion: 0.8,
    score: 0.9,
    cliche: false,
    examples: [],
    ...over,
  };
}
