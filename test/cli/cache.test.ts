import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpus';
import { DRAFTS, runInProcess, tempDir } from './helpers';

const { dir, cleanup } = tempDir('cache');
afterAll(cleanup);
for (const [name, text] of Object.entries(DRAFTS)) writeFileSync(path.join(dir, `${name}.txt`), text);
const CACHE = path.join(dir, 'lint.cache');
const json = (extra: string[] = []) => runInProcess(['lint', '.', '--format', 'json', '--cache', '--cache-location', 'lint.cache', ...extra], dir);
const cachedCount = async (buildId?: string) => {
  const run = await runInProcess(['lint', '.', '--cache', '--cache-location', 'lint.cache'], dir, buildId);
  return Number(/（(\d+) 个结果来自缓存）/.exec(run.stdout)?.[1] ?? 0);
};

describe('--cache', () => {
  it('gives the same results on a re-run, from the cache', async () => {
    const first = await json();
    expect(existsSync(CACHE)).toBe(true);
    const second = await json();
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);
    expect(await cachedCount()).toBe(3);
  });

  it('quotes the same flagged text and fix regions in SARIF from the cache as from a fresh lint', async () => {
    const sarif = () => runInProcess(['lint', '.', '--format', 'sarif', '--cache', '--cache-location', 'lint.cache'], dir);
    const fresh = await runInProcess(['lint', '.', '--format', 'sarif', '--no-cache'], dir);
    await sarif();
    const cached = await sarif();
    expect(cached.stdout).toBe(fresh.stdout);
    expect(cached.stdout).toContain('"snippet":{"text":","}');
  });

  it('gives the folder report its summaries, evidence and draft text from the cache', async () => {
    const markdown = () => runInProcess(['lint', '.', '--format', 'markdown', '--cache', '--cache-location', 'lint.cache'], dir);
    const fresh = await runInProcess(['lint', '.', '--format', 'markdown', '--no-cache'], dir);
    await json();
    const cached = await markdown();
    expect(cached.stdout).toBe(fresh.stdout);
    expect(cached.stdout).toContain('李明');
  });

  it('re-lints a file whose content changed, and only that one', async () => {
    writeFileSync(path.join(dir, 'clean.txt'), DRAFTS.clean.replace('市民和', '市民,和'));
    expect(await cachedCount()).toBe(2);
    const out = JSON.parse((await json()).stdout);
    expect(out.find((f: { file: string }) => f.file === 'clean.txt').diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['punctuation-width']);
  });

  it('is invalidated by a config change and by a new build of the tool', async () => {
    await json();
    expect(await cachedCount('another-build')).toBe(0);
    expect(await cachedCount('another-build')).toBe(3);
    writeFileSync(path.join(dir, '.opinionlintrc.json'), '{ "rules": { "punctuation-width": "error" } }');
    expect(await cachedCount('another-build')).toBe(0);
    const out = JSON.parse((await json()).stdout);
    expect(out.flatMap((f: { diagnostics: { rule: string; severity: string }[] }) => f.diagnostics).filter((d: { rule: string }) => d.rule === 'punctuation-width').every((d: { severity: string }) => d.severity === 'error')).toBe(true);
  });

  it('is invalidated when the profile file changes, and a profile broken since is still refused', async () => {
    // A folder of its own: the profile is broken at the end.
    const { dir: desk, cleanup: done } = tempDir('cache-profile');
    onTestFinished(done);
    writeFileSync(path.join(desk, 'clean.txt'), DRAFTS.clean);
    const profile = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8'));
    writeFileSync(path.join(desk, 'house.json'), JSON.stringify(profile));
    writeFileSync(path.join(desk, '.opinionlintrc.json'), '{ "profile": "./house.json" }');
    const run = () => runInProcess(['lint', '.', '--cache', '--cache-location', 'desk.cache'], desk);
    const cached = async () => Number(/（(\d+) 个结果来自缓存）/.exec((await run()).stdout)?.[1] ?? 0);
    await run();
    expect(await cached()).toBe(1);
    writeFileSync(path.join(desk, 'house.json'), JSON.stringify({ ...profile, description: '本部门自己的档案' }));
    expect(await cached()).toBe(0);
    expect(await cached()).toBe(1);
    writeFileSync(path.join(desk, 'house.json'), '{ "format": "opinion-lint-profile", ');
    const broken = await run();
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('house.json');
  });

  it.each(['json', 'stylish'])('prints a %s re-run from the output it kept, with the same totals and exit code', async (format) => {
    const run = (cache: string[]) => runInProcess(['lint', '.', '--format', format, '--max-warnings', '0', ...cache], dir);
    const cache = ['--cache', '--cache-location', 'lint.cache'];
    const fresh = await run(['--no-cache']);
    await run(cache);
    const [head, findings, details, ...bodies] = readFileSync(CACHE, 'utf8').split('\n');
    expect(JSON.parse(head).bodies).toBe(format);
    // Kept output marked (same length in bytes): a re-run prints it as kept, without the findings.
    const marked = bodies.join('\n').replaceAll('punctuation-width', 'PUNCTUATION-WIDTH');
    writeFileSync(CACHE, [head, '{}', details, marked].join('\n'));
    const cached = await run(cache);
    expect(cached.stdout.replace('（3 个结果来自缓存）', '')).toBe(fresh.stdout.replaceAll('punctuation-width', 'PUNCTUATION-WIDTH'));
    expect(cached.stdout).not.toBe(fresh.stdout);
    expect(cached.code).toBe(fresh.code);
    expect(cached.stderr).toBe(fresh.stderr);
    writeFileSync(CACHE, [head, findings, details, ...bodies].join('\n'));
  });

  it('keeps --quiet output apart from the full output', async () => {
    // Warnings that --quiet leaves out (an earlier test made this rule an error in the folder's config).
    const warn = ['--rule', 'punctuation-width=warning'];
    const run = (extra: string[]) => runInProcess(['lint', '.', '--format', 'json', ...warn, ...extra], dir);
    const cache = ['--cache', '--cache-location', 'lint.cache'];
    const freshQuiet = await run(['--quiet', '--no-cache']);
    const freshFull = await run(['--no-cache']);
    expect(freshQuiet.stdout).not.toBe(freshFull.stdout);
    await run(cache);
    expect((await run(['--quiet', ...cache])).stdout).toBe(freshQuiet.stdout);
    expect((await run(['--quiet', ...cache])).stdout).toBe(freshQuiet.stdout);
    expect((await run(cache)).stdout).toBe(freshFull.stdout);
  });

  it('ignores a corrupt cache file and rewrites it', async () => {
    writeFileSync(CACHE, '{ this is not json');
    const run = await json();
    expect(JSON.parse(run.stdout)).toHaveLength(3);
    expect(JSON.parse(readFileSync(CACHE, 'utf8').split('\n')[0]).format).toMatch(/^opinion-lint-cache\//);
  });

  it('with --fix, re-lints a cached file that has fixes and fixes it', async () => {
    await json();
    const run = await runInProcess(['lint', '.', '--fix', '--cache', '--cache-location', 'lint.cache'], dir);
    expect(run.stdout).toContain('已自动修复');
    expect(readFileSync(path.join(dir, 'commas.txt'), 'utf8')).not.toMatch(/[\u4e00-\u9fff],/);
    // The fixed file's new content is what the cache now holds.
    expect(await cachedCount()).toBe(3);
  });
});
