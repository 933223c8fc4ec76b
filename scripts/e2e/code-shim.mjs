// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// VS Code desktop cannot be downloaded on our machines, so this accepts the desktop CLI arguments
// runTests passes, runs the extension tests in code-server's (real VS Code's) Node extension host,
// drives the workbench with headless Chromium and exits with the tests' exit code.
// runTests spawns its executable without a shell, so scripts/e2e/paths.mjs writes a small
// executable wrapper (`.cache/e2e/bin/code`) that runs this file with an absolute node path.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CODE_SERVER_BIN, NODE24_BIN, E2E_CACHE, isolatedEnv } from './paths.mjs';

const args = process.argv.slice(2);
const valuesOf = (name) => args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
const devPaths = valuesOf('extensionDevelopmentPath');
const testsPath = valuesOf('extensionTestsPath')[0];
const folder = args.find((a) => !a.startsWith('-'));
const userDataDir = path.resolve(valuesOf('user-data-dir')[0] ?? fs.mkdtempSync(path.join(E2E_CACHE, 'run-shim-')));
const extensionsDir = path.resolve(valuesOf('extensions-dir')[0] ?? path.join(userDataDir, 'extensions'));
const timeoutMs = Number(process.env.CODE_SHIM_TIMEOUT_MS ?? 240_000);
// runTests() always asks for --disable-workspace-trust. OPINION_LINT_E2E_WORKSPACE_TRUST=restricted
// (the extension tests' restricted pass) keeps workspace trust on and opens the folder untrusted,
// in Restricted Mode, without the startup prompt: a desktop VS Code cannot be asked for that.
const restricted = process.env.OPINION_LINT_E2E_WORKSPACE_TRUST === 'restricted';
const started = Date.now();
const lap = (what) => console.error(`code-shim: ${what} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

if (!fs.existsSync(CODE_SERVER_BIN)) {
  console.error(`code-shim: code-server is not installed at ${CODE_SERVER_BIN}; run scripts/test-setup.sh`);
  process.exit(2);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
const configFile = path.join(userDataDir, 'code-server.yaml');
fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
const settingsFile = path.join(userDataDir, 'User', 'settings.json');
if (!fs.existsSync(settingsFile)) {
  fs.writeFileSync(
    settingsFile,
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'chat.disableAIFeatures': true,
      // Test workspaces live inside the project's git repository: keep the Git extension out of it.
      'git.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      ...(restricted
        ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open', 'security.workspace.trust.emptyWindow': false }
        : {}),
    }),
  );
}

// Own process group (detached) so the extension host and the language server die with it.
const server = spawn(
  CODE_SERVER_BIN,
  [
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(restricted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    // Without the smoke-test driver a built VS Code ignores the test payload and nothing runs.
    '--vscode-option', 'enable-smoke-test-driver',
  ],
  { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: isolatedEnv(userDataDir, process.env) },
);
const serverLog = path.join(userDataDir, 'code-server.log');
const logStream = fs.createWriteStream(serverLog);
server.stdout.pipe(logStream);
server.stderr.pipe(logStream);
let serverExited = false;
server.on('exit', () => {
  serverExited = true;
});
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopServer);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const fail = (message) => {
  console.error(`code-shim: ${message} (code-server log: ${serverLog})`);
  process.exit(1);
};

for (let attempt = 0; ; attempt++) {
  if (serverExited) fail('code-server exited during startup');
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (attempt > 240) fail('code-server did not answer /healthz within 60 s');
  await new Promise((r) => setTimeout(r, 250));
}

lap(`code-server listening on ${base}`);
const remote = (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
const payload = devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]);
if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
const target = folder ? `folder=${encodeURIComponent(path.resolve(folder))}` : 'ew=true';
const url = `${base}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const page = await browser.newPage();
// The extension host's console is forwarded to the workbench console: print the test output and
// keep the workbench's own chatter (no network, no accounts, startup logs) in a log file only.
const noise = [
  /open-vsx|GalleryExtensions|extensionquery|marketplace|Content Security|Failed to load resource/i,
  /^(Resolving|Resolved) connection token|^Creating a socket|^\[reconnection-grace-time\]|^\[Service Worker\]/,
  /^The web worker extension host|^Updating additional builtin|^An iframe which has both|^\[AgentHost|^\[AccountPolicyGate\]/,
  /authentication provider|^\s+at |^Creation of workbench contribution/,
];
const consoleLog = fs.createWriteStream(path.join(userDataDir, 'workbench-console.log'));
page.on('console', (message) => {
  const text = message.text().replace(/^%c\s*(INFO|WARN|ERR)?\s*color: #[0-9a-f]+ ?/i, '');
  consoleLog.write(`[${message.type()}] ${text}\n`);
  if (message.type() !== 'debug' && !noise.some((pattern) => pattern.test(text))) process.stdout.write(text + '\n');
});
page.on('crash', () => fail('the workbench page crashed'));

const exitCode = await new Promise((resolve) => {
  const timer = setTimeout(() => {
    console.error(`code-shim: extension tests did not finish within ${timeoutMs / 1000} s`);
    resolve(124);
  }, timeoutMs);
  server.on('exit', (code) => {
    clearTimeout(timer);
    console.error(`code-shim: code-server exited (${code}) before the tests reported`);
    resolve(1);
  });
  // VS Code's smoke-test driver reports the extension tests' result through this function.
  page
    .exposeFunction('codeAutomationExit', (code) => {
      clearTimeout(timer);
      resolve(Number(code));
    })
    .then(() => page.goto(url))
    .catch((err) => {
      clearTimeout(timer);
      console.error(`code-shim: could not open the workbench: ${err.message}`);
      resolve(1);
    });
});
lap(`tests exited with code ${exitCode}`);
await browser.close().catch(() => {});
stopServer();
process.exit(exitCode);
