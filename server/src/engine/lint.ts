// Runs the rules over one parsed draft. A rule that throws is isolated: the others still report,
// and the failure is returned once so the caller can log it with the rule id.

import type { LintConfig } from './config/types';
import { isSuppressed } from './parse/suppressions';
import { parseDraft, type ParsedDraft, type ParseOptions } from './parse/draft';
import type { Profile } from './profile/types';
import { RULES } from './rules';
import type { Rule } from './rules/rule';
import type { Finding } from './types';

export interface RuleFailure {
  ruleId: string;
  error: string;
}

export interface LintResult {
  findings: Finding[];
  ruleFailures: RuleFailure[];
  /** Set when the draft was not checked by Chinese-only rules (e.g. no Chinese text). */
  skippedReason?: string;
}

/** Below this share of Han characters a document is not a Chinese draft. */
export const MIN_HAN_RATIO = 0.3;

export function lintText(text: string, profile: Profile, config: LintConfig, parseOptions?: ParseOptions, rules?: readonly Rule<any>[]): LintResult {
  return lintDraft(parseDraft(text, parseOptions), profile, config, rules);
}

export function lintDraft(doc: ParsedDraft, profile: Profile, config: LintConfig, rules: readonly Rule<any>[] = RULES): LintResult {
  if (doc.hanRatio < MIN_HAN_RATIO) {
    return { findings: [], ruleFailures: [], skippedReason: doc.text.trim() ? '文档中文字符过少，不是中文稿件，已跳过检查。' : '文档为空。' };
  }
  const findings: Finding[] = [];
  const ruleFailures: RuleFailure[] = [];
  const context = { allowPhrases: new Set(config.allowPhrases) };
  for (const rule of rules) {
    const setting = config.rules[rule.id];
    const severity = setting?.severity ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    const options = { ...rule.defaultOptions, ...(setting?.options ?? {}) };
    try {
      for (const f of rule.check(doc, profile, options, context)) {
        const line = doc.lineOf(f.start);
        if (isSuppressed(doc.suppressions, rule.id, f.start, line, doc.nextContentLine)) continue;
        findings.push({ ...f, ruleId: rule.id, severity: setting?.severity ? severity : (f.severity ?? severity) });
      }
    } catch (err) {
      ruleFailures.push({ ruleId: rule.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings, ruleFailures };
}
