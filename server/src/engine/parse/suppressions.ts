// `<!-- opinion-lint-disable-next-line RULE… -->`, `<!-- opinion-lint-disable RULE… -->` and
// `<!-- opinion-lint-enable RULE… -->`, in .md and .txt drafts alike. No rule ids = every rule.

import type { Span } from '../types';

export interface SuppressionComment extends Span {
  directive: 'disable-next-line' | 'disable' | 'enable';
  rules: string[];
  line: number;
}

const COMMENT = /<!--\s*opinion-lint-(disable-next-line|disable|enable)\b([^>]*?)-->/g;

export function findSuppressionComments(text: string, lineOf: (offset: number) => number): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const rules = m[2].split(/[\s,，]+/).filter(Boolean);
    out.push({
      directive: m[1] as SuppressionComment['directive'],
      rules,
      start: m.index!,
      end: m.index! + m[0].length,
      line: lineOf(m.index!),
    });
  }
  return out;
}

/** Any HTML comment (suppression or not): rules do not look inside comments. */
export function findCommentSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/<!--[\s\S]*?-->/g)) out.push({ start: m.index!, end: m.index! + m[0].length });
  return out;
}

/**
 * Decides whether a finding of `ruleId` starting on `line` at `offset` is suppressed.
 * `nextContentLine` maps a comment's line to the next non-blank line after it.
 */
export function isSuppressed(
  comments: SuppressionComment[],
  ruleId: string,
  offset: number,
  line: number,
  nextContentLine: (line: number) => number,
): boolean {
  let disabled = false;
  for (const c of comments) {
    const applies = c.rules.length === 0 || c.rules.includes(ruleId);
    if (c.directive === 'disable-next-line') {
      if (applies && nextContentLine(c.line) === line) return true;
      continue;
    }
    if (c.start > offset) break;
    if (!applies) continue;
    disabled = c.directive === 'disable';
  }
  return disabled;
}
