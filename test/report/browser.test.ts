// The HTML folder report of the project's examples/, rendered by the CLI (`lint examples --format
// html -o …`) and exercised in headless Chromium: rows, sorting, the family filter, the detail
// view's highlights, the webview message, and a strict CSP with no violation. Fails (does not skip)
// when Chromium is missing.
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/app';
import { launchChromium } from '../helpers/chromium';
import { PROJECT_ROOT } from '../helpers/corpus';

// Browser globals used inside page callbacks (the project compiles without the DOM library).
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: unknown): any;

const EXAMPLES = path.join(PROJECT_ROOT, 'examples');
const OUT_DIR = path.join(PROJECT_ROOT, 'test-results', 'report');
const REPORT = path.join(OUT_DIR, 'examples-report.html');
const DRAFT_EXTENSIONS = ['.txt', '.md', '.draft'];

function exampleDrafts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? exampleDrafts(path.join(dir, e.name)) : DRAFT_EXTENSIONS.includes(path.extname(e.name)) ? [path.join(dir, e.name)] : [],
  );
}

async function renderExamplesReport(): Promise<{ code: number; stderr: string }> {
  mkdirSync(OUT_DIR, { recursive: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (chunk) => (err += chunk));
  stdout.resume();
  const code = await runCli(['lint', 'examples', '--format', 'html', '-o', REPORT, '--jobs', '0', '--no-cache'], {
    cwd: PROJECT_ROOT,
    stdout,
    stderr,
    cancelled: () => false,
    onCancel: () => {},
    toolVersion: 'test',
    buildId: 'browser-test',
  });
  return { code, stderr: err };
}

/** Values of one column's data-v in the visible row order. */
function columnValues(page: Page, key: string): Promise<string[]> {
  return page.evaluate((k) => {
    const ths: any[] = [...document.querySelectorAll('#drafts thead th')];
    const index = ths.findIndex((th) => th.getAttribute('data-key') === k);
    const rows: any[] = [...document.querySelectorAll('#drafts tbody tr')];
    return rows.filter((tr) => getComputedStyle(tr).display !== 'none').map((tr): string => tr.cells[index].getAttribute('data-v') ?? '');
  }, key);
}

describe('HTML folder report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const drafts = exampleDrafts(EXAMPLES);

  beforeAll(async () => {
    const { code, stderr } = await renderExamplesReport();
    expect(code, stderr).toBeLessThan(2);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network: ${r.url()}`);
    });
    // Stand-in for the VS Code webview API, so clicks post messages as they do in the editor.
    await page.addInitScript(() => {
      const w = window as unknown as { __posted: unknown[]; acquireVsCodeApi: () => unknown };
      w.__posted = [];
      let state: unknown;
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m), getState: () => state, setState: (s: unknown) => (state = s) });
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(pathToFileURL(REPORT).href);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows one row per example draft, worst first, with styles and script allowed by the nonce only', async () => {
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    const rows = page.locator('#drafts tbody tr');
    await expect.poll(() => rows.count()).toBe(drafts.length);
    const headlines = await page.locator('#drafts tbody tr .open-detail').allTextContents();
    expect(headlines.every((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
    const scores = (await columnValues(page, 'score')).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(0);
    // The nonce'd stylesheet applied (a blocked one would leave the table unstyled).
    expect(await page.locator('#drafts').evaluate((t) => getComputedStyle(t).borderCollapse)).toBe('collapse');
    expect(await page.locator('body').evaluate((b) => b.classList.contains('in-vscode'))).toBe(true);
    // The page tells the editor it rendered (the VS Code panel waits for this).
    expect(await page.evaluate(() => window.__posted[0])).toEqual({ type: 'rendered', rows: drafts.length });
    expect(problems).toEqual([]);
  });

  it('sorts by a column when its header is clicked, and back', async () => {
    await page.click('#drafts th[data-key=chars] button');
    const desc = (await columnValues(page, 'chars')).map(Number);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    expect(await page.getAttribute('#drafts th[data-key=chars]', 'aria-sort')).toBe('descending');
    await page.click('#drafts th[data-key=chars] button');
    const asc = (await columnValues(page, 'chars')).map(Number);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc).not.toEqual(desc);

    await page.click('#drafts th[data-key=headline] button');
    const titles = await columnValues(page, 'headline');
    expect(titles).toEqual([...titles].sort(new Intl.Collator('zh-Hans-CN').compare));

    await page.click('#reset-sort');
    const scores = (await columnValues(page, 'score')).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters rows by rule family', async () => {
    const total = await page.locator('#drafts tbody tr').count();
    for (const family of ['slogan', 'figure', 'typography']) await page.uncheck(`input[name=family][value=${family}]`);
    const visible = page.locator('#drafts tbody tr:not(.filtered-out)');
    const kinds = await visible.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kinds') ?? ''));
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.length).toBeLessThan(total);
    expect(kinds.every((k) => /\bbyline:/.test(k))).toBe(true);
    expect(await page.textContent('#row-count')).toBe(`显示 ${kinds.length} / ${total} 篇`);
    for (const family of ['slogan', 'figure', 'typography']) await page.check(`input[name=family][value=${family}]`);
    expect(await page.locator('#drafts tbody tr:not(.filtered-out)').count()).toBe(total);
  });

  it('opens a draft with its findings highlighted, explains a finding on click, and asks the editor to go there', async () => {
    await page.click('#drafts tbody tr:first-child .open-detail');
    const article = page.locator('.draft-detail:not([hidden])');
    await expect.poll(() => article.count()).toBe(1);
    const marks = article.locator('mark.hl');
    expect(await marks.count()).toBeGreaterThan(0);

    const mark = marks.first();
    const severity = (await mark.getAttribute('class'))!.match(/sev-(error|warning|information|hint)/)![1];
    const background = await mark.evaluate((m) => getComputedStyle(m).backgroundColor);
    const expected = { error: 'rgba(229, 20, 0', warning: 'rgba(230, 160, 0', information: 'rgba(26, 133, 255', hint: 'rgba(128, 128, 128' }[severity]!;
    if (!(await mark.evaluate((m) => m.classList.contains('caret')))) expect(background.startsWith(expected)).toBe(true);

    await mark.click();
    expect(await mark.evaluate((m) => m.classList.contains('active'))).toBe(true);
    const explanation = article.locator('.explanation:not([hidden])').first();
    await expect.poll(() => explanation.isVisible()).toBe(true);
    const ruleId = (await explanation.locator('.x-head code').textContent())!;
    expect(ruleId).toMatch(/^(slogan|figure|byline|punctuation|broken)-/);

    const finding = article.locator('button.finding').first();
    await finding.click();
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string; file: string; range?: { start: { line: number } } }[] }).__posted);
    const last = posted[posted.length - 1];
    expect(last.type).toBe('open');
    expect(drafts.map((d) => path.relative(PROJECT_ROOT, d))).toContain(last.file);
    expect(last.range!.start.line).toBe(Number(await finding.getAttribute('data-line')));
    expect(problems).toEqual([]);
  });

  it('looks right: screenshot for review', async () => {
    await page.locator('.draft-detail:not([hidden]) mark.hl').first().click();
    await page.screenshot({ path: path.join(OUT_DIR, 'report.png'), fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT_DIR, 'report-top.png') });
    // Print layout renders too (A4).
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.controls').evaluate((c) => getComputedStyle(c).display)).toBe('none');
    await page.emulateMedia({ media: 'screen' });
  });
});
