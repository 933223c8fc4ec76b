/// <reference types="mocha" />
// Quick fixes and fix-all: the edit is applied through VS Code and the text really changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openDraft, ourDiagnostics, rangeOf, ruleId, waitFor, waitForRule } from './helpers';

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind);
  // The provider may answer with bare Commands too (their `command` is a string): keep CodeActions.
  return (actions ?? []).filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

export function codeActionTests(): void {
  describe('code actions', () => {
    afterEach(closeAllEditors);

    it('offers the engine fix as a quick fix and applying it changes the text', async () => {
      const editor = await openDraft('稿件/城市更新要算民生账.txt');
      const [finding] = await waitForRule(editor.document.uri, 'punctuation-width');
      const actions = await codeActions(editor.document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === '改为全角“，”');
      assert.ok(fix, `no full-width comma fix among: ${actions.map((a) => a.title).join(' | ')}`);
      await apply(fix);
      assert.ok(editor.document.getText().includes('老旧小区改造，关键在于'), 'the half-width comma was replaced');
      await waitFor('the punctuation-width finding to go away', () =>
        ourDiagnostics(editor.document.uri).some((d) => ruleId(d) === 'punctuation-width') ? undefined : true,
      );
    });

    it('offers to disable the rule for the line', async () => {
      const editor = await openDraft('稿件/社区食堂的一碗热饭.txt');
      const [finding] = await waitForRule(editor.document.uri, 'punctuation-width');
      const actions = await codeActions(editor.document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
      const disable = actions.find((a) => a.title.includes('punctuation-width') && /停用|禁用/.test(a.title));
      assert.ok(disable, `no "disable punctuation-width for this line" among: ${actions.map((a) => a.title).join(' | ')}`);
      const lineBefore = editor.document.lineCount;
      await apply(disable);
      assert.ok(editor.document.getText().includes('punctuation-width'), 'the suppression comment names the rule');
      assert.ok(editor.document.lineCount >= lineBefore);
    });

    it('fixes every auto-fixable problem with source.fixAll', async () => {
      const editor = await openDraft('稿件/社区食堂的一碗热饭.txt');
      await waitFor('five punctuation-width findings', () =>
        ourDiagnostics(editor.document.uri).filter((d) => ruleId(d) === 'punctuation-width').length === 5 ? true : undefined,
      );
      const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
      const actions = await codeActions(editor.document.uri, whole, vscode.CodeActionKind.SourceFixAll.value);
      const fixAll = actions.find((a) => a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind));
      assert.ok(fixAll, `no source.fixAll action among: ${actions.map((a) => a.title).join(' | ')}`);
      await apply(fixAll);
      const text = editor.document.getText();
      assert.ok(text.includes('傍晚时分，社区食堂里坐满了老人。一荤两素一汤，价格实惠，口味清淡。'), text);
      assert.ok(text.includes('这样的小事看似平常，却最能检验'), text);
      await waitFor('no punctuation-width findings after fix-all', () =>
        ourDiagnostics(editor.document.uri).some((d) => ruleId(d) === 'punctuation-width') ? undefined : true,
      );
    });

    it('runs the Fix All in Document command on the active draft', async () => {
      const editor = await openDraft('稿件/社区食堂的一碗热饭.txt');
      await waitForRule(editor.document.uri, 'punctuation-width');
      const version = editor.document.version;
      await vscode.commands.executeCommand('opinionLint.fixAll');
      await waitFor('the fix-all edit to reach the document', () => (editor.document.version > version ? true : undefined));
      assert.ok(editor.document.getText().includes('傍晚时分，社区食堂'), editor.document.getText());
      await waitFor('no punctuation-width findings after the command', () =>
        ourDiagnostics(editor.document.uri).some((d) => ruleId(d) === 'punctuation-width') ? undefined : true,
      );
    });
  });
}
