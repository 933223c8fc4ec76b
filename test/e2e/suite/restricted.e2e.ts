/// <reference types="mocha" />
// Restricted Mode (the restricted pass): the workspace is untrusted, and the extension is installed
// from its .vsix, not loaded as an extension under development (which VS Code never disables), so
// its `capabilities.untrustedWorkspaces` decides whether it runs at all. The workspace carries a
// `.opinionlintrc.json` and a workspace setting that name a house profile expecting no byline, and a
// link to a draft outside the workspace: Restricted Mode must ignore the first two and not follow the link.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, fixtureUri, openDraft, ourDiagnostics, ruleId, waitFor, waitForRule, workspaceRoot } from './helpers';

interface FolderLintSummary {
  files: number;
  skipped: { file: string; reason: string }[];
}

export function restrictedTests(): void {
  describe('Restricted Mode', () => {
    after(closeAllEditors);

    it('is on: the workspace is not trusted (else every test below proves nothing)', () => {
      assert.equal(vscode.workspace.isTrusted, false, 'the restricted pass must open the workspace in Restricted Mode');
    });

    it('leaves the installed extension enabled, as its limited support declares', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is disabled in Restricted Mode (or not installed)`);
      const declared = (extension.packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } }).capabilities?.untrustedWorkspaces?.supported;
      assert.equal(declared, 'limited');
      assert.ok(!extension.extensionPath.startsWith(workspaceRoot().fsPath), 'the extension is installed outside the workspace');
      await openDraft('稿件/城市更新要算民生账.txt');
      await waitFor('the extension to activate', () => (extension.isActive ? true : undefined));
    });

    it('lints drafts with the built-in profile: the workspace config and setting naming a house profile are ignored', async () => {
      const settings = JSON.parse(readFileSync(fixtureUri('.vscode/settings.json').fsPath, 'utf8'));
      assert.equal(settings['opinionLint.profile'], './house.json', 'the fixture sets a workspace profile path');
      // VS Code itself ignores the workspace value of a restricted configuration.
      assert.equal(vscode.workspace.getConfiguration('opinionLint').get('profile'), '');
      const editor = await openDraft('稿件/缺少署名的稿件.txt');
      // The house profile expects no byline; the built-in one does.
      const missing = await waitForRule(editor.document.uri, 'byline-missing');
      assert.equal(missing.length, 1);
      const city = await openDraft('稿件/城市更新要算民生账.txt');
      assert.equal((await waitForRule(city.document.uri, 'punctuation-width')).length, 1);
    });

    it('Learn Profile does not run', async () => {
      const output = vscode.Uri.joinPath(workspaceRoot(), '..', 'restricted-profile.json');
      const result = await vscode.commands.executeCommand('opinionLint.learnProfile', { folders: [fixtureUri('稿件').toString()], output: output.toString() });
      assert.equal(result, undefined);
      assert.equal(existsSync(output.fsPath), false, 'no profile was written');
    });

    it('Lint Folder lints the drafts and lists the link out of the workspace as skipped, despite the workspace setting', async () => {
      const linkUri = fixtureUri('稿件/外部链接.txt');
      const summary = await vscode.commands.executeCommand<FolderLintSummary>('opinionLint.lintFolder');
      assert.ok(summary, 'Lint Folder returns a summary');
      assert.ok(summary.files >= 6, JSON.stringify(summary));
      const link = summary.skipped.find((s) => s.file.endsWith('外部链接.txt'));
      assert.ok(link, `the link is listed as skipped: ${JSON.stringify(summary.skipped)}`);
      assert.match(link.reason, /指向所检查文件夹之外的符号链接/);
      await waitForRule(fixtureUri('未打开/夜市里的烟火气.txt'), 'punctuation-width');
      assert.deepEqual(ourDiagnostics(linkUri).map(ruleId), []);
    });
  });
}
