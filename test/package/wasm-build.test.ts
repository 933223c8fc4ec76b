// The committed portable segmenter (server/wasm/jieba.{js,wasm}) is what its sources build: the
// binding, the patched cppjieba in node_modules/nodejieba, and Debian's emscripten (installed by
// `npm test`'s setup). A change to patches/ or the binding without a rebuild fails here.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpus';

describe('server/wasm', () => {
  it('matches a fresh build from the sources, byte for byte', () => {
    const check = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build-wasm.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('match the sources (emscripten 3.1.6)');
  }, 300_000);
});
