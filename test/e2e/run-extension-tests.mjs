// Runs the in-host suite (test/e2e/suite) in a real VS Code through @vscode/test-electron's
// unchanged runTests(). Here VS Code desktop cannot be downloaded, so vscodeExecutablePath is the
// code-server shim (scripts/e2e/code-shim.mjs); with OPINION_LINT_E2E_DESKTOP=1 the same call runs
// without it and test-electron downloads (or reuses) a desktop VS Code instead. See docs/testing.md.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { PROJECT_ROOT, assertToolingInstalled, freshRunDir, writeShimExecutable } from '../../scripts/e2e/paths.mjs';

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

const runDir = freshRunDir('ext-tests');
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
    extensionDevelopmentPath: PROJECT_ROOT,
    extensionTestsPath: suite,
    launchArgs: [workspace, `--user-data-dir=${path.join(runDir, 'user-data')}`, `--extensions-dir=${path.join(runDir, 'extensions')}`, '--disable-extensions'],
    extensionTestsEnv: { OPINION_LINT_E2E_RESULTS: results },
  });
} catch (err) {
  exitError = err;
}

// Judge by what the suite itself recorded: no results file means the tests never ran.
if (!fs.existsSync(results)) fail(`the in-host suite wrote no results (${exitError?.message ?? 'VS Code exited 0'}); see ${runDir}/user-data/code-server.log`);
const summary = JSON.parse(fs.readFileSync(results, 'utf8'));
for (const f of summary.failures) console.log(`FAIL ${f.title}\n     ${f.error}`);
console.log(`extension tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (summary.total === 0) fail('the in-host suite ran no test');
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(summary.failed === 0 && summary.passed > 0 && !exitError ? 0 : 1);
