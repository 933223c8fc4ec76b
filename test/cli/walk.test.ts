import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IgnoreRules } from '../../server/src/workspace/ignore';
import { DEFAULT_EXTENSIONS, displayPath, walk, type WalkEntry } from '../../server/src/workspace/walk';
import { DRAFTS, runInProcess, tempDir } from './helpers';

const { dir, cleanup } = tempDir('walk');
afterAll(cleanup);

function files(root: string, tree: Record<string, string>) {
  for (const [rel, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

async function collect(roots: string[], cwd: string): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const e of walk(roots, { cwd, extensions: DEFAULT_EXTENSIONS })) out.push(e);
  return out;
}

describe('.opinionlintignore patterns', () => {
  const rules = IgnoreRules.empty().withPatterns(
    '/desk',
    ['# 草稿和存档不查', '草稿/', '*.bak.txt', '/归档', 'a/**/旧稿.md', '!草稿/保留.txt', '\\#号.txt', '备份?.txt', '[abc]组.md'].join('\n'),
  );
  it.each([
    ['/desk/草稿', true, true],
    ['/desk/栏目/草稿', true, true],
    ['/desk/草稿', false, false], // trailing slash: folders only
    ['/desk/x.bak.txt', false, true],
    ['/desk/深/处/x.bak.txt', false, true],
    ['/desk/归档', true, true],
    ['/desk/栏目/归档', true, false], // leading slash anchors to the ignore file's folder
    ['/desk/a/旧稿.md', false, true],
    ['/desk/a/b/c/旧稿.md', false, true],
    ['/desk/b/旧稿.md', false, false],
    ['/desk/#号.txt', false, true],
    ['/desk/备份1.txt', false, true],
    ['/desk/备份12.txt', false, false],
    ['/desk/b组.md', false, true],
    ['/desk/d组.md', false, false],
    ['/elsewhere/x.bak.txt', false, false],
  ])('%s (folder: %s) ignored: %s', (p, isDir, expected) => {
    expect(rules.ignores(p, isDir)).toBe(expected);
  });

  it('a later negation re-includes a file', () => {
    const r = IgnoreRules.empty().withPatterns('/desk', '*.md\n!重要.md');
    expect(r.ignores('/desk/普通.md', false)).toBe(true);
    expect(r.ignores('/desk/重要.md', false)).toBe(false);
  });
});

describe('walking folders', () => {
  it('finds drafts recursively in a stable order, honours ignore files and skips node_modules/.git', async () => {
    const root = path.join(dir, 'desk');
    files(root, {
      '.opinionlintignore': '草稿/\n*.bak.txt\n',
      '评论/b 稿.txt': '乙',
      '评论/a稿.md': '甲',
      '评论/c.draft': '丙',
      '评论/图片.png': 'x',
      '评论/旧.bak.txt': '旧',
      '草稿/未完成.txt': '草',
      '深/层/.opinionlintignore': '不要.txt',
      '深/层/不要.txt': '不',
      '深/层/要.txt': '要',
      'node_modules/pkg/readme.md': 'x',
      '.git/notes.txt': 'x',
    });
    const entries = await collect(['desk'], dir);
    expect(entries.map((e) => e.display)).toEqual(
      ['desk/深/层/要.txt', 'desk/评论/a稿.md', 'desk/评论/b 稿.txt', 'desk/评论/c.draft'].map((p) => p.split('/').join(path.sep)),
    );
    expect(entries.every((e) => e.kind === 'file')).toBe(true);
  });

  it('applies an ignore file in the working directory to a folder named below it', async () => {
    const root = path.join(dir, 'cwd-ignore');
    files(root, { '.opinionlintignore': 'sub/skip.txt\n', 'sub/skip.txt': '略', 'sub/keep.txt': '留' });
    expect((await collect(['sub'], root)).map((e) => e.display)).toEqual([path.join('sub', 'keep.txt')]);
    const named = await collect(['sub/skip.txt'], root);
    expect(named).toMatchObject([{ kind: 'skip', reason: expect.stringContaining('.opinionlintignore') }]);
  });

  it('survives symlink loops and lints each real file once', async () => {
    const root = path.join(dir, 'loops');
    files(root, { 'a/稿件.txt': '甲' });
    symlinkSync(root, path.join(root, 'a', 'back-to-root'));
    symlinkSync(path.join(root, 'a', '稿件.txt'), path.join(root, 'a', '链接.txt'));
    symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling.txt'));
    const entries = await collect(['loops', 'loops/a'], dir);
    expect(entries.map((e) => e.display)).toEqual([path.join('loops', 'a', '稿件.txt')]);
  });

  it('reports an unreadable folder as skipped with the reason', async () => {
    if (process.getuid?.() === 0) {
      // root reads everything; simulate with a folder that vanishes instead.
      const entries = await collect(['vanished'], dir);
      return expect(entries).toMatchObject([{ kind: 'skip', reason: expect.stringContaining('不存在') }]);
    }
    const root = path.join(dir, 'locked');
    files(root, { 'inner/x.txt': '锁' });
    chmodSync(path.join(root, 'inner'), 0o000);
    const entries = await collect(['locked'], dir);
    chmodSync(path.join(root, 'inner'), 0o755);
    expect(entries).toMatchObject([{ kind: 'skip', reason: expect.stringContaining('没有权限') }]);
  });
});

describe('lint over a folder reports what it skipped and why', () => {
  it('binary, too large and non-Chinese files are skipped with reasons, the rest linted', async () => {
    const root = path.join(dir, 'mixed');
    files(root, {
      '.opinionlintrc.json': '{ "maxFileSize": 4000 }',
      'good.txt': DRAFTS.commas,
      'english.txt': 'This draft has no Chinese at all, just English words.\n',
    });
    writeFileSync(path.join(root, 'photo.txt'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    writeFileSync(path.join(root, 'huge.md'), '长'.repeat(3000));
    const run = await runInProcess(['lint', '.'], root);
    expect(run.stdout).toContain('good.txt');
    expect(run.stdout).toMatch(/photo\.txt：这是JPEG 图片/);
    expect(run.stdout).toMatch(/huge\.md：文件过大（8\.8 KB，上限 3\.9 KB）/);
    expect(run.stdout).toMatch(/english\.txt：.*不是中文稿件/);
    expect(run.stdout).toContain('检查了 1 个文件，跳过 3 个');
  });
});

describe('an empty selection', () => {
  it('says that no files were found, and which extensions it looked for', async () => {
    const root = path.join(dir, 'no-drafts');
    files(root, { 'notes.docx': 'x', 'data.csv': '城市,乡村,数据表\n' });
    const run = await runInProcess(['lint', '.'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('没有找到要检查的文件');
    expect(run.stderr).toContain('.txt、.md、.draft');
    const csv = await runInProcess(['lint', '.', '--ext', 'csv', '--format', 'json'], root);
    expect(JSON.parse(csv.stdout).map((f: { file: string }) => f.file)).toEqual(['data.csv']);
  });
});

describe('displayPath', () => {
  it('shows files under the working directory relative to it, and others as given', () => {
    const cwd = path.join(path.sep, 'desk', 'today');
    expect(displayPath(path.join(cwd, 'local', '评论.txt'), cwd)).toBe(path.join('local', '评论.txt'));
    expect(displayPath(path.join(cwd, '.drafts', 'a.txt'), cwd)).toBe(path.join('.drafts', 'a.txt'));
    expect(displayPath(`${cwd}${path.sep}..${path.sep}other.txt`, cwd)).toBe(`${cwd}${path.sep}..${path.sep}other.txt`);
    expect(displayPath(path.join(path.sep, 'desk', 'todayish', 'a.txt'), cwd)).toBe(path.join(path.sep, 'desk', 'todayish', 'a.txt'));
    expect(displayPath(path.join(path.sep, 'desk', 'a.txt'), path.sep)).toBe(path.join('desk', 'a.txt'));
  });
});
