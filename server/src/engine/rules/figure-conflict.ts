import { defineRule } from './rule';
import type { RuleFinding } from '../types';
import { extractFigures, valuesCompatible, type Figure } from '../figures/extract';
import { DRAFT_OVERLAP, figureEvidence, findPublishedConflict, formatValue, quantityKey, quantityName, sameQuantity } from '../figures/match';

/** Two figures count the same thing only if they name it with a common noun (给予/支持 alone is not a quantity). */
function sharesNoun(a: Figure, b: Figure): boolean {
  return a.nouns.some((n) => b.nouns.includes(n));
}

/** How many earlier figures of the same unit and time scope each figure is compared with. */
const MAX_COMPARED = 256;

export const figureConflict = defineRule({
  id: 'figure-conflict',
  family: 'figure',
  description: '同一数据前后不一致，或与本报已发表的数字不符',
  defaultSeverity: 'error',
  docs: {
    why:
      '同一项数据（单位相同、所说的事物相同、时间相同）在稿件中给出不同数值，或与本报已发表文章中的数值不符，必有一处出错。' +
      '“超过”“近”“约”等限定词会被考虑在内：“超30万”与“32万”并不矛盾。同一句内的几个数字（如前后对比、数值范围）不互相比较。',
    example: '地铁日均客流达到30万人次。……地铁日均客流为25万人次。 → 核对后统一为同一数值',
    options: { checkPublished: '是否与本报已发表的数字比对（默认 true）' },
  },
  defaultOptions: { checkPublished: true },
  check(doc, profile, options) {
    const out: RuleFinding[] = [];
    // Attribution does not matter here, so the base extraction is enough.
    const figures = extractFigures(doc);
    const flagged = new Set<Figure>();
    // Only figures of one unit and one time scope can be the same quantity.
    const seen = new Map<string, Figure[]>();
    for (const later of figures) {
      const scope = `${later.unit}\u0000${quantityKey(later).time}`;
      let candidates = seen.get(scope);
      if (!candidates) seen.set(scope, (candidates = []));
      // The nearest MAX_COMPARED figures of the scope, earliest first: a draft has a few dozen figures,
      // a pasted data table tens of thousands, which must not cost a comparison of every pair.
      let earlier: Figure | undefined;
      for (let k = Math.max(0, candidates.length - MAX_COMPARED); k < candidates.length && !earlier; k++) {
        const e = candidates[k];
        if (e.sentence !== later.sentence && sameQuantity(e, later, DRAFT_OVERLAP) && sharesNoun(e, later) && !valuesCompatible(e, later)) earlier = e;
      }
      // Appended in place: copying the list for every figure was quadratic in a figure-heavy draft.
      candidates.push(later);
      if (!earlier) continue;
      flagged.add(later);
      const name = quantityName(later.subject, earlier.subject);
      out.push({
        start: later.start,
        end: later.end,
        message: `“${name}”前后数值不一致：此处为${later.raw}，前文为${earlier.raw}。请核对数据来源后统一。`,
        related: [{ start: earlier.start, end: earlier.end, message: `前文给出的数值：${earlier.raw}` }],
        evidence: figureEvidence(later),
      });
    }
    if (options.checkPublished) {
      for (const f of figures) {
        if (flagged.has(f)) continue;
        const published = findPublishedConflict(f, profile);
        if (!published) continue;
        out.push({
          start: f.start,
          end: f.end,
          message: `数字“${f.raw}”与本报已发表的《${published.headline}》中的同一数据（${formatValue(published.value, published.unit)}）不符，请核对数值及统计口径、时间。`,
          evidence: figureEvidence(f, { conflictsWith: published }),
        });
      }
    }
    return out;
  },
});
