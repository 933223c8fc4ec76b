// Shared pieces of the robustness suite: drafts written for these tests, and the range checks
// every finding must pass (inside the text, never between the halves of a surrogate pair).

import { expect } from 'vitest';
import { defaultConfig, type LintConfig } from '../../server/src/engine/config/types';
import { lintText, type LintResult } from '../../server/src/engine/lint';
import { loadProfile } from '../../server/src/workspace/profiles';
import type { Profile } from '../../server/src/engine/profile/types';
import { splitsSurrogatePair } from '../../server/src/engine/text/positions';
import type { Finding, Span } from '../../server/src/engine/types';

/** A draft with something for most rule families: half-width commas, an unsourced figure, a slogan. */
export const DRAFT =
  '窗口办事的一分钟\n●周明\n\n今年以来,全市新增市场主体3.6万户。\n\n优化营商环境不能只喊口号,要落到窗口办事的每一分钟，久久为功。\n\n据市场监管局统计，企业开办时间压缩到了1个工作日。\n';

/** A slogan the shipped default profile lists as formulaic (an idiom: a draft repeating it is never about it). */
export const SLOGAN = '久久为功';

export function defaultProfile(): Profile {
  return loadProfile('default').profile;
}

export function lint(text: string, config: LintConfig = defaultConfig(), markdown = false): LintResult {
  return lintText(text, defaultProfile(), config, { markdown });
}

/** Every span lies inside the text and starts and ends on code-point boundaries. */
export function spanProblem(text: string, span: Span): string | undefined {
  if (!(Number.isInteger(span.start) && Number.isInteger(span.end))) return `non-integer span ${span.start}-${span.end}`;
  if (span.start < 0 || span.end < span.start || span.end > text.length) return `span ${span.start}-${span.end} outside 0-${text.length}`;
  if (splitsSurrogatePair(text, span.start) || splitsSurrogatePair(text, span.end)) return `span ${span.start}-${span.end} splits a surrogate pair`;
  return undefined;
}

/** The problems of every finding, related span and fix edit (empty when all are sound). */
export function rangeProblems(text: string, findings: readonly Finding[]): string[] {
  const problems: string[] = [];
  for (const f of findings) {
    const spans: Span[] = [f, ...(f.related ?? []), ...(f.fix?.edits ?? [])];
    for (const s of spans) {
      const problem = spanProblem(text, s);
      if (problem) problems.push(`${f.ruleId}: ${problem}`);
    }
    for (const e of f.fix?.edits ?? []) {
      if (/[\ud800-\udbff]$/.test(e.newText) || /^[\udc00-\udfff]/.test(e.newText)) problems.push(`${f.ruleId}: fix text carries half a surrogate pair`);
    }
  }
  return problems;
}

export function expectSoundRanges(text: string, findings: readonly Finding[]): void {
  expect(rangeProblems(text, findings)).toEqual([]);
}
