/// <reference types="mocha" />
// The extension's commands, run through VS Code as the palette runs them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openDraft, ourDiagnostics, rangeOf, ruleId, waitFor, waitForRule, workspaceRoot } from './helpers';

interface FolderLintSummary {
  files: number;
  linted: number;
  skipped: unknown[];
  bySeverity: { error: number; warning: number; information: number; hint: number };
  cancelled: boolean;
}

const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

export function commandTests(): void {
  describe('commands', () => {
    after(closeAllEditors);

    it('Lint Folder fills the Problems panel for drafts that are not open', async () => {
      const nightMarket = fixtureUri('未打开/夜市里的烟火气.txt');
      const factory = fixtureUri('未打开/旧厂房变身文创园.txt');
      assert.equal(isOpen(nightMarket) || isOpen(factory), false, 'the folder-lint fixtures must not be opened by other tests');
      assert.deepEqual(ourDiagnostics(nightMarket), []);
      // No arguments: what the command palette does (the client picks the only workspace folder).
      const summary = await vscode.commands.executeCommand<FolderLintSummary>('opinionLint.lintFolder');
      assert.ok(summary, 'Lint Folder returns a summary');
      assert.equal(summary.cancelled, false);
      assert.ok(summary.files >= 6, `six Chinese drafts in the workspace, summary says ${summary.files}`);
      assert.ok(summary.bySeverity.warning >= 3, JSON.stringify(summary.bySeverity));
      const night = await waitForRule(nightMarket, 'punctuation-width');
      assert.equal(night.length, 2, 'two half-width commas in the night-market draft');
      assert.equal((await waitForRule(factory, 'punctuation-width')).length, 1);
      assert.equal(isOpen(nightMarket), false, 'folder lint reads files without opening them in the editor');
    });

    it('Lint Folder takes a folder argument', async () => {
      const summary = await vscode.commands.executeCommand<FolderLintSummary>('opinionLint.lintFolder', { folder: fixtureUri('未打开').toString() });
      assert.equal(summary?.files, 2, JSON.stringify(summary));
      assert.equal(summary?.linted, 2);
    });

    it('Learn Profile writes a profile learned from a folder of articles', async () => {
      const output = vscode.Uri.joinPath(workspaceRoot(), '..', 'learned-profile.json');
      const result = await vscode.commands.executeCommand<{ output: string; articles: number; bylines: number }>('opinionLint.learnProfile', {
        folders: [fixtureUri('稿件').toString()],
        output: output.toString(),
      });
      assert.ok(result, 'Learn Profile returns what it learned');
      assert.equal(result.articles, 4, JSON.stringify(result));
      assert.equal(result.bylines, 3, 'three of the four drafts are signed');
      const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(output)));
      assert.equal(typeof written, 'object');
    });

    it('Restart Server brings diagnostics back', async () => {
      const editor = await openDraft('稿件/城市更新要算民生账.txt');
      await waitForRule(editor.document.uri, 'punctuation-width');
      await vscode.commands.executeCommand('opinionLint.restartServer');
      const target = rangeOf(editor.document, '修补管网、');
      await editor.edit((edit) => edit.replace(target, '修补管网,'));
      await waitFor('the restarted server to lint the edit', () =>
        ourDiagnostics(editor.document.uri).filter((d) => ruleId(d) === 'punctuation-width').length === 2 ? true : undefined,
      );
    });

    it('Show Output and the other palette commands run without an error', async () => {
      // executeCommand rejects when a command is not registered or its handler throws.
      await vscode.commands.executeCommand('opinionLint.showOutput');
      const editor = await openDraft('稿件/城市更新要算民生账.txt');
      await vscode.commands.executeCommand('opinionLint.useDraftLanguage');
      assert.equal(editor.document.languageId, 'opinion-draft', 'a .txt draft can be switched to the opinion-draft language');
      await waitForRule(editor.document.uri, 'punctuation-width');
    });

    it('Show Folder Report opens the report panel, and the page the server rendered runs in it', async () => {
      const result = await vscode.commands.executeCommand<{ drafts: number; renderedRows?: number; error?: string }>('opinionLint.showReport');
      assert.ok(result && !result.error, `report: ${JSON.stringify(result)}`);
      assert.ok(result.drafts > 0, `drafts in the report: ${result.drafts}`);
      // The page's script reports the rows it shows: it ran under the webview's Content-Security-Policy.
      assert.strictEqual(result.renderedRows, result.drafts);
      const tab = await waitFor('a webview tab for the report', () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview),
      );
      assert.match(tab.label, /报告/, `report tab label: ${tab.label}`);
    });
  });
}
