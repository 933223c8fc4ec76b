// Engine findings → LSP diagnostics. Offsets are UTF-16 already, so ranges map one to one.

import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { ParsedDraft } from '../engine/parse/draft';
import type { Finding, Severity, Span } from '../engine/types';

export const DIAGNOSTIC_SOURCE = 'opinion-lint';
export const RULE_DOCS_BASE = 'https://github.com/opinion-lint/opinion-lint/blob/main/docs/rules.md';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}#${ruleId}`;
}

export function spanToRange(doc: Pick<ParsedDraft, 'positionAt'>, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function findingToDiagnostic(doc: Pick<ParsedDraft, 'positionAt'>, uri: string, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: spanToRange(doc, finding),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri, range: spanToRange(doc, r) },
      message: r.message,
    }));
  }
  return diagnostic;
}

export function findingsToDiagnostics(doc: Pick<ParsedDraft, 'positionAt'>, uri: string, findings: readonly Finding[]): Diagnostic[] {
  return findings.map((f) => findingToDiagnostic(doc, uri, f));
}
