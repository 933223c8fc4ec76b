// The server's per-document linter: one parse per version, results reused for the same
// configuration, and a rule that throws isolated and reported with its id.

import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfig } from '../../server/src/engine/config/types';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import { RULES } from '../../server/src/engine/rules';
import { defineRule } from '../../server/src/engine/rules/rule';
import { DocumentLinter } from '../../server/src/lsp/documentLinter';
import type { LintEnvironment } from '../../server/src/lsp/environment';
import { defaultSettings } from '../../server/src/lsp/settings';

const environment: LintEnvironment = { settings: defaultSettings(), config: defaultConfig(), profile: emptyProfile('test') };
const TEXT = '社区食堂开张了\n●陈思远\n\n全市建成社区食堂,日均服务老人。\n';

const exploding = defineRule({
  id: 'exploding-rule',
  family: 'typography',
  description: '测试用：总是抛出异常的规则',
  defaultSeverity: 'warning',
  docs: { why: '测试规则隔离。', example: '—' },
  defaultOptions: {},
  check() {
    throw new Error('boom');
  },
});

describe('DocumentLinter', () => {
  it('isolates a rule that throws: the others still report and the failure names the rule', () => {
    const failures: [string, string, string][] = [];
    const linter = new DocumentLinter((ruleId, error, uri) => failures.push([ruleId, error, uri]), [exploding, ...RULES]);
    const document = TextDocument.create('file:///desk/a.txt', 'plaintext', 1, TEXT);
    const lint = linter.lint(document, environment);
    expect(lint.diagnostics.map((d) => d.code)).toEqual(['punctuation-width']);
    expect(failures).toEqual([['exploding-rule', 'boom', 'file:///desk/a.txt']]);
  });

  it('parses and lints a version once, and again after an edit or a configuration change', () => {
    const linter = new DocumentLinter(() => {});
    const document = TextDocument.create('file:///desk/b.txt', 'plaintext', 1, TEXT);
    const first = linter.lint(document, environment);
    expect(linter.lint(document, environment)).toBe(first);
    expect(linter.parse(document)).toBe(first.draft);

    const changed = { ...environment, config: { ...environment.config, rules: { 'punctuation-width': { severity: 'off' as const } } } };
    const reconfigured = linter.lint(document, changed);
    expect(reconfigured).not.toBe(first);
    expect(reconfigured.draft).toBe(first.draft);
    expect(reconfigured.diagnostics).toEqual([]);

    TextDocument.update(document, [{ text: TEXT.replace(',', '，') }], 2);
    const edited = linter.lint(document, environment);
    expect(edited.version).toBe(2);
    expect(edited.draft).not.toBe(first.draft);
    expect(edited.diagnostics).toEqual([]);
  });
});
