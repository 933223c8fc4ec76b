// The UI test, as a person would use the extension: package the .vsix files, install one into
// code-server, open a Chinese draft in headless Chromium, see the squiggles, the status bar count,
// the Problems panel entries and a hover with corpus evidence, run Lint Folder from the command
// palette. Twice: the native pass installs this platform's .vsix (with the native addon), the
// portable pass the universal .vsix (none: the portable segmenter, whose notice the Output panel shows).
// Screenshots go to test-results/e2e/ui-<pass>-*.png (git-ignored). Prints "N passed, M failed";
// exits 1 on failure. `node test/e2e/ui.mjs portable` (or `native`) runs one pass.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  CODE_SERVER_BIN,
  PROJECT_ROOT,
  RESULTS_DIR,
  assertToolingInstalled,
  freshRunDir,
  isolatedEnv,
} from '../../scripts/e2e/paths.mjs';

const SLOGAN_DRAFT = '把实事办到群众心坎上.txt';
const PUNCTUATION_DRAFT = '社区食堂的一碗热饭.txt';
const started = Date.now();
const lap = (what) => console.log(`[ui ${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);

let passed = 0;
let failed = 0;
function check(ok, what) {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
  if (ok) passed++;
  else failed++;
  return ok;
}
function finish() {
  console.log(`ui test took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(PROJECT_ROOT, RESULTS_DIR)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
function abort(message) {
  console.error(`ui test: ${message}`);
  failed++;
  finish();
}
/** Fails the pass that is running (the next pass still runs). */
class PassFailure extends Error {}
function failPass(message) {
  check(false, message);
  throw new PassFailure(message);
}

try {
  assertToolingInstalled();
} catch (err) {
  abort(err.message);
}
fs.mkdirSync(RESULTS_DIR, { recursive: true });
for (const old of fs.readdirSync(RESULTS_DIR).filter((f) => f.startsWith('ui-'))) fs.rmSync(path.join(RESULTS_DIR, old));
const passes = ['native', 'portable'].filter((pass) => !process.argv[2] || process.argv[2] === pass);
if (passes.length === 0) abort(`unknown pass ${process.argv[2]}: native or portable`);

// 1. Package the extension exactly as it ships: the universal .vsix and this platform's.
const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
const packages = {
  portable: path.join(PROJECT_ROOT, `opinion-lint-${version}.vsix`),
  native: path.join(PROJECT_ROOT, `opinion-lint-${process.platform}-${process.arch}-${version}.vsix`),
};
for (const vsix of Object.values(packages)) fs.rmSync(vsix, { force: true });
try {
  execFileSync('npm', ['run', 'package'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  abort('`npm run package` failed');
}
for (const pass of passes) check(fs.existsSync(packages[pass]), `npm run package wrote ${path.basename(packages[pass])}`);
lap('packaged');

for (const pass of passes) {
  if (!fs.existsSync(packages[pass])) continue;
  console.log(`UI test, ${pass} segmenter (${path.basename(packages[pass])}):`);
  try {
    await uiPass(pass, packages[pass]);
  } catch (err) {
    if (!(err instanceof PassFailure)) check(false, `${pass}: ${err.message.split('\n')[0]}`);
  }
}
finish();

async function uiPass(pass, vsix) {
  // 2. Install it into an isolated code-server profile, as `code --install-extension` would.
  const runDir = freshRunDir(`ui-${pass}`);
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(path.join(PROJECT_ROOT, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      // The run folder sits inside the project's git repository: keep Git's prompts off the screen.
      'git.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      'editor.wordWrap': 'on',
      'editor.minimap.enabled': false,
    }),
  );
  const port = await new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
  const configFile = path.join(runDir, 'code-server.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = isolatedEnv(runDir);
  const codeServerArgs = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  try {
    execFileSync(CODE_SERVER_BIN, [...codeServerArgs, '--install-extension', vsix], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  } catch {
    failPass(`code-server --install-extension ${path.basename(vsix)} failed`);
  }
  const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('opinion-lint.opinion-lint-'));
  if (!check(installed.length === 1, `the .vsix installed into the extensions folder (${installed.join(', ') || 'nothing'})`)) failPass('nothing installed');
  const addon = fs.existsSync(path.join(extensionsDir, installed[0], 'node_modules/nodejieba/build/Release/nodejieba.node'));
  check(addon === (pass === 'native'), `the installed extension ${addon ? 'has' : 'has no'} native addon`);
  lap('installed');

  // 3. Start code-server in its own process group, so its extension host and our language server end with it.
  const server = spawn(
    CODE_SERVER_BIN,
    [...codeServerArgs, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--reconnection-grace-time', '5'],
    { detached: true, stdio: ['ignore', fs.openSync(path.join(runDir, 'code-server.log'), 'w'), fs.openSync(path.join(runDir, 'code-server.err.log'), 'w')], env },
  );
  const stopServer = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stopServer);
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 240) {
      stopServer();
      failPass(`code-server did not start; see ${runDir}/code-server.err.log`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  lap(`code-server on ${base}`);

  // 4. Use it in the browser.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const consoleLog = fs.createWriteStream(path.join(runDir, 'workbench-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  const shot = async (name) => {
    await page.mouse.move(5, 450).catch(() => {});
    const file = path.join(RESULTS_DIR, `ui-${pass}-${name}.png`);
    await page.screenshot({ path: file });
    lap(`screenshot ${path.relative(PROJECT_ROOT, file)}`);
  };

  async function quickOpen(fileName) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(fileName);
    await page.locator(`.quick-input-list .monaco-list-row:has-text("${fileName.replace(/\.txt$/, '')}")`).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`.tab.active:has-text("${fileName}")`).waitFor({ timeout: 30_000 });
  }

  async function problemsLabel() {
    return (await page.locator('[id="status.problems"]').first().getAttribute('aria-label')) ?? '';
  }

  try {
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    lap('workbench loaded');
    // Give the editor area focus, as a click into the window does.
    await page.locator('.monaco-workbench .part.editor').click({ position: { x: 400, y: 300 } });

    // A draft full of slogans: warnings (repeats) and information (clichés) squiggles.
    await quickOpen(SLOGAN_DRAFT);
    await page.locator('.monaco-editor .view-lines:has-text("补短板")').waitFor({ timeout: 30_000 });
    const warningSquiggles = page.locator('.monaco-editor .squiggly-warning');
    await warningSquiggles.first().waitFor({ state: 'attached', timeout: 90_000 });
    lap('squiggles drawn');
    check((await warningSquiggles.count()) >= 2, `warning squiggles under the repeated slogans (${await warningSquiggles.count()})`);
    check((await page.locator('.monaco-editor .squiggly-info').count()) >= 1, 'information squiggles under clichés');
    const label = await problemsLabel();
    check(/Warnings?: ?[1-9]/.test(label), `status bar problem count shows warnings: "${label}"`);
    // The extension's own status bar item counts the active draft's findings (0 errors, 2 warnings, 1 info).
    const ownStatus = page.locator('.statusbar-item[id$="opinionLint.status"]').first();
    const ownStatusText = (await ownStatus.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
    check(ownStatusText === '0 2 1', `Opinion Lint status bar item counts this draft: "${ownStatusText}"`);
    await shot('1-squiggles');

    // Hover a warning squiggle until the hover shows the corpus evidence for the repeated slogan.
    let hoverText = '';
    for (let i = 0; i < (await warningSquiggles.count()) && !hoverText.includes('语料证据'); i++) {
      await page.mouse.move(10, 10);
      const box = await warningSquiggles.nth(i).boundingBox();
      if (!box) continue;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover:visible').first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
      hoverText = (await hover.innerText().catch(() => '')) ?? '';
    }
    check(hoverText.includes('slogan-repeat'), 'hover names the rule (slogan-repeat)');
    check(/语料证据.*出现 \d+ 次.*\d+ 篇文章/s.test(hoverText), 'hover shows the corpus evidence: uses and articles');
    check(/《[^》]+》/.test(hoverText), 'hover cites example article headlines');
    // Move into the hover (it stays open) and scroll to its example headlines, as a reader would.
    const hoverBox = await page.locator('.monaco-hover:visible').first().boundingBox().catch(() => null);
    if (hoverBox) {
      await page.mouse.move(hoverBox.x + hoverBox.width / 2, hoverBox.y + hoverBox.height - 20, { steps: 5 });
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: path.join(RESULTS_DIR, `ui-${pass}-2-hover.png`) });
    lap(`screenshot test-results/e2e/ui-${pass}-2-hover.png`);
    await page.mouse.move(10, 10);
    await page.keyboard.press('Escape');

    // The Problems panel lists the findings with their rule ids.
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    await page.locator('.markers-panel .monaco-list-row:has-text("slogan-repeat")').first().waitFor({ timeout: 15_000 }).catch(() => {});
    const rowTexts = await rows.allInnerTexts();
    check(rowTexts.some((t) => t.includes('slogan-repeat') && t.includes('补短板')), 'Problems panel lists slogan-repeat for 补短板');
    check(rowTexts.some((t) => t.includes('slogan-cliche')), 'Problems panel lists slogan-cliche');
    await shot('3-problems');

    // A draft with half-width punctuation: squiggles, then the quick fix from the lightbulb menu.
    await quickOpen(PUNCTUATION_DRAFT);
    await page.locator('.monaco-editor .view-lines:has-text("社区食堂")').waitFor({ timeout: 30_000 });
    // Filter the Problems panel to this rule, as a person narrowing the list would.
    const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
    await filter.fill('punctuation-width');
    const punctuationRows = page.locator('.markers-panel .monaco-list-row:has-text("punctuation-width")');
    for (let i = 0; i < 100 && (await punctuationRows.count()) !== 5; i++) await page.waitForTimeout(300);
    check((await punctuationRows.count()) === 5, `Problems panel lists the five half-width marks (${await punctuationRows.count()})`);
    await shot('4-punctuation');
    await filter.fill('');

    // Fix the first half-width mark from the lightbulb menu: F8 jumps to it, Ctrl+. lists the fixes.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const fixItem = page.locator('.action-widget .monaco-list-row:has-text("改为全角")').first();
    await fixItem.waitFor({ timeout: 15_000 });
    await shot('5-quick-fix-menu');
    await fixItem.click();
    await page.locator('.monaco-editor .view-lines:has-text("傍晚时分，社区食堂")').waitFor({ timeout: 15_000 });
    check(true, 'the quick fix from the lightbulb menu replaced the half-width comma in the editor');

    // Lint Folder from the command palette fills the Problems panel with drafts that are not open.
    await page.keyboard.press('Control+Shift+P');
    const palette = page.locator('.quick-input-widget input');
    await palette.waitFor({ state: 'visible' });
    await palette.fill('>Opinion Lint: 检查文件夹');
    await page.locator('.quick-input-list .monaco-list-row:has-text("检查文件夹（Lint Folder）")').first().click();
    const toast = page.locator('.notifications-toasts .notification-toast:has-text("检查完成")');
    await toast.first().waitFor({ timeout: 60_000 });
    check(true, `Lint Folder notification: ${(await toast.first().innerText()).split('\n')[0]}`);
    await page.locator('.markers-panel .monaco-list-row:has-text("夜市里的烟火气")').first().waitFor({ timeout: 30_000 });
    check(true, 'Problems panel lists the unopened draft 夜市里的烟火气.txt after Lint Folder');
    await shot('6-lint-folder');

    // The Opinion Lint output channel says which segmenter runs: the notice only without the addon.
    await page.keyboard.press('Control+Shift+P');
    await palette.waitFor({ state: 'visible' });
    await palette.fill('>Opinion Lint: 显示输出');
    await page.locator('.quick-input-list .monaco-list-row:has-text("显示输出（Show Output）")').first().click();
    const outputLines = page.locator('.panel .monaco-editor .view-lines');
    await outputLines.first().waitFor({ timeout: 15_000 });
    // The panel's filter box can come up holding the text typed into the Problems filter above, which
    // would hide the channel's lines: clear it, as a person would.
    const outputFilter = page.locator('.panel .viewpane-filter input:visible');
    if (await outputFilter.count()) await outputFilter.first().fill('');
    await page.locator('.panel .monaco-editor .view-lines:has-text("检查文件夹")').first().waitFor({ timeout: 15_000 });
    const outputText = (await outputLines.first().innerText()).replace(/\s+/g, ' ');
    const noticed = outputText.includes('原生分词模块不可用');
    check(noticed === (pass === 'portable'), `the Output panel ${noticed ? 'shows' : 'does not show'} the portable segmenter's notice`);
    await shot('7-output');
  } catch (err) {
    check(false, `UI flow: ${err.message.split('\n')[0]}`);
    await shot('failure').catch(() => {});
  } finally {
    await browser.close().catch(() => {});
    stopServer();
  }
}
