/// <reference types="mocha" />
// Diagnostics published by the language server for drafts opened in the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openDraft, ourDiagnostics, rangeOf, ruleId, waitFor, waitForRule, hasHan, EXTENSION_ID } from './helpers';

export function diagnosticsTests(): void {
  describe('diagnostics in the editor', () => {
    after(closeAllEditors);

    it('activates the extension from the development folder', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
      await extension.activate();
      assert.equal(extension.isActive, true);
      const commands = await vscode.commands.getCommands(true);
      for (const command of ['opinionLint.lintFolder', 'opinionLint.fixAll', 'opinionLint.restartServer', 'opinionLint.showOutput', 'opinionLint.learnProfile']) {
        assert.ok(commands.includes(command), `command ${command} is not registered`);
      }
    });

    it('leaves an English README alone', async () => {
      const readme = await vscode.workspace.openTextDocument(fixtureUri('README.md'));
      await vscode.window.showTextDocument(readme, { preview: false });
      // A Chinese draft opened after the README gets its diagnostics: by then the README was handled.
      const draft = await openDraft('稿件/城市更新要算民生账.txt');
      await waitForRule(draft.document.uri, 'punctuation-width');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.deepEqual(ourDiagnostics(readme.uri), []);
    });

    it('flags a half-width comma between Chinese characters with its exact range', async () => {
      const editor = await openDraft('稿件/城市更新要算民生账.txt');
      const found = await waitForRule(editor.document.uri, 'punctuation-width');
      const comma = rangeOf(editor.document, '改造,关键');
      const expected = new vscode.Range(comma.start.translate(0, 2), comma.start.translate(0, 3));
      assert.equal(found.length, 1, `one half-width mark in this draft, got ${found.map((d) => d.range.start.character).join(', ')}`);
      assert.ok(found[0].range.isEqual(expected), `range ${JSON.stringify(found[0].range)} should be ${JSON.stringify(expected)}`);
      assert.equal(found[0].severity, vscode.DiagnosticSeverity.Warning);
      assert.ok(hasHan(found[0].message) && found[0].message.includes('，'), `message should say in Chinese to use "，": ${found[0].message}`);
    });

    it('gives every diagnostic the rule id as code and a link to the rule docs', async () => {
      const editor = await openDraft('稿件/社区食堂的一碗热饭.txt');
      await waitForRule(editor.document.uri, 'punctuation-width');
      const diagnostics = ourDiagnostics(editor.document.uri);
      // , . , , and , in the second paragraph: five half-width marks between Chinese characters.
      assert.equal(diagnostics.filter((d) => ruleId(d) === 'punctuation-width').length, 5);
      for (const d of diagnostics) {
        assert.match(ruleId(d) ?? '', /^[a-z]+(-[a-z]+)+$/, `code should be a rule id: ${JSON.stringify(d.code)}`);
        assert.equal(typeof d.code, 'object', 'code carries a codeDescription link');
        const target = (d.code as { target: vscode.Uri }).target;
        assert.ok(target.toString().includes(ruleId(d)!), `docs link ${target} should name ${ruleId(d)}`);
      }
    });

    it('reports a missing byline on the headline', async () => {
      const editor = await openDraft('稿件/缺少署名的稿件.txt');
      const [missing] = await waitForRule(editor.document.uri, 'byline-missing');
      assert.equal(missing.range.start.line, 0, 'the finding sits on the headline');
      assert.match(missing.message, /署名/);
    });

    it('flags a slogan the draft repeats and links its other occurrences', async () => {
      const editor = await openDraft('稿件/把实事办到群众心坎上.txt');
      const slogans = await waitFor('a slogan-* diagnostic', () => {
        const found = ourDiagnostics(editor.document.uri).filter((d) => ruleId(d)?.startsWith('slogan-'));
        return found.length ? found : undefined;
      });
      const repeat = slogans.filter((d) => ruleId(d) === 'slogan-repeat');
      assert.ok(repeat.length > 0, `slogan-repeat should fire; got ${slogans.map(ruleId).join(', ')}`);
      const flagged = repeat.map((d) => editor.document.getText(d.range));
      // Both at most twice in an article of the archive (that was not about them): a fourth use is one too many.
      assert.deepEqual(flagged.sort(), ['最后一公里', '补短板'], `flagged spans: ${flagged.join(' | ')}`);
      const cliche = slogans.filter((d) => ruleId(d) === 'slogan-cliche').map((d) => editor.document.getText(d.range));
      assert.ok(cliche.includes('高质量发展'), `高质量发展 is a cliché in the archive; flagged: ${cliche.join(' | ')}`);
      const related = repeat.flatMap((d) => d.relatedInformation ?? []);
      assert.ok(related.length > 0, 'repeated slogans link their other occurrences');
      assert.ok(related.every((r) => r.location.uri.toString() === editor.document.uri.toString()));
    });

    it('re-lints after an edit and drops the fixed finding', async () => {
      const editor = await openDraft('稿件/城市更新要算民生账.txt');
      await waitForRule(editor.document.uri, 'punctuation-width');
      const added = rangeOf(editor.document, '加装电梯、');
      await editor.edit((edit) => edit.replace(added, '加装电梯,'));
      await waitFor('two punctuation-width findings after typing a half-width comma', () =>
        ourDiagnostics(editor.document.uri).filter((d) => ruleId(d) === 'punctuation-width').length === 2 ? true : undefined,
      );
      await vscode.commands.executeCommand('undo');
      await waitFor('one punctuation-width finding after undo', () =>
        ourDiagnostics(editor.document.uri).filter((d) => ruleId(d) === 'punctuation-width').length === 1 ? true : undefined,
      );
    });

  });
}
