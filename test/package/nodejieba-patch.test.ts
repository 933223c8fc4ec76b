import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as nodejieba from 'nodejieba';
import { ensureSegmenterLoaded } from '../../server/src/engine/text/segmenter';
import { PROJECT_ROOT } from '../helpers/corpus';

// `npm ci` applies patches/nodejieba+*.patch (TextRank built on first use, tagPacked, a flat trie) and rebuilds the addon
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

  it('gives the main dictionary file\'s own counts (summed per word) from the loaded dictionary, and none for user-dictionary words', () => {
    ensureSegmenterLoaded();
    const counts = new Map<string, number>();
    let total = 0;
    for (const line of readFileSync(path.join(moduleDir, 'submodules/cppjieba/dict/jieba.dict.utf8'), 'utf8').split('\n')) {
      const [word, count] = line.split(' ');
      if (!word || count === undefined) continue;
      counts.set(word, (counts.get(word) ?? 0) + Number(count));
      total += Number(count);
    }
    expect(nodejieba.referenceTotals()).toEqual([total, counts.size]);
    const mismatched = [...counts].filter(([word, count]) => nodejieba.referenceFrequency(word) !== count);
    expect(mismatched).toEqual([]);
    // Words of the user dictionary (loaded too), phrases and text jieba never listed.
    const userWords = readFileSync(path.join(moduleDir, 'submodules/cppjieba/dict/user.dict.utf8'), 'utf8').split('\n').map((l) => l.split(' ')[0]).filter((w) => w && !counts.has(w));
    expect(userWords.length).toBeGreaterThan(0);
    for (const word of [...userWords, '推动高质量发展', '😀', '']) expect(nodejieba.referenceFrequency(word)).toBe(-1);
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

  it('tagPacked gives tag()\'s words and tags as (UTF-16 length, tag id, word id) triples, emoji and astral characters included', () => {
    const script = `
      const nj = require(${JSON.stringify(moduleDir)});
      nj.load();
      const text = '前三季度增长5.2%😀，“𠀀”字 ok。截至9月底，失业率为5.1%';
      const triples = Array.from(nj.tagPacked(text));
      process.stdout.write(JSON.stringify({ text, triples, names: nj.tagNames(), tags: nj.tag(text) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    const unpacked: { word: string; tag: string }[] = [];
    let cursor = 0;
    const ids = new Map<string, number>();
    for (let i = 0; i < out.triples.length; i += 3) {
      const word = out.text.slice(cursor, cursor + out.triples[i]);
      unpacked.push({ word, tag: out.names[out.triples[i + 1]] });
      // One id per dictionary word; -1 for what jieba found outside its dictionary.
      if (ids.has(word)) expect(out.triples[i + 2]).toBe(ids.get(word));
      ids.set(word, out.triples[i + 2]);
      cursor += out.triples[i];
    }
    expect(ids.get('😀')).toBe(-1);
    expect(ids.get('5.1')).toBe(-1);
    expect(ids.get('失业率')).toBeGreaterThanOrEqual(0);
    expect(ids.get('截至')).not.toBe(ids.get('失业率'));
    expect(cursor).toBe(out.text.length);
    expect(unpacked).toEqual(out.tags);
    expect(unpacked).toContainEqual({ word: '😀', tag: 'x' });
  });

  it('segments and tags exactly as stock nodejieba 3.5.8 did (its trie is rebuilt by the patch), in tag, tagPacked and tagPackedAsync', async () => {
    const dir = path.join(PROJECT_ROOT, 'test', 'fixtures', 'segmentation');
    const lines = readFileSync(path.join(dir, 'input.txt'), 'utf8').split('\n').filter(Boolean);
    const stock = readFileSync(path.join(dir, 'stock-nodejieba-3.5.8.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(stock.length);
    ensureSegmenterLoaded();
    const names = () => nodejieba.tagNames();
    const inBackground = await Promise.all(lines.map((line) => nodejieba.tagPackedAsync(line)));
    lines.forEach((line, i) => {
      expect(nodejieba.tag(line).map((t) => [t.word, t.tag]), line).toEqual(stock[i]);
      const triples = nodejieba.tagPacked(line);
      expect(Array.from(inBackground[i]), line).toEqual(Array.from(triples));
      const packed: [string, string][] = [];
      for (let k = 0, at = 0; k < triples.length; at += triples[k], k += 3) packed.push([line.slice(at, at + triples[k]), names()[triples[k + 1]]]);
      expect(packed, line).toEqual(stock[i]);
    });
  });

  it('loadShared (and loadSharedAsync) give worker threads the dictionary the first thread built, read-only', () => {
    // A child process: the test runner's own nodejieba is loaded already.
    const script = `
      const { Worker } = require('node:worker_threads');
      const nj = require(${JSON.stringify(moduleDir)});
      nj.loadShared();
      const text = '推动高质量发展要拿出真金白银，也要算好民生账。';
      const here = nj.tag(text);
      let refused = '';
      try { nj.insertWord('民生账'); } catch (e) { refused = e.message; }
      const worker = new Worker(\`
        const nj = require(\${JSON.stringify(${JSON.stringify(moduleDir)})});
        nj.loadSharedAsync().then(() => require('node:worker_threads').parentPort.postMessage(nj.tag(\${JSON.stringify(text)})));\`, { eval: true });
      worker.once('message', (there) => {
        process.stdout.write(JSON.stringify({ here, there, refused }));
        worker.terminate();
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(out.here).toContainEqual({ word: '高质量', tag: 'n' });
    expect(out.there).toEqual(out.here);
    expect(out.refused).toContain('loadShared');
  });

  it('survives a worker thread terminated while its background loads and segmentations are running', () => {
    const script = `
      const { Worker } = require('node:worker_threads');
      const nj = require(${JSON.stringify(moduleDir)});
      const worker = new Worker(\`
        const nj = require(\${JSON.stringify(${JSON.stringify(moduleDir)})});
        const text = '推动高质量发展要拿出真金白银，也要算好民生账。'.repeat(2000);
        nj.loadSharedAsync().then(() => { for (let i = 0; i < 8; i++) nj.tagPackedAsync(text); require('node:worker_threads').parentPort.postMessage('busy'); });\`, { eval: true });
      worker.once('message', async () => {
        await worker.terminate();
        nj.loadShared();
        const after = await nj.tagPackedAsync('民生账');
        process.stdout.write(JSON.stringify({ exitedCleanly: true, triples: after.length }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(out).toEqual({ exitedCleanly: true, triples: 6 });
  });
});
