/// <reference types="mocha" />
// Hovers: what is wrong, why, and the corpus evidence, in Chinese, with the rule id.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, hoverText, openDraft, rangeOf, ruleId, waitFor, waitForRule, ourDiagnostics } from './helpers';

export function hoverTests(): void {
  describe('hovers', () => {
    after(closeAllEditors);

    it('explains a punctuation finding in Chinese and names the rule', async () => {
      const editor = await openDraft('稿件/城市更新要算民生账.txt');
      const [finding] = await waitForRule(editor.document.uri, 'punctuation-width');
      const text = await hoverText(editor.document.uri, finding.range.start);
      assert.match(text, /punctuation-width/);
      assert.match(text, /半角/);
      assert.match(text, /全角/);
    });

    it('shows the corpus evidence for a repeated slogan', async () => {
      const editor = await openDraft('稿件/把实事办到群众心坎上.txt');
      const [repeat] = await waitFor('the slogan-repeat finding on 补短板', () => {
        const found = ourDiagnostics(editor.document.uri).filter((d) => ruleId(d) === 'slogan-repeat' && editor.document.getText(d.range) === '补短板');
        return found.length ? found : undefined;
      });
      const text = await hoverText(editor.document.uri, repeat.range.start);
      assert.match(text, /slogan-repeat/);
      // How often the archive used it, in how many articles, and example headlines.
      assert.match(text, /语料/);
      assert.match(text, /出现 \d+ 次/);
      assert.match(text, /\d+ 篇文章/);
      assert.match(text, /《[^》]+》/, `hover should cite example article headlines:\n${text}`);
      // Why the archive counts it as formulaic, in plain Chinese: spread over months and subjects.
      assert.match(text, /为何算套话/);
      assert.match(text, /跨 \d+ 个月/);
      assert.match(text, /\d+ 个不同主题/);
    });

    it('describes a figure and its attribution even when nothing is wrong with it', async () => {
      const editor = await openDraft('稿件/城市更新要算民生账.txt');
      await waitForRule(editor.document.uri, 'punctuation-width');
      const figure = rangeOf(editor.document, '120个');
      const text = await hoverText(editor.document.uri, figure.start.translate(0, 1));
      assert.match(text, /120/);
      assert.match(text, /个/);
      assert.match(text, /出处/);
      assert.match(text, /出处：找到/, `the attribution "据市住建局介绍" should be found:\n${text}`);
    });

    it('shows the learned house byline form on a byline', async () => {
      const editor = await openDraft('稿件/城市更新要算民生账.txt');
      await waitForRule(editor.document.uri, 'punctuation-width');
      const byline = rangeOf(editor.document, '林晓舟');
      const text = await hoverText(editor.document.uri, byline.start);
      assert.match(text, /署名/);
      assert.match(text, /林晓舟/);
    });
  });
}
