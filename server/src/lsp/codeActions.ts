// Code actions for the findings under the cursor: the engine's own fix, "fix all", "disable this
// rule for this line" and "allow this phrase" (written to the nearest `.opinionlintrc.json`).

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isJsonObject, parseJson, type JsonObject } from '../engine/config/json';
import { applyFixes, fixUntilStable } from '../engine/fix';
import { lintDraft } from '../engine/lint';
import { parseDraft, type ParsedDraft } from '../engine/parse/draft';
import { computeLineStarts, positionAt } from '../engine/text/positions';
import type { Finding, TextEdit } from '../engine/types';
import type { DocumentLint } from './documentLinter';
import { isMarkdown } from './documentLinter';
import { spanToRange } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.opinion-lint`;

/** Rules whose findings are about a phrase the writer may want to keep. */
const PHRASE_RULES = new Set(['slogan-repeat', 'slogan-cliche', 'formulation-variant']);

export interface EditCapabilities {
  /** The client accepts versioned `documentChanges` (stale edits are then refused by the client). */
  documentChanges: boolean;
  /** The client can create files inside a WorkspaceEdit. */
  createFiles: boolean;
}

export interface CodeActionInput {
  document: TextDocument;
  lint: DocumentLint;
  params: CodeActionParams;
  capabilities: EditCapabilities;
  /** Where "allow this phrase" writes. */
  configFile?: { file: string; exists: boolean };
}

export function codeActions({ document, lint, params, capabilities, configFile }: CodeActionInput): CodeAction[] {
  const { draft } = lint;
  const only = params.context.only;
  const wanted = (kind: string) => !only?.length || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const from = document.offsetAt(params.range.start);
  const to = document.offsetAt(params.range.end);
  const actions: CodeAction[] = [];
  const fixable = lint.result.findings.filter((f) => f.fix?.edits.length);

  lint.result.findings.forEach((finding, index) => {
    if (finding.end < from || finding.start > to) return;
    const diagnostic = lint.diagnostics[index];
    if (finding.fix?.edits.length && wanted(CodeActionKind.QuickFix)) {
      actions.push({
        title: finding.fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: documentEdit(document, capabilities, finding.fix.edits.map((e) => toLspEdit(draft, e))),
      });
    }
    // Suggestions: the writer's choice, never part of "fix all".
    if (wanted(CodeActionKind.QuickFix)) {
      for (const s of finding.suggestions ?? []) {
        if (s.edits.length) actions.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: documentEdit(document, capabilities, s.edits.map((e) => toLspEdit(draft, e))) });
      }
    }
    if (wanted(CodeActionKind.QuickFix)) {
      actions.push(disableForLineAction(document, draft, finding, diagnostic, capabilities));
      const allow = allowPhraseAction(draft, finding, diagnostic, capabilities, configFile);
      if (allow) actions.push(allow);
    }
  });

  const cursorOnFixable = fixable.some((f) => f.end >= from && f.start <= to);
  if (fixable.length > 1 && cursorOnFixable && wanted(CodeActionKind.QuickFix)) {
    const edit = fixAllEdit(document, lint, capabilities);
    if (edit) actions.push({ title: `修复本文档全部可自动修复的问题（${fixable.length} 处）`, kind: CodeActionKind.QuickFix, edit });
  }
  if (fixable.length && only?.length && (wanted(FIX_ALL_KIND) || wanted(CodeActionKind.SourceFixAll))) {
    const edit = fixAllEdit(document, lint, capabilities);
    if (edit) actions.push({ title: '修复本文档全部可自动修复的问题（Opinion Lint）', kind: FIX_ALL_KIND, edit });
  }
  return actions;
}

/**
 * Every auto-fixable problem fixed, re-linting between passes so fixes that overlapped apply too.
 * Returned as one edit over the changed region, or undefined when nothing changes.
 */
export function fixAllEdit(document: TextDocument, lint: DocumentLint, capabilities: EditCapabilities): WorkspaceEdit | undefined {
  const text = document.getText();
  const { environment } = lint;
  const markdown = isMarkdown(document);
  const first = applyFixes(text, lint.result.findings);
  if (!first.applied.length) return undefined;
  const fixed = fixUntilStable(first.text, (t) => lintDraft(parseDraft(t, { markdown }), environment.profile, environment.config)).text;
  const edit = minimalEdit(text, fixed);
  return edit ? documentEdit(document, capabilities, [toLspEdit(lint.draft, edit)]) : undefined;
}

function disableForLineAction(document: TextDocument, draft: ParsedDraft, finding: Finding, diagnostic: Diagnostic, capabilities: EditCapabilities): CodeAction {
  const line = draft.lineOf(finding.start);
  const title = `在此行停用 ${finding.ruleId} 检查`;
  // Extend a disable-next-line comment that already governs this line instead of stacking another.
  const existing = draft.suppressions.find((c) => c.directive === 'disable-next-line' && c.rules.length > 0 && draft.nextContentLine(c.line) === line);
  let edit: TextEdit;
  if (existing) {
    const close = draft.text.lastIndexOf('-->', existing.end);
    const insertAt = draft.text[close - 1] === ' ' ? close - 1 : close;
    edit = { start: insertAt, end: insertAt, newText: ` ${finding.ruleId}` };
  } else {
    const lineInfo = draft.lines[line];
    const indent = /^[ \t　]*/.exec(lineInfo.text)![0];
    const eol = draft.text.includes('\r\n') ? '\r\n' : '\n';
    edit = { start: lineInfo.start, end: lineInfo.start, newText: `${indent}<!-- opinion-lint-disable-next-line ${finding.ruleId} -->${eol}` };
  }
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: documentEdit(document, capabilities, [toLspEdit(draft, edit)]) };
}

function allowPhraseAction(
  draft: ParsedDraft,
  finding: Finding,
  diagnostic: Diagnostic,
  capabilities: EditCapabilities,
  configFile: CodeActionInput['configFile'],
): CodeAction | undefined {
  if (!PHRASE_RULES.has(finding.ruleId) || !configFile) return undefined;
  const phrase = (finding.evidence?.kind === 'phrase' ? finding.evidence.phrase : draft.text.slice(finding.start, finding.end)).replace(/^“|”$/g, '').trim();
  if (!phrase) return undefined;
  const uri = pathToFileURL(configFile.file).href;
  const title = `允许短语“${phrase}”（写入 .opinionlintrc.json 的 allowPhrases）`;

  if (!configFile.exists) {
    if (!capabilities.createFiles) return undefined;
    const content = `${JSON.stringify({ allowPhrases: [phrase] }, null, 2)}\n`;
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: {
        documentChanges: [
          { kind: 'create', uri, options: { ignoreIfExists: true } },
          { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] },
        ],
      },
    };
  }

  let current: string;
  let config: JsonObject;
  try {
    current = readFileSync(configFile.file, 'utf8');
    const parsed = parseJson(current);
    if (!isJsonObject(parsed)) return undefined;
    config = parsed;
  } catch {
    // A config that does not parse is reported by the environment; editing it blindly could lose text.
    return undefined;
  }
  const phrases = Array.isArray(config.allowPhrases) ? config.allowPhrases : [];
  if (phrases.includes(phrase)) return undefined;
  const updated = { ...config, allowPhrases: [...phrases, phrase] };
  const newText = `${JSON.stringify(updated, null, 2)}\n`;
  const range = wholeTextRange(current);
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [{ range, newText }] } } };
}

function wholeTextRange(text: string): Range {
  const end = positionAt(computeLineStarts(text), text.length);
  return { start: { line: 0, character: 0 }, end };
}

function toLspEdit(draft: ParsedDraft, edit: TextEdit): LspTextEdit {
  return { range: spanToRange(draft, edit), newText: edit.newText };
}

function documentEdit(document: TextDocument, capabilities: EditCapabilities, edits: LspTextEdit[]): WorkspaceEdit {
  if (capabilities.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
  }
  return { changes: { [document.uri]: edits } };
}

/** The single edit that turns `before` into `after`: the span between their common prefix and suffix. */
function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  // Never cut a surrogate pair in half at either edge.
  if (start > 0 && /[\ud800-\udbff]/.test(before[start - 1])) start--;
  if (tail > 0 && /[\udc00-\udfff]/.test(before[before.length - tail])) tail--;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}
