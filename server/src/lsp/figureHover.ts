// Hover for any statistic in the draft, flagged or not: what the engine parsed and whether it found
// an attribution. Flagged figures carry richer evidence (published matches, conflicts) on their finding.

import { extractFiguresFor, type Figure } from '../engine/figures/extract';
import type { ParsedDraft } from '../engine/parse/draft';
import type { Profile } from '../engine/profile/types';
import { renderEvidence } from './hover';

export function figureAt(draft: ParsedDraft, profile: Profile, offset: number): Figure | undefined {
  return extractFiguresFor(draft, profile).find((f) => f.start <= offset && offset < f.end);
}

export function describeFigure(figure: Figure): string {
  const body = renderEvidence({
    kind: 'figure',
    value: figure.value,
    unit: figure.unit,
    raw: figure.raw,
    subject: figure.subject,
    attribution: figure.attribution?.cue,
  });
  return `**Opinion Lint** · 数字\n\n${body}`;
}
