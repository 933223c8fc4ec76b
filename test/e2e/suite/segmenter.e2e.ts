/// <reference types="mocha" />
// Which segmenter this pass runs: the runner starts the suite once with the native addon and once
// from the universal .vsix, which has none (the server then falls back to the portable build).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

export function segmenterTests(): void {
  describe('the segmenter', () => {
    it('is the one this pass is for: the native addon is there, or absent', () => {
      const expected = process.env.OPINION_LINT_E2E_SEGMENTER;
      assert.ok(expected === 'native' || expected === 'portable', `OPINION_LINT_E2E_SEGMENTER is ${expected}`);
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
      const addon = path.join(extension.extensionPath, 'node_modules/nodejieba/build/Release/nodejieba.node');
      assert.equal(existsSync(addon), expected === 'native', `${addon} ${existsSync(addon) ? 'exists' : 'is missing'}`);
      assert.ok(existsSync(path.join(extension.extensionPath, 'server/wasm/jieba.wasm')), 'the portable segmenter is missing');
    });
  });
}
