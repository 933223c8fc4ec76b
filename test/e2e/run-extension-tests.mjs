// Runs the in-host suite (test/e2e/suite) in a real VS Code through @vscode/test-electron's
// unchanged runTests(), in three passes: with the native addon (the extension from this folder),
// with it absent (the extension as the universal .vsix installs it, on the portable segmenter), and
// in Restricted Mode (an untrusted workspace, the platform .vsix installed as a user installs it).
// Here VS Code desktop cannot be downloaded, so vscodeExecutablePath is the code-server shim
// (scripts/e2e/code-shim.mjs); with OPINION_LINT_E2E_DESKTOP=1 the same call runs without it and
// test-electron downloads (or reuses) a desktop VS Code instead (no restricted pass then: runTests
// always passes --disable-workspace-trust). See docs/testing.md.
// `node test/e2e/run-extension-tests.mjs native` (or `portable`, `restricted`) runs one pass.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { CODE_SERVER_BIN, PROJECT_ROOT, assertToolingInstalled, freshRunDir, isolatedEnv, writeShimExecutable } from '../../scripts/e2e/paths.mjs';

/** The notice the server prints on stderr when it falls back, which the client writes to the output channel. */
const PORTABLE_NOTICE = '改用便携分词器（WebAssembly）';
/** What the client writes to the output channel when it starts in Restricted Mode, and the server when it ignores a profile path. */
const RESTRICTED_NOTICES = ['受限模式：此工作区未受信任。Opinion Lint 照常检查稿件', '受限模式：此工作区未受信任，Opinion Lint 只用内置文风档案检查'];

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

const passes = ['native', 'portable', 'restricted'].filter((pass) => !process.argv[2] || process.argv[2] === pass);
if (passes.length === 0) fail(`unknown pass ${process.argv[2]}: native, portable or restricted`);
if (desktop && passes.includes('restricted')) {
  // runTests() passes --disable-workspace-trust to a desktop VS Code: Restricted Mode cannot be reached.
  if (process.argv[2] === 'restricted') fail('the restricted pass needs the code-server shim (runTests disables workspace trust in a desktop VS Code)');
  passes.splice(passes.indexOf('restricted'), 1);
  console.log('extension tests: no restricted pass against a desktop VS Code (runTests disables workspace trust there)');
}
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
 * `restricted`: the platform .vsix installed into the profile's extensions (not an extension under
 * development, which VS Code never disables), in an untrusted workspace, so that Restricted Mode and
 * the package's `capabilities` apply; the suite runs from a stub extension under development.
 */
async function runPass(pass) {
  const runDir = freshRunDir(`ext-tests-${pass}`);
  console.log(`extension tests, ${pass === 'restricted' ? 'Restricted Mode (native' : pass} segmenter${pass === 'restricted' ? ')' : ''}:`);
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(path.join(PROJECT_ROOT, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  const extensionsDir = path.join(runDir, 'extensions');
  let extension;
  if (pass === 'native') extension = PROJECT_ROOT;
  else if (pass === 'portable') extension = installPackage(runDir, 'universal', path.join(runDir, 'installed'));
  else {
    installPackage(runDir, 'native', extensionsDir);
    extension = writeSuiteHost(runDir);
    untrustedWorkspace(runDir, workspace);
  }
  const results = path.join(runDir, 'results.json');
  // OPINION_LINT_E2E_TRACE=1 logs every LSP message to the Opinion Lint output channel's log file
  // (user-data/logs/*/exthost1/opinion-lint.opinion-lint/) for debugging a failing run.
  if (process.env.OPINION_LINT_E2E_TRACE === '1') {
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    const settingsFile = path.join(workspace, '.vscode/settings.json');
    const settings = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'opinionLint.trace.server': 'verbose' }));
  }

  let exitError;
  try {
    await runTests({
      ...(desktop ? {} : { vscodeExecutablePath: writeShimExecutable() }),
      extensionDevelopmentPath: extension,
      extensionTestsPath: suite,
      // The restricted pass loads the installed extension, so extensions stay enabled there.
      launchArgs: [workspace, `--user-data-dir=${path.join(runDir, 'user-data')}`, `--extensions-dir=${extensionsDir}`, ...(pass === 'restricted' ? [] : ['--disable-extensions'])],
      extensionTestsEnv: {
        OPINION_LINT_E2E_RESULTS: results,
        OPINION_LINT_E2E_SEGMENTER: pass === 'portable' ? 'portable' : 'native',
        OPINION_LINT_E2E_PASS: pass,
        // Read by the code-server shim: open the workspace with workspace trust on, untrusted.
        ...(pass === 'restricted' ? { OPINION_LINT_E2E_WORKSPACE_TRUST: 'restricted' } : {}),
      },
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
  // Restricted Mode is said once by the client, and once by the server when it ignores a profile path.
  const said = RESTRICTED_NOTICES.map((notice) => log.split(notice).length - 1);
  const expected = pass === 'restricted' ? [1, 1] : [0, 0];
  if (said.join() !== expected.join()) {
    console.log(`FAIL ${pass}: the output channel says Restricted Mode ${said.join(' and ')} times, expected ${expected.join(' and ')}`);
    failed++;
  } else if (pass === 'restricted') {
    passed++;
    console.log('  ✔ the output channel says Restricted Mode once, and once that the house profile was ignored');
  }
  console.log(`${pass}: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

/**
 * The restricted pass's workspace: the fixtures plus what Restricted Mode must ignore or refuse —
 * a `.opinionlintrc.json` and a workspace setting naming a house profile that expects no byline,
 * `opinionLint.followSymlinks` on, and a link to a draft outside the workspace.
 */
function untrustedWorkspace(runDir, workspace) {
  const profile = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8'));
  profile.name = 'house';
  profile.house.byline.expected = false;
  profile.house.byline.position = 'none';
  fs.writeFileSync(path.join(workspace, 'house.json'), JSON.stringify(profile));
  fs.writeFileSync(path.join(workspace, '.opinionlintrc.json'), JSON.stringify({ profile: './house.json' }));
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'opinionLint.profile': './house.json', 'opinionLint.followSymlinks': true }));
  const outside = path.join(runDir, 'outside');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, '机密.txt'), '外部机密稿件\n●许宁\n\n这份稿件在工作区之外,只有本机用户能读。\n');
  fs.symlinkSync(path.join(outside, '机密.txt'), path.join(workspace, '稿件/外部链接.txt'));
}

/** A stub extension under development that only hosts the suite (extensionTestsPath needs one). */
function writeSuiteHost(runDir) {
  const host = path.join(runDir, 'suite-host');
  fs.mkdirSync(host);
  fs.writeFileSync(path.join(host, 'package.json'), JSON.stringify({ name: 'opinion-lint-e2e-host', publisher: 'opinion-lint', version: '0.0.0', engines: { vscode: '^1.91.0' } }));
  return host;
}

/**
 * Packages the universal or this platform's .vsix (from the bundles as built: `npm run build`; the
 * package test checks the package itself) and installs it into `extensions` as
 * `code --install-extension` does. Returns the installed extension's folder.
 */
function installPackage(runDir, kind, extensions) {
  const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const packages = path.join(runDir, 'package');
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/package.mjs'), `--${kind}`, '--no-build', '--out', packages], { stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = fs.readdirSync(packages).find((f) => f.endsWith('.vsix') && (kind === 'universal' ? f === `opinion-lint-${version}.vsix` : f !== `opinion-lint-${version}.vsix`));
  if (!vsix) fail(`scripts/package.mjs --${kind} wrote no .vsix into ${packages}`);
  execFileSync(CODE_SERVER_BIN, ['--extensions-dir', extensions, '--user-data-dir', path.join(runDir, 'install-data'), '--install-extension', path.join(packages, vsix)], {
    env: isolatedEnv(runDir),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const folder = fs.readdirSync(extensions).find((d) => d.startsWith('opinion-lint.opinion-lint-'));
  if (!folder) fail(`code-server did not install ${vsix} into ${extensions}`);
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
