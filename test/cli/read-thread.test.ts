import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadThread, type ReadThread } from '../../server/src/cli/read-thread';
import type { CorpusFile } from '../../server/src/engine/profile/learn';
import { readTextFile } from '../../server/src/engine/text/decode';
import { PROJECT_ROOT } from '../helpers/corpus';
import { ensureBuilt, tempDir } from './helpers';

const { dir, cleanup } = tempDir('read-thread');
const FILES: Record<string, string | Buffer> = {
  'utf8.txt': '让公园更开放\n●赵一鸣\n\n城市公园拆除围墙以后，周边居民散步的路线多了起来。𠀀👍🏽\n',
  'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('菜市场也要有温度\n')]),
  'gbk.txt': Buffer.from('d0a3d4b0b1e4c1cbd1f90a', 'hex'),
  'binary.txt': Buffer.from([0x61, 0x00, 0x62, 0x00]),
  'large.txt': '夜校'.repeat(5000),
};
const MAX_BYTES = 16 * 1024;
const files = [...Object.keys(FILES), 'missing.txt'].map((name) => ({ absolute: path.join(dir, name) }) as CorpusFile);
let thread: ReadThread;

beforeAll(() => {
  for (const [name, content] of Object.entries(FILES)) writeFileSync(path.join(dir, name), content);
  ensureBuilt();
  thread = startReadThread(path.join(PROJECT_ROOT, 'server/out'))!;
});
afterAll(async () => {
  await thread?.close();
  cleanup();
});

describe('the reading thread of learn', () => {
  const inThisThread = () => files.map((f) => readTextFile(f.absolute, MAX_BYTES));

  it('answers batches asked for before it started, and after, with what reading in this thread gives', async () => {
    const early = thread.readBatch(files, MAX_BYTES);
    await thread.started;
    const late = [thread.readBatch(files.slice(0, 3), MAX_BYTES), thread.readBatch(files, MAX_BYTES)];
    expect(await early).toEqual(inThisThread());
    expect(await late[0]).toEqual(inThisThread().slice(0, 3));
    expect(await late[1]).toEqual(inThisThread());
    const results = await late[1];
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false, false]);
    expect(results[2]).toMatchObject({ ok: true, encoding: 'gb18030', text: '校园变了样\n' });
  });
});
