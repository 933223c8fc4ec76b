import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/engine/config/types';
import { CancelledError, LintPool, type LintTask } from '../../server/src/workspace/lint-pool';
import { tempDir } from './helpers';

const { dir, cleanup } = tempDir('pool');
afterAll(cleanup);

// A stand-in worker speaking the pool's protocol: it dies on "crash", hangs on "hang", and
// otherwise answers with the file name and its thread id.
const WORKER = path.join(dir, 'fake-worker.js');
writeFileSync(
  WORKER,
  `const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', ({ id, task }) => {
  if (task.display === 'crash') process.exit(3);
  if (task.display === 'hang') return;
  if (task.display === 'throw') return parentPort.postMessage({ id, error: '规则库出错' });
  parentPort.postMessage({ id, outcome: { result: { file: task.display, text: String(threadId), findings: [], ruleFailures: [] }, fixed: 0 } });
});`,
);

const task = (display: string): LintTask => ({ display, bytes: new Uint8Array(), config: defaultConfig(), fix: false });

describe('LintPool', () => {
  it('spreads files over its workers and returns each result to its caller', async () => {
    const pool = new LintPool(2, WORKER);
    const outcomes = await Promise.all(['一.txt', '二.txt', '三.txt', '四.txt'].map((f) => pool.run(task(f))));
    expect(outcomes.map((o) => o.result.file)).toEqual(['一.txt', '二.txt', '三.txt', '四.txt']);
    expect(new Set(outcomes.map((o) => o.result.text)).size).toBe(2);
    await pool.close();
  });

  it('fails only the file whose worker died, and carries on with a fresh worker', async () => {
    const pool = new LintPool(1, WORKER);
    const crashed = pool.run(task('crash'));
    const next = pool.run(task('after.txt'));
    await expect(crashed).rejects.toThrow(/退出码 3/);
    expect((await next).result.file).toBe('after.txt');
    await pool.close();
  });

  it('passes a worker-side error back as a rejection', async () => {
    const pool = new LintPool(1, WORKER);
    await expect(pool.run(task('throw'))).rejects.toThrow('规则库出错');
    await pool.close();
  });

  it('close() cancels running and queued files', async () => {
    const pool = new LintPool(1, WORKER);
    const running = pool.run(task('hang')).catch((err) => err);
    const queued = pool.run(task('queued.txt')).catch((err) => err);
    await pool.close();
    expect(await running).toBeInstanceOf(CancelledError);
    expect(await queued).toBeInstanceOf(CancelledError);
    await expect(pool.run(task('late.txt'))).rejects.toBeInstanceOf(CancelledError);
  });
});
