// Runs the in-host suite (test/e2e/suite) in a real VS Code through @vscode/test-electron's
// unchanged runTests(), twice: with the native addon (the extension from this folder), then with
// it absent (the extension as the universal .vsix installs it, on the portable segmenter). Here VS
// Code desktop cannot be downloaded, so vscodeExecutablePath is the code-server shim
// (scripts/e2e/code-shim.mjs); with OPINION_LINT_E2E_DESKTOP=1 the same call runs without it and
// test-electron downloads (or reuses) a desktop VS Code instead. See docs/testing.md.
// `node test/e2e/run-extension-tests.mjs native` (or `portable`) runs one pass.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { CODE_SERVER_BIN, PROJECT_ROOT, assertToolingInstalled, freshRunDir, isolatedEnv, writeShimExecutable } from '../../scripts/e2e/paths.mjs';

/** The notice the server prints on stderr when it falls back, which the client writes to the output channel. */
const PORTABLE_NOTICE = '改用便携分词器（WebAssembly）';

const desktop = process.env.OPINION_LINT_E2E_DESKTOP === '1';
const started = Date.now();

function fail(message) {
  console.error(`extension tests: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

for (const built of ['client/out/extension.js', 'server/out/server.js']) {
  if (!fs.existsSync(path.join(PROJECT_ROOT, built))) fail(`${built} is missing: run \`npm run build\` first`);
}
if (!desktop) {
  try {
    assertToolingInstalled();
  } catch (err) {
    fail(err.message);
  }
}

const suite = path.join(PROJECT_ROOT, 'test/e2e/out/suite.js');
await esbuild.build({
  entryPoints: [path.join(PROJECT_ROOT, 'test/e2e/suite/index.ts')],
  outfile: suite,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  // vscode is the host's API; mocha is loaded from node_modules (it requires its reporters dynamically).
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

const passes = ['native', 'portable'].filter((pass) => !process.argv[2] || process.argv[2] === pass);
if (passes.length === 0) fail(`unknown pass ${process.argv[2]}: native or portable`);
let passed = 0;
let failed = 0;
for (const pass of passes) {
  const outcome = await runPass(pass);
  passed += outcome.passed;
  failed += outcome.failed;
}
console.log(`extension tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

/**
 * One run of the suite. `native`: the extension from the project folder, with the addon npm ci built.
 * `portable`: the universal .vsix, installed by code-server as a user installs it, so no addon at all.
 */
async function runPass(pass) {
  const runDir = freshRunDir(`ext-tests-${pass}`);
  console.log(`extension tests, ${pass} segmenter:`);
  const extension = pass === 'native' ? PROJECT_ROOT : installUniversalPackage(runDir);
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(path.join(PROJECT_ROOT, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  const results = path.join(runDir, 'results.json');
  // OPINION_LINT_E2E_TRACE=1 logs every LSP message to the Opinion Lint output channel's log file
  // (user-data/logs/*/exthost1/opinion-lint.opinion-lint/) for debugging a failing run.
  if (process.env.OPINION_LINT_E2E_TRACE === '1') {
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'opinionLint.trace.server': 'verbose' }));
  }

  let exitError;
  try {
    await runTests({
      ...(desktop ? {} : { vscodeExecutablePath: writeShimExecutable() }),
      extensionDevelopmentPath: extension,
      extensionTestsPath: suite,
      launchArgs: [workspace, `--user-data-dir=${path.join(runDir, 'user-data')}`, `--extensions-dir=${path.join(runDir, 'extensions')}`, '--disable-extensions'],
      extensionTestsEnv: { OPINION_LINT_E2E_RESULTS: results, OPINION_LINT_E2E_SEGMENTER: pass },
    });
  } catch (err) {
    exitError = err;
  }

  // Judge by what the suite itself recorded: no results file means the tests never ran.
  if (!fs.existsSync(results)) {
    console.log(`FAIL ${pass}: the in-host suite wrote no results (${exitError?.message ?? 'VS Code exited 0'}); see ${runDir}/user-data/code-server.log`);
    return { passed: 0, failed: 1 };
  }
  const summary = JSON.parse(fs.readFileSync(results, 'utf8'));
  for (const f of summary.failures) console.log(`FAIL ${f.title}\n     ${f.error}`);
  let { passed, failed } = summary;
  if (passed === 0) {
    console.log(`FAIL ${pass}: the in-host suite ran no test`);
    failed++;
  }
  if (exitError && failed === 0) {
    console.log(`FAIL ${pass}: ${exitError.message}`);
    failed++;
  }
  // The output channel (its log file) says which segmenter the language server used.
  const log = outputChannelLog(runDir);
  const noticed = log.includes(PORTABLE_NOTICE);
  if (log === '' || noticed !== (pass === 'portable')) {
    console.log(`FAIL ${pass}: the Opinion Lint output channel ${log === '' ? 'was not written' : noticed ? 'says the portable segmenter ran' : 'does not say the portable segmenter ran'}`);
    failed++;
  } else {
    passed++;
    console.log(`  ✔ the output channel ${noticed ? `shows the notice: ${log.split('\n').find((l) => l.includes(PORTABLE_NOTICE)).trim()}` : 'shows no fallback notice'}`);
  }
  console.log(`${pass}: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

/** Installs the universal .vsix into a folder of its own (as `code --install-extension` does) and returns the extension's folder. */
function installUniversalPackage(runDir) {
  const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const packages = path.join(runDir, 'package');
  // The bundles as built (`npm run build`); the package test checks the package itself.
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/package.mjs'), '--universal', '--no-build', '--out', packages], { stdio: ['ignore', 'ignore', 'inherit'] });
  const extensions = path.join(runDir, 'installed');
  execFileSync(CODE_SERVER_BIN, ['--extensions-dir', extensions, '--user-data-dir', path.join(runDir, 'install-data'), '--install-extension', path.join(packages, `opinion-lint-${version}.vsix`)], {
    env: isolatedEnv(runDir),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const folder = fs.readdirSync(extensions).find((d) => d.startsWith('opinion-lint.opinion-lint-'));
  if (!folder) fail(`code-server did not install the universal .vsix into ${extensions}`);
  return path.join(extensions, folder);
}

/** The Opinion Lint output channel's log file(s) of a run, or '' when there is none. */
function outputChannelLog(runDir) {
  const logs = path.join(runDir, 'user-data/logs');
  if (!fs.existsSync(logs)) return '';
  return fs
    .readdirSync(logs, { recursive: true })
    .filter((f) => String(f).endsWith(path.join('opinion-lint.opinion-lint', 'Opinion Lint.log')))
    .map((f) => fs.readFileSync(path.join(logs, String(f)), 'utf8'))
    .join('\n');
}
