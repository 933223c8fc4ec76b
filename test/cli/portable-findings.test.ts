// With nodejieba's native binary removed, the CLI falls back to the portable segmenter, says so once
// on stderr, and prints the same findings, byte for byte, as with the native addon.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, hasCorpus, PROJECT_ROOT } from '../helpers/corpus';
import { stageCliWithoutNative } from '../helpers/without-native';

const NOTICE = /改用便携分词器（WebAssembly）/;
let stage: string;

beforeAll(() => {
  if (!existsSync(path.join(PROJECT_ROOT, 'server/out/cli.js'))) throw new Error('server/out/cli.js is missing: run `npm run build` first.');
  stage = stageCliWithoutNative();
});
afterAll(() => rmSync(stage, { recursive: true, force: true }));

function lint(cliRoot: string, cwd: string, args: string[], segmenter?: string) {
  const env = { ...process.env };
  delete env.OPINION_LINT_SEGMENTER;
  if (segmenter) env.OPINION_LINT_SEGMENTER = segmenter;
  const run = spawnSync(process.execPath, [path.join(cliRoot, 'bin/opinion-lint.js'), 'lint', ...args, '--format', 'json', '--no-cache'], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectSameFindings(cwd: string, args: string[]): unknown[] {
  const native = lint(PROJECT_ROOT, cwd, args);
  const portable = lint(stage, cwd, args);
  expect(native.stderr).not.toMatch(NOTICE);
  // One notice, from the main thread, although every lint worker loads its own copy.
  expect(portable.stderr.split('\n').filter((line) => NOTICE.test(line))).toHaveLength(1);
  expect(portable.stderr).toContain('nodejieba native binding was not found');
  expect(portable.status).toBe(native.status);
  expect(portable.stdout === native.stdout, 'the JSON output differs between the native and the portable segmenter').toBe(true);
  return JSON.parse(native.stdout);
}

describe('the CLI without the native addon', () => {
  it('lints the example drafts with the same findings', () => {
    const files = expectSameFindings(PROJECT_ROOT, ['examples']) as { diagnostics: unknown[] }[];
    expect(files.reduce((n, f) => n + f.diagnostics.length, 0)).toBeGreaterThan(5);
  });

  it('does not fall back when OPINION_LINT_SEGMENTER=native asks for the addon: it says why the addon is missing', () => {
    const forced = lint(stage, PROJECT_ROOT, ['examples'], 'native');
    expect(forced.stderr).not.toMatch(NOTICE);
    expect(forced.stderr).toContain('OPINION_LINT_SEGMENTER=native，但原生分词模块不可用：nodejieba native binding was not found');
  });

  it.runIf(hasCorpus)('lints 848 published articles with byte-identical findings', () => {
    const files = expectSameFindings(CORPUS_DIR, ['people-daily']) as { diagnostics: unknown[] }[];
    expect(files.length).toBeGreaterThan(800);
    expect(files.reduce((n, f) => n + f.diagnostics.length, 0)).toBeGreaterThan(1000);
  }, 300_000);
});
