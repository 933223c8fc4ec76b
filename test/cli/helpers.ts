// Running the CLI in tests: in-process (runCli from sources, linting in this thread) for most
// cases, and the built `bin/opinion-lint.js` for what only a real process shows (exit codes,
// worker threads, Ctrl-C). The build is refreshed when a source file is newer than it.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../server/src/cli/app';
import type { CliIO } from '../../server/src/cli/lint-command';
import { PROJECT_ROOT } from '../helpers/corpus';

export const BIN = path.join(PROJECT_ROOT, 'bin/opinion-lint.js');
const BUNDLE = path.join(PROJECT_ROOT, 'server/out/cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Collector extends Writable {
  text = '';
  isTTY = false;
  _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in this process (sources, no worker threads): `argv` starts with the command. */
export async function runInProcess(argv: string[], cwd: string, buildId = 'test-build'): Promise<CliRun> {
  const stdout = new Collector();
  const stderr = new Collector();
  const io: CliIO = { cwd, stdout, stderr, cancelled: () => false, onCancel: () => {}, toolVersion: 'test', buildId };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let built = false;

/** Rebuilds server/out when any source under server/src is newer than the bundle. */
export function ensureBuilt(): void {
  if (built) return;
  const bundleTime = existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0;
  if (newestSource(path.join(PROJECT_ROOT, 'server/src')) > bundleTime) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
  }
  built = true;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs the built CLI as a separate process. */
export function runBin(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  ensureBuilt();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function spawnBin(args: string[], cwd: string) {
  ensureBuilt();
  return spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
}

export function tempDir(label: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `opinion-lint-${label}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The drafts the tests write: realistic Chinese opinion text written for these tests. */
export const DRAFTS = {
  /** House form, nothing to report. */
  clean: '一条河的变化\n●林晓岚\n\n清晨沿着白鹭河走一走，能看到晨练的市民和垂钓的老人。\n\n治河没有捷径，唯有一任接着一任干，才能让绿水长流。\n',
  /** Two half-width commas between Chinese characters (fixable warnings). */
  commas: '老街改造要留住烟火气\n●李明\n\n改造之初,有人主张推倒重建,也有人担心老街变了味道。\n\n留住烟火气，才能留住老街的魂。\n',
  /** An unbalanced quotation mark (an error with no fix). */
  unbalanced: '夜市要亮灯更要暖心\n●陈思远\n\n有人说“夜市就是烟火气，这话没错。\n\n管理精细，夜市才能长久。\n',
};
