// The shape of a rule module: data about the rule plus a pure `check`. Rules never touch LSP or
// the file system; they read the ParsedDraft and the learned Profile and return findings.

import type { ParsedDraft } from '../parse/draft';
import type { Profile } from '../profile/types';
import type { RuleFamily, RuleFinding, Severity } from '../types';

export interface RuleContext {
  /** Phrases the user allow-listed in `.opinionlintrc.json` (never flagged as slogans). */
  allowPhrases: ReadonlySet<string>;
}

export interface RuleDocs {
  /** Chinese: what it checks and why an editor cares. */
  why: string;
  /** Chinese: a short bad → good example. */
  example: string;
  /** Options the rule accepts in `.opinionlintrc.json`, name → Chinese description. */
  options?: Record<string, string>;
}

export interface Rule<Options = Record<string, unknown>> {
  id: string;
  family: RuleFamily;
  /** Chinese one-liner. */
  description: string;
  defaultSeverity: Severity;
  docs: RuleDocs;
  /** Default option values; config options are merged over them. */
  defaultOptions: Options;
  check(doc: ParsedDraft, profile: Profile, options: Options, context: RuleContext): RuleFinding[];
}

export function defineRule<O>(rule: Rule<O>): Rule<O> {
  return rule;
}
