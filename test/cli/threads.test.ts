import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DRAFTS, runBin, runInProcess, tempDir } from './helpers';

const { dir, cleanup } = tempDir('threads');
afterAll(cleanup);
for (const [name, text] of Object.entries(DRAFTS)) writeFileSync(path.join(dir, `${name}.txt`), text);
// More drafts than two workers hold at once, so some wait their turn in a worker's queue.
for (let i = 1; i <= 5; i++) writeFileSync(path.join(dir, `desk-${i}.txt`), DRAFTS.commas.replace('李明', `李明${'一二三四五'[i - 1]}`));

describe('linting on worker threads', () => {
  it('reports what linting in one thread reports, in the same order', async () => {
    const inThread = await runInProcess(['lint', '.', '--format', 'json', '-j', '0', '--no-cache'], dir);
    const threaded = runBin(['lint', '.', '--format', 'json', '-j', '2', '--no-cache'], dir);
    expect(threaded.code).toBe(inThread.code);
    expect(threaded.stdout).toBe(inThread.stdout);
    expect(JSON.parse(threaded.stdout)).toHaveLength(8);
  });

  it('gives the folder report the summaries it needs from the workers', async () => {
    const inThread = await runInProcess(['lint', '.', '--format', 'markdown', '-j', '0', '--no-cache'], dir);
    const threaded = runBin(['lint', '.', '--format', 'markdown', '-j', '2', '--no-cache'], dir);
    expect(threaded.stdout).toBe(inThread.stdout);
    expect(threaded.stdout).toContain('陈思远');
  });

  it('fills the cache from the workers with the summaries a later folder report needs', async () => {
    const fresh = await runInProcess(['lint', '.', '--format', 'markdown', '-j', '0', '--no-cache'], dir);
    runBin(['lint', '.', '--format', 'json', '-j', '2', '--cache', '--cache-location', 'threads.cache'], dir);
    const cached = runBin(['lint', '.', '--format', 'markdown', '-j', '2', '--cache', '--cache-location', 'threads.cache'], dir);
    expect(cached.stdout).toBe(fresh.stdout);
  });
});
