// Parses each document version once and lints it once per effective configuration. Hover, code
// actions, pull and push diagnostics all read the same cached results.

import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintDraft, type LintResult } from '../engine/lint';
import { parseDraft, type ParsedDraft } from '../engine/parse/draft';
import { RULES } from '../engine/rules';
import type { Rule } from '../engine/rules/rule';
import type { LintEnvironment } from './environment';
import { findingsToDiagnostics } from './diagnostics';

export interface DocumentLint {
  uri: string;
  version: number;
  draft: ParsedDraft;
  result: LintResult;
  diagnostics: Diagnostic[];
  environment: LintEnvironment;
}

export function isMarkdown(document: Pick<TextDocument, 'languageId' | 'uri'>): boolean {
  return document.languageId === 'markdown' || /\.(md|markdown)$/i.test(document.uri);
}

export class DocumentLinter {
  private readonly parsed = new Map<string, { version: number; draft: ParsedDraft }>();
  private readonly linted = new Map<string, DocumentLint>();

  constructor(
    /** Called for every rule that threw while linting a document; the caller decides how often to log. */
    private readonly onRuleFailure: (ruleId: string, error: string, uri: string) => void,
    private readonly rules: readonly Rule<any>[] = RULES,
  ) {}

  parse(document: TextDocument): ParsedDraft {
    const hit = this.parsed.get(document.uri);
    if (hit && hit.version === document.version) return hit.draft;
    const draft = parseDraft(document.getText(), { markdown: isMarkdown(document) });
    this.parsed.set(document.uri, { version: document.version, draft });
    return draft;
  }

  lint(document: TextDocument, environment: LintEnvironment): DocumentLint {
    const hit = this.linted.get(document.uri);
    if (hit && hit.version === document.version && hit.environment === environment) return hit;
    const draft = this.parse(document);
    const result = lintDraft(draft, environment.profile, environment.config, this.rules);
    for (const failure of result.ruleFailures) this.onRuleFailure(failure.ruleId, failure.error, document.uri);
    const lint: DocumentLint = {
      uri: document.uri,
      version: document.version,
      draft,
      result,
      diagnostics: findingsToDiagnostics(draft, document.uri, result.findings),
      environment,
    };
    this.linted.set(document.uri, lint);
    return lint;
  }

  /** The last lint of exactly this version, if any. */
  cached(document: TextDocument): DocumentLint | undefined {
    const hit = this.linted.get(document.uri);
    return hit && hit.version === document.version ? hit : undefined;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
    this.linted.delete(uri);
  }
}
