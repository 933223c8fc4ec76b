// Code actions computed in-process on drafts written for this test: extending an existing
// suppression comment, and the `only` filter editors send.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfig } from '../../server/src/engine/config/types';
import { codeActions } from '../../server/src/lsp/codeActions';
import { DocumentLinter } from '../../server/src/lsp/documentLinter';
import type { LintEnvironment } from '../../server/src/lsp/environment';
import { defaultSettings } from '../../server/src/lsp/settings';
import { writeTestProfile } from './testProfile';

const dir = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-actions-'));
const environment: LintEnvironment = { settings: defaultSettings(), config: defaultConfig(), profile: writeTestProfile(path.join(dir, 'profile.json')) };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(text: string) {
  const document = TextDocument.create('file:///desk/draft.txt', 'plaintext', 1, text);
  const lint = new DocumentLinter(() => {}).lint(document, environment);
  const at = (needle: string) => document.positionAt(text.indexOf(needle));
  const actions = (needle: string, only?: string[]) => {
    const position = at(needle);
    return codeActions({
      document,
      lint,
      params: { textDocument: { uri: document.uri }, range: { start: position, end: position }, context: { diagnostics: [], ...(only ? { only } : {}) } },
      capabilities: { documentChanges: false, createFiles: false },
    });
  };
  const apply = (action: { edit?: { changes?: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> } }) =>
    TextDocument.applyEdits(document, action.edit!.changes![document.uri]);
  return { lint, actions, apply };
}

describe('code actions', () => {
  it('adds the rule to a disable-next-line comment that already governs the line', () => {
    const text = '社区食堂开张了\n●陈思远\n\n<!-- opinion-lint-disable-next-line figure-unsourced -->\n全市建成社区食堂126家,日均服务老人3000人次。\n';
    const { lint, actions, apply } = setup(text);
    expect(lint.result.findings.map((f) => f.ruleId)).toEqual(['punctuation-width']);
    const disable = actions(',日均').find((a) => a.title === '在此行停用 punctuation-width 检查')!;
    expect(apply(disable).split('\n')[3]).toBe('<!-- opinion-lint-disable-next-line figure-unsourced punctuation-width -->');
  });

  it('inserts a new comment with the line indentation and the document line ending', () => {
    const text = '社区食堂开张了\r\n●陈思远\r\n\r\n　　全市建成社区食堂,日均服务老人。\r\n';
    const { actions, apply } = setup(text);
    const disable = actions(',日均').find((a) => a.title === '在此行停用 punctuation-width 检查')!;
    expect(apply(disable).split('\r\n').slice(3, 5)).toEqual(['　　<!-- opinion-lint-disable-next-line punctuation-width -->', '　　全市建成社区食堂,日均服务老人。']);
  });

  it('honours the kinds the editor asks for', () => {
    const text = '社区食堂开张了\n●陈思远\n\n全市建成社区食堂,日均服务老人,周末也不休息。\n';
    const { actions } = setup(text);
    expect(actions(',日均', ['quickfix']).map((a) => a.kind)).not.toContain('source.fixAll.opinion-lint');
    expect(actions(',日均', ['source.fixAll']).map((a) => a.kind)).toEqual(['source.fixAll.opinion-lint']);
    expect(actions(',日均', ['source']).map((a) => a.kind)).toEqual(['source.fixAll.opinion-lint']);
    expect(actions(',日均').map((a) => a.title)).toEqual(['改为全角“，”', '在此行停用 punctuation-width 检查', '修复本文档全部可自动修复的问题（2 处）']);
  });
});
