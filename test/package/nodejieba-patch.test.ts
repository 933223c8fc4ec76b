import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpus';

// `npm ci` applies patches/nodejieba+*.patch (TextRank built on first use) and rebuilds the addon
// (scripts/rebuild-nodejieba.mjs). These checks fail when either step did not happen.
const moduleDir = path.join(PROJECT_ROOT, 'node_modules', 'nodejieba');
const patchName = readdirSync(path.join(PROJECT_ROOT, 'patches')).find((n) => n.startsWith('nodejieba+'))!;

describe('patched nodejieba', () => {
  it('is patched for the installed version and rebuilt from that patch', () => {
    const version = JSON.parse(readFileSync(path.join(moduleDir, 'package.json'), 'utf8')).version;
    expect(patchName).toBe(`nodejieba+${version}.patch`);
    expect(readFileSync(path.join(moduleDir, 'lib', 'nodejieba.cpp'), 'utf8')).toContain('_dict_paths');
    const patchHash = createHash('sha256').update(readFileSync(path.join(PROJECT_ROOT, 'patches', patchName))).digest('hex');
    expect(readFileSync(path.join(moduleDir, 'build', 'Release', 'opinion-lint-patch.sha256'), 'utf8').trim()).toBe(patchHash);
  });

  it('still tags, and builds TextRank when it is first asked for', () => {
    // A child process: TextRank loads a second dictionary, which the test runner should not keep.
    const script = `
      const nj = require(${JSON.stringify(moduleDir)});
      nj.load();
      const tags = nj.tag('推动经济高质量发展');
      const keywords = nj.textRankExtract('城市更新要把老旧小区改造做细，老旧小区改造关系千家万户。', 3);
      process.stdout.write(JSON.stringify({ tags, keywords: keywords.map((k) => k.word) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(out.tags).toContainEqual({ word: '高质量', tag: 'n' });
    expect(out.keywords.length).toBeGreaterThan(0);
    expect(out.keywords.some((w: string) => ['老旧小区', '改造', '小区', '城市'].includes(w))).toBe(true);
  });
});
