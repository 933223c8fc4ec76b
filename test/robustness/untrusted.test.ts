// A folder of submissions is untrusted input (issue #19), through the CLI: a symlink out of the
// linted folder is neither linted nor quoted in any format and is listed as skipped; a workspace
// config's profile path stays inside its folder and is refused unopened otherwise; no message
// quotes a byte of a config or profile that failed to parse. The same through the language server
// is in untrusted-server.test.ts; Restricted Mode in a real editor in test/e2e (the restricted pass).
//
// node:fs is wrapped (calls pass through) so the in-process runs can show that a refused file was
// never opened: neither read nor opened, whatever else was asked of the file system.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpus';
import { BIN, ensureBuilt, runBin, runInProcess, tempDir } from '../cli/helpers';

const opened = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const record = <F extends (...args: any[]) => any>(fn: F): F =>
    ((...args: Parameters<F>) => {
      if (typeof args[0] === 'string') opened.push(args[0]);
      return fn(...args);
    }) as F;
  const wrapped = {
    ...fs,
    openSync: record(fs.openSync),
    readFileSync: record(fs.readFileSync),
    createReadStream: record(fs.createReadStream),
    promises: { ...fs.promises, open: record(fs.promises.open), readFile: record(fs.promises.readFile) },
  };
  return { ...wrapped, default: wrapped };
});

const { dir, cleanup } = tempDir('untrusted');
afterAll(cleanup);
beforeEach(() => {
  opened.length = 0;
});

/** Text that must never reach any output unless the user asks for the link to be followed. */
const SECRET_HEADLINE = '外部机密：不该出现在报告里';
const SECRET = `${SECRET_HEADLINE}\n●许宁\n\n这份稿件在检查的文件夹之外,只有本机用户能读。\n`;
const DRAFT = '社区食堂的一碗热饭\n●林晓\n\n社区食堂开张以来,老人们吃上了热乎饭。\n';
const OUT_LINK = '指向所检查文件夹之外的符号链接';

const shipped = readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8');

/** The submissions: one draft, links out of the folder in every form, and links that stay inside. */
function submissions(): { root: string; outside: string } {
  const outside = path.join(dir, 'outside');
  mkdirSync(path.join(outside, 'folder'), { recursive: true });
  writeFileSync(path.join(outside, '机密.txt'), SECRET);
  writeFileSync(path.join(outside, 'folder', '另一篇.txt'), SECRET);
  const root = path.join(dir, 'subs');
  mkdirSync(path.join(root, 'inner'), { recursive: true });
  mkdirSync(path.join(root, 'real'), { recursive: true });
  writeFileSync(path.join(root, 'a.txt'), DRAFT);
  writeFileSync(path.join(root, 'real', '原稿.txt'), DRAFT.replace('林晓', '周明'));
  symlinkSync(path.join(outside, '机密.txt'), path.join(root, 'leak.txt')); // absolute
  symlinkSync('../outside/机密.txt', path.join(root, 'rel-leak.md')); // relative, with ..
  symlinkSync('../leak.txt', path.join(root, 'inner', 'chain.txt')); // inside, to a link that leads out
  symlinkSync('../outside/folder', path.join(root, 'folder-out')); // a folder
  symlinkSync('..', path.join(root, 'up')); // the parent: out of the folder, and a loop
  symlinkSync('.', path.join(root, 'self')); // a loop inside
  symlinkSync('real/原稿.txt', path.join(root, 'alias.txt')); // inside: followed (before real/ in name order)
  symlinkSync(root, path.join(dir, 'subs-link')); // the root itself a link
  return { root, outside };
}
const { root } = submissions();
const outLinks = ['folder-out', path.join('inner', 'chain.txt'), 'leak.txt', 'rel-leak.md', 'up'];
const shown = (prefix: string, files: string[]) => files.map((f) => path.join(prefix, f)).sort();

interface JsonEntry {
  file: string;
  diagnostics: { rule: string }[];
  skipped?: string;
}

describe('a symlink out of the linted folder', () => {
  it.each([['subs'], ['subs-link']])('lint %s: is not linted, is listed as skipped with the reason in json; links inside and the loop still work', (target) => {
    const run = runBin(['lint', target, '--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('外部机密');
    const entries = JSON.parse(run.stdout) as JsonEntry[];
    const linted = entries.filter((e) => e.skipped === undefined);
    const skipped = entries.filter((e) => e.skipped !== undefined);
    // The link inside the folder is followed: its draft is linted once, under the link's name.
    expect(linted.map((e) => e.file).sort()).toEqual(shown(target, ['a.txt', 'alias.txt']));
    expect(linted.every((e) => e.diagnostics.some((d) => d.rule === 'punctuation-width'))).toBe(true);
    expect(skipped.map((e) => e.file).sort()).toEqual(shown(target, outLinks));
    for (const e of skipped) expect(e.skipped).toContain(OUT_LINK);
    // Its reason names no path outside the folder.
    expect(run.stdout).not.toContain(path.join(dir, 'outside'));
  });

  it('is quoted in no format (sarif, markdown, html, stylish) and listed as skipped in each', () => {
    const sarif = runBin(['lint', 'subs', '--format', 'sarif'], dir);
    const notifications = JSON.parse(sarif.stdout).runs[0].invocations[0].toolExecutionNotifications as { message: { text: string } }[];
    for (const link of outLinks) {
      expect(notifications.some((n) => n.message.text.startsWith(`${path.join('subs', link)}：`) && n.message.text.includes(OUT_LINK))).toBe(true);
    }
    runBin(['lint', 'subs', '--format', 'html', '-o', 'report.html'], dir);
    runBin(['lint', 'subs', '--format', 'markdown', '-o', 'report.md'], dir);
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    const markdown = readFileSync(path.join(dir, 'report.md'), 'utf8');
    const stylish = runBin(['lint', 'subs'], dir);
    for (const [name, out] of [['sarif', sarif.stdout], ['html', html], ['markdown', markdown], ['stylish', stylish.stdout]]) {
      expect(out, name).not.toContain('外部机密');
      expect(out, name).not.toContain('只有本机用户能读');
      expect(out, name).toContain(OUT_LINK);
      expect(out, name).toContain('leak.txt');
    }
    expect(html).toMatch(/<h2>未检查的文件<\/h2>[^]*leak\.txt[^]*指向所检查文件夹之外的符号链接/);
    expect(markdown).toMatch(/`subs\/leak\.txt`：.*指向所检查文件夹之外的符号链接/);
    // The draft inside the folder is in the report as usual.
    expect(html).toContain('社区食堂开张以来');
  });

  it('--follow-symlinks opts in: the linked drafts are linted (the html report then shows their text)', () => {
    const run = runBin(['lint', 'subs', '--format', 'json', '--follow-symlinks'], dir);
    const entries = JSON.parse(run.stdout) as JsonEntry[];
    expect(entries.filter((e) => e.skipped !== undefined)).toEqual([]);
    const files = entries.map((e) => e.file);
    expect(files).toContain(path.join('subs', 'folder-out', '另一篇.txt'));
    // The three links to 机密.txt lead to one real file: linted once, under the first name met.
    expect(files.filter((f) => shown('subs', [path.join('inner', 'chain.txt'), 'leak.txt', 'rel-leak.md']).includes(f))).toEqual([path.join('subs', 'inner', 'chain.txt')]);
    runBin(['lint', 'subs', '--format', 'html', '-o', 'followed.html', '--follow-symlinks'], dir);
    expect(readFileSync(path.join(dir, 'followed.html'), 'utf8')).toContain('外部机密');
  });

  it('is never opened: in-process, the file system is not asked to open or read its target', async () => {
    const run = await runInProcess(['lint', 'subs', '--format', 'json', '--jobs', '0'], dir);
    expect(run.code).toBe(0);
    expect(opened.some((p) => p.endsWith('a.txt'))).toBe(true);
    expect(opened.filter((p) => p.includes('outside') || /leak|chain|folder-out/.test(p))).toEqual([]);
  });

  it('an absolute link is judged by the folder as the user named it (through a link, as macOS names /tmp)', () => {
    mkdirSync(path.join(dir, 'named', 'real'), { recursive: true });
    writeFileSync(path.join(dir, 'named', 'real', '稿.txt'), DRAFT);
    symlinkSync(path.join(dir, 'named'), path.join(dir, 'named-link'));
    symlinkSync(path.join(dir, 'named-link', 'real', '稿.txt'), path.join(dir, 'named', 'abs.txt'));
    const files = (target: string) => (JSON.parse(runBin(['lint', target, '--format', 'json'], dir).stdout) as JsonEntry[]).map((e) => [e.file, e.skipped === undefined]);
    // Named through the link, the link's text lies inside: followed (its draft then linted once).
    expect(files('named-link')).toEqual([[path.join('named-link', 'abs.txt'), true]]);
    // Named as it is, the link's text names a place outside it: not followed, not even resolved.
    expect(files('named')).toEqual([[path.join('named', 'abs.txt'), false], [path.join('named', 'real', '稿.txt'), true]]);
  });

  it('a file named on the command line is the user\'s and is followed, even when it is a link', () => {
    const run = runBin(['lint', path.join('subs', 'leak.txt'), '--format', 'json'], dir);
    const [entry] = JSON.parse(run.stdout) as JsonEntry[];
    expect(entry.skipped).toBeUndefined();
    expect(entry.diagnostics.some((d) => d.rule === 'punctuation-width')).toBe(true);
  });
});

/** A folder holding one draft and the given files (name → content). */
function desk(name: string, files: Record<string, string>): string {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, '稿件.txt'), DRAFT);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), content);
  }
  return folder;
}

const rc = (value: unknown) => JSON.stringify(value);

describe("a workspace config's profile path", () => {
  const canary = 'OPINION_LINT_CANARY_7f3a';

  it('/proc/self/environ is refused without being read: exit 2, the key named, not a byte of the environment', () => {
    const folder = desk('environ', { '.opinionlintrc.json': rc({ profile: '/proc/self/environ' }) });
    const run = runBin(['lint', '.', '--format', 'json'], folder, { [canary]: 'secret-value' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${path.join(folder, '.opinionlintrc.json')} 的 “profile”`);
    expect(run.stderr).toContain('/proc/self/environ');
    expect(run.stderr).toContain('没有读取');
    expect(run.stdout).toBe('');
    for (const leak of [canary, 'secret-value', 'PATH=', 'HOME=']) expect(run.stderr).not.toContain(leak);
  });

  it.each([
    ['an absolute path elsewhere', () => path.join(dir, 'outside', 'house.json'), '在配置文件所在的文件夹'],
    ['a relative path with ..', () => '../outside/house.json', '在配置文件所在的文件夹'],
    ['a link inside the folder to a file outside', () => './house-link.json', '是符号链接'],
  ])('%s is refused before it is opened', async (name, profile, why) => {
    writeFileSync(path.join(dir, 'outside', 'house.json'), shipped);
    const folder = desk(`refused-${name.replace(/\W+/g, '-')}`, { '.opinionlintrc.json': rc({ profile: profile() }) });
    symlinkSync(path.join(dir, 'outside', 'house.json'), path.join(folder, 'house-link.json'));
    const run = await runInProcess(['lint', '.', '--format', 'json', '--jobs', '0'], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('“profile”');
    expect(run.stderr).toContain(why);
    expect(run.stderr).toContain('没有读取');
    expect(opened.some((p) => p.endsWith('.opinionlintrc.json'))).toBe(true);
    expect(opened.filter((p) => p.includes('house'))).toEqual([]);
  });

  it('inside the folder (also through a link that stays inside) it is used; so is one the user names with --profile or --config', async () => {
    const noByline = JSON.parse(shipped);
    noByline.house.byline.expected = false;
    noByline.house.byline.position = 'none';
    const unsigned = '让公共图书馆更好地服务读者\n\n公共图书馆延长开放时间，方便了上班族和学生。\n';
    const folder = desk('inside', { 'profiles/house.json': JSON.stringify(noByline), '.opinionlintrc.json': rc({ profile: './house-link.json' }), '无署名.txt': unsigned });
    symlinkSync('profiles/house.json', path.join(folder, 'house-link.json'));
    const rules = (out: string) => (JSON.parse(out) as JsonEntry[]).find((e) => e.file === '无署名.txt')!.diagnostics.map((d) => d.rule);
    const inside = await runInProcess(['lint', '.', '--format', 'json', '--jobs', '0'], folder);
    expect(inside.code, inside.stderr).toBe(0);
    expect(rules(inside.stdout)).not.toContain('byline-missing');
    // The built-in default profile expects a byline: the house profile above is what removed it.
    const builtin = await runInProcess(['lint', '.', '--format', 'json', '--jobs', '0', '--profile', 'default'], folder);
    expect(rules(builtin.stdout)).toContain('byline-missing');

    // Outside the folder, named by the user: free.
    const elsewhere = path.join(dir, 'outside', 'no-byline.json');
    writeFileSync(elsewhere, JSON.stringify(noByline));
    const plain = desk('user-named', { '无署名.txt': unsigned });
    expect(rules((await runInProcess(['lint', '.', '--format', 'json', '--jobs', '0', '--profile', elsewhere], plain)).stdout)).not.toContain('byline-missing');
    const userConfig = path.join(dir, 'outside', 'user.opinionlintrc.json');
    writeFileSync(userConfig, rc({ profile: './no-byline.json' }));
    const viaConfig = await runInProcess(['lint', '.', '--format', 'json', '--jobs', '0', '--config', userConfig], plain);
    expect(viaConfig.code, viaConfig.stderr).toBe(0);
    expect(rules(viaConfig.stdout)).not.toContain('byline-missing');
  });

  it('a config in a subfolder may use a profile elsewhere in the folder being linted, not above it', () => {
    const folder = desk('tree', { 'house.json': shipped, '评论/.opinionlintrc.json': rc({ profile: '../house.json' }), '评论/稿.txt': DRAFT });
    const whole = runBin(['lint', '.', '--format', 'json'], folder);
    expect(whole.code, whole.stderr).toBe(0);
    const sub = runBin(['lint', '评论', '--format', 'json'], folder);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('“profile”');
    expect(sub.stderr).toContain('没有读取');
  });

  it('a .opinionlintrc.json that is itself a link out of its folder is refused unread', async () => {
    writeFileSync(path.join(dir, 'outside', 'secrets.json'), rc({ token: 'sk-live-0000' }));
    const folder = desk('config-link', {});
    symlinkSync(path.join(dir, 'outside', 'secrets.json'), path.join(folder, '.opinionlintrc.json'));
    const run = await runInProcess(['lint', '.', '--format', 'json', '--jobs', '0'], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('是指向其所在文件夹之外的符号链接');
    expect(run.stderr).not.toContain('token');
    expect(opened.filter((p) => p.includes('secrets') || p.endsWith('.opinionlintrc.json'))).toEqual([]);
  });
});

describe('no message quotes a byte of a file that failed to parse', () => {
  it.each([
    ['a profile inside the workspace', { 'house.json': '{\n  "format": "opinion-lint-profile",\n  "name": SECRET_TOKEN_abc123\n}\n', '.opinionlintrc.json': rc({ profile: './house.json' }) }, 'house.json', '第 3 行第 11 列'],
    ['a profile cut short', { 'house.json': `${shipped.slice(0, 3000)}SECRET_TOKEN_abc123`, '.opinionlintrc.json': rc({ profile: './house.json' }) }, 'house.json', '行第'],
    ['a config that is an environment dump', { '.opinionlintrc.json': 'SHELL=/bin/bash\nSECRET_TOKEN=abc123\n' }, '.opinionlintrc.json', '第 1 行第 1 列'],
    ['a config with a duplicate key', { '.opinionlintrc.json': '{\n "SECRET_TOKEN_abc123": 1,\n "SECRET_TOKEN_abc123": 2\n}' }, '.opinionlintrc.json', '第 3 行第 2 列'],
  ])('%s: the path, the key, line and column and what was expected, and nothing of the file', (name, files, file, where) => {
    const folder = desk(`parse-${name.replace(/\W+/g, '-')}`, files);
    const run = runBin(['lint', '.', '--format', 'json'], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(path.join(folder, file));
    expect(run.stderr).toContain(where);
    expect(run.stderr).toMatch(/不是有效的 JSON（第 \d+ 行第 \d+ 列：/);
    if (file === 'house.json') expect(run.stderr).toContain('“profile”');
    for (const leak of ['SECRET', 'abc123', 'SHELL', '/bin/bash', 'Unexpected token']) expect(run.stderr).not.toContain(leak);
    // Nothing quoted is a piece of the file (the key “profile” is the config's, named on purpose).
    const content = files[file as keyof typeof files] as string;
    const quoted = [...run.stderr.matchAll(/“([^”]+)”|"([^"]+)"/g)].map((m) => m[1] ?? m[2]).filter((q) => q !== 'profile');
    expect(quoted.filter((q) => content.includes(q))).toEqual([]);
  });
});

describe('settings files that are not files', () => {
  it('an .opinionlintignore linked to /dev/zero or made a named pipe, a config linked to /dev/zero: the lint finishes', () => {
    ensureBuilt();
    const zero = desk('dev-zero', {});
    symlinkSync('/dev/zero', path.join(zero, '.opinionlintignore'));
    mkdirSync(path.join(zero, 'sub'));
    writeFileSync(path.join(zero, 'sub', '稿件.txt'), DRAFT);
    execFileSync('mkfifo', [path.join(zero, 'sub', '.opinionlintignore')]);
    symlinkSync('/dev/zero', path.join(zero, 'sub', '.opinionlintrc.json'));
    // Reading /dev/zero whole, or a pipe nobody writes to, never ends: the time limit is the failure.
    const run = spawnSync(process.execPath, [BIN, 'lint', '.', '--format', 'json'], { cwd: zero, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    const entries = JSON.parse(run.stdout) as JsonEntry[];
    expect(entries.filter((e) => e.skipped === undefined).map((e) => e.file).sort()).toEqual([path.join('sub', '稿件.txt'), '稿件.txt']);
    // The links to /dev/zero lead out of the folder: listed, as every such link is.
    expect(entries.filter((e) => e.skipped !== undefined).map((e) => e.file).sort()).toEqual(['.opinionlintignore', path.join('sub', '.opinionlintrc.json')]);
  });
});
