import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFile } from '../../server/src/engine/text/decode';
import { PROJECT_ROOT } from '../helpers/corpus';
import { bundleProbe, ensureBuilt, tempDir } from './helpers';

const { dir, cleanup } = tempDir('read-thread');
afterAll(cleanup);
const FILES: Record<string, string | Buffer> = {
  'utf8.txt': '让公园更开放\n●赵一鸣\n\n城市公园拆除围墙以后，周边居民散步的路线多了起来。𠀀👍🏽\n',
  'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('菜市场也要有温度\n')]),
  'gbk.txt': Buffer.from('d0a3d4b0b1e4c1cbd1f90a', 'hex'),
  'binary.txt': Buffer.from([0x61, 0x00, 0x62, 0x00]),
  'large.txt': '夜校'.repeat(5000),
};
const MAX_BYTES = 16 * 1024;

describe('the reading thread of learn', () => {
  it('answers batches asked for before it started, and after, with what reading in this thread gives', () => {
    for (const [name, content] of Object.entries(FILES)) writeFileSync(path.join(dir, name), content);
    const paths = [...Object.keys(FILES), 'missing.txt'].map((name) => path.join(dir, name));
    // The thread's script is found beside the running bundle: the probe is bundled next to a copy of the built one.
    ensureBuilt();
    copyFileSync(path.join(PROJECT_ROOT, 'server/out/read-worker.js'), path.join(dir, 'read-worker.js'));
    const probe = bundleProbe('read-thread.ts', path.join(dir, 'probe.js'), ['iconv-lite']);
    // Both bundles leave iconv-lite (GB18030) to node_modules, which the temporary folder has not.
    const env = { ...process.env, NODE_PATH: path.join(PROJECT_ROOT, 'node_modules') };
    const out = execFileSync(process.execPath, [probe, String(MAX_BYTES), ...paths], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
    const { early, late } = JSON.parse(out);
    const here = paths.map((p) => readTextFile(p, MAX_BYTES));
    expect(early).toEqual(here);
    expect(late).toEqual([here.slice(0, 3), here]);
    expect(here.map((r) => r.ok)).toEqual([true, true, true, false, false, false]);
    expect(here[2]).toMatchObject({ ok: true, encoding: 'gb18030', text: '校园变了样\n' });
  }, 60_000);
});
