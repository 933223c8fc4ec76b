// Hover for any statistic in the draft, flagged or not: what the engine parsed, whether it found an
// attribution, and the figure the publication already printed that it matches or contradicts.

import { extractFiguresFor, type Figure } from '../engine/figures/extract';
import { figureEvidence, findPublishedConflict, findPublishedMatch } from '../engine/figures/match';
import type { ParsedDraft } from '../engine/parse/draft';
import type { Profile } from '../engine/profile/types';
import { renderEvidence } from './hover';

export function figureAt(draft: ParsedDraft, profile: Profile, offset: number): Figure | undefined {
  return extractFiguresFor(draft, profile).find((f) => f.start <= offset && offset < f.end);
}

export function describeFigure(figure: Figure, profile: Profile): string {
  const published = findPublishedMatch(figure, profile);
  const conflictsWith = published ? undefined : findPublishedConflict(figure, profile);
  return `**Opinion Lint** · 数字\n\n${renderEvidence(figureEvidence(figure, { published, conflictsWith }))}`;
}
