// `npm ci` on a machine without a C++ toolchain: a clean clone of this commit, installed with every
// compiler and `make` hidden from PATH, must install (without the native addon), build, and lint
// the example drafts on the portable segmenter with the same output as the native one here.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpus';

/** What node-gyp needs to compile and this machine has: left out of the PATH the install sees. */
const TOOLCHAIN = /^(cc|c\+\+|c89|c99|cpp|gcc|g\+\+|clang|clang\+\+|make|gmake|ld|em\+\+|emcc)([-.].*)?$|^x86_64-linux-gnu-|-(gcc|g\+\+|cc|c\+\+)(-\d+)?$/;

let work: string;
let bin: string;
let clone: string;

/** A folder of links to every command on PATH but the toolchain's. */
function pathWithoutToolchain(): string {
  const dir = path.join(work, 'bin');
  mkdirSync(dir);
  const seen = new Set<string>();
  for (const entry of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!entry || !existsSync(entry) || !statSync(entry).isDirectory()) continue;
    for (const name of readdirSync(entry)) {
      if (seen.has(name) || TOOLCHAIN.test(name)) continue;
      seen.add(name);
      symlinkSync(path.join(entry, name), path.join(dir, name));
    }
  }
  return dir;
}

/** The environment of a fresh shell: no settings from the `npm test` that runs this file. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: bin };
  for (const name of Object.keys(env)) if (/^(npm_|OPINION_LINT_|VITEST)/i.test(name)) delete env[name];
  return env;
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { cwd: clone, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr), error: result.error };
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-no-toolchain-'));
  bin = pathWithoutToolchain();
  clone = path.join(work, 'clone');
  const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', PROJECT_ROOT, clone], { encoding: 'utf8' });
  if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm ci without a C++ toolchain', () => {
  it('has no compiler or make on the PATH it installs with', () => {
    for (const tool of ['cc', 'c++', 'g++', 'gcc', 'clang++', 'make']) {
      expect(run('sh', ['-c', `command -v ${tool} || echo none`]).stdout.trim(), tool).toBe('none');
    }
    expect(run('node', ['--version']).stdout).toMatch(/^v\d+/);
  });

  it('installs, builds and lints the example drafts on the portable segmenter, as the native one does', () => {
    const install = run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline']);
    expect(install.status, install.stderr.slice(-3000)).toBe(0);
    expect(install.stdout + install.stderr).toContain('no native segmenter was built');
    expect(existsSync(path.join(clone, 'node_modules/nodejieba/lib/packed_tagger.h')), 'the patch was applied').toBe(true);
    expect(existsSync(path.join(clone, 'node_modules/nodejieba/build/Release/nodejieba.node'))).toBe(false);

    const build = run('npm', ['run', 'build']);
    expect(build.status, build.stderr).toBe(0);

    const here = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/opinion-lint.js'), 'lint', 'examples'], {
      cwd: PROJECT_ROOT,
      env: { ...cleanEnv(), PATH: process.env.PATH },
      encoding: 'utf8',
    });
    const there = run('node', ['bin/opinion-lint.js', 'lint', 'examples']);
    expect(there.stderr).toMatch(/^Opinion Lint：本机的 nodejieba 原生分词模块不可用（nodejieba native binding was not found at .*），改用便携分词器（WebAssembly）/);
    expect(here.stderr).toBe('');
    // The example drafts have errors on purpose: exit code 1, and the same findings.
    expect([there.status, here.status]).toEqual([1, 1]);
    expect(there.stdout).toBe(here.stdout);
    expect(there.stdout).toContain('byline-missing');
  }, 600_000);
});
