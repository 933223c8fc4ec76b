import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleProbe, tempDir } from './helpers';

interface ProbeResult {
  pid: number;
  threadsBefore: number;
  lowered: number[];
  nice: Record<string, number>;
}

const { dir, cleanup } = tempDir('priority');
afterAll(cleanup);
// Bundled and run by plain node: a TypeScript loader would start the pool before the probe runs.
const PROBE = bundleProbe('pool-priority.ts', path.join(dir, 'probe.js'));

function probe(poolSize: number, ...args: string[]): ProbeResult {
  const out = execFileSync(process.execPath, [PROBE, ...args], { env: { ...process.env, UV_THREADPOOL_SIZE: String(poolSize) }, encoding: 'utf8' });
  return JSON.parse(out) as ProbeResult;
}

// The helper tells threads apart by Linux's per-thread task list (elsewhere it does nothing).
describe.runIf(process.platform === 'linux')('lowering the priority of libuv pool threads', () => {
  it('lowers exactly the pool threads it started, once per process', () => {
    const r = probe(3);
    expect(r.lowered).toEqual([3, 0]);
    const values = Object.entries(r.nice);
    expect(values.filter(([, n]) => n === 19)).toHaveLength(3);
    // Every other thread, the calling one first, keeps its priority.
    expect(r.nice[String(r.pid)]).toBe(0);
    expect(values.filter(([, n]) => n === 0)).toHaveLength(values.length - 3);
    expect(values.length).toBe(r.threadsBefore + 3);
  });

  it('lowers nothing when the pool was already running (its threads cannot be told apart)', () => {
    const r = probe(2, '--pool-running');
    expect(r.lowered).toEqual([0, 0]);
    expect(Object.values(r.nice).every((n) => n === 0)).toBe(true);
  });
});
