// What the folder report says about one draft beside its findings: headline, authors, length,
// formulaic-phrase density (counted with the same phrase finder the slogan rules use), unsourced
// figures and the byline status. Pure: reads the parse, the findings and the profile.

import type { ParsedDraft } from './parse/draft';
import { findFormulaicPhrases, formulaicDensity } from './phrases/find';
import type { Profile } from './profile/types';
import type { DraftSummary } from './results';
import type { Finding } from './types';

export function summarizeDraft(doc: ParsedDraft, findings: readonly Finding[], profile: Profile): DraftSummary {
  // Density counts table phrases only, as the corpus percentiles and the slogan-density rule do;
  // the phrase list also keeps quoted slogans, which is how a desk's own catchwords show up.
  const density = formulaicDensity(doc, profile);
  const occurrences = findFormulaicPhrases(doc, profile);
  const perPhrase = new Map<string, number>();
  for (const o of occurrences) perPhrase.set(o.phrase, (perPhrase.get(o.phrase) ?? 0) + 1);
  return {
    headline: doc.headline?.text ?? '',
    authors: authorsOf(doc),
    chars: doc.hanChars,
    formulaicPhrases: density.phrases,
    sloganDensity: density.perThousand,
    // A figure matching one the corpus already published is information, not a missing source.
    unsourcedFigures: findings.filter((f) => f.ruleId === 'figure-unsourced' && f.severity !== 'information').length,
    bylineStatus: bylineStatus(doc, findings, profile),
    phrases: [...perPhrase].map(([phrase, count]) => ({ phrase, count })).sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase)),
  };
}

function authorsOf(doc: ParsedDraft): string[] {
  const byline = doc.byline;
  if (!byline) return [];
  if (byline.names.length) return byline.names;
  // 本报评论员 and the like sign for the desk; a bare affiliation note names nobody.
  return byline.form === 'staff' ? [byline.marker] : [];
}

function bylineStatus(doc: ParsedDraft, findings: readonly Finding[], profile: Profile): DraftSummary['bylineStatus'] {
  const has = (ruleId: string) => findings.some((f) => f.ruleId === ruleId);
  if (has('byline-missing')) return 'missing';
  if (has('byline-format')) return 'malformed';
  if (has('byline-position')) return 'misplaced';
  if (doc.byline) return 'ok';
  return profile.house.byline.expected ? 'missing' : 'not-expected';
}
