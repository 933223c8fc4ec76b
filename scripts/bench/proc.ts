// Runs a command and measures it the way `/usr/bin/time -v` would: wall time, CPU time of the
// process tree (from this process's cutime/cstime, which the kernel adds up when children are
// reaped), and peak memory of the tree (polled from /proc, since worker threads share one pid and
// child processes each have their own).

import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';

export interface RunResult {
  code: number | null;
  wallS: number;
  /** User + system CPU seconds of the whole tree; undefined where /proc is missing. */
  cpuS?: number;
  /** Peak resident memory of the tree in MB (sampled every `pollMs`). */
  peakRssMb?: number;
  stderrTail: string;
}

export interface RunOptions {
  cwd?: string;
  /** File that receives stdout (default: discarded). */
  stdoutFile?: string;
  env?: NodeJS.ProcessEnv;
  timeoutS?: number;
  pollMs?: number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds of this process's reaped children, or undefined off Linux. */
export function childrenCpuS(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at state = field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS; // cutime (16), cstime (17)
  } catch {
    return undefined;
  }
}

/** User + system CPU milliseconds a live process has used (all its threads). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime (14), stime (15)
  } catch {
    return undefined;
  }
}

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Peak resident memory (VmHWM) of one process, in MB. */
export function peakRssMb(pid: number): number {
  return statusKb(pid, 'VmHWM') / 1024;
}

/** `root` and all its descendants. */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [root];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const out = options.stdoutFile ? openSync(options.stdoutFile, 'w') : 'ignore';
  const cpuBefore = childrenCpuS();
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', out, 'pipe'] });
  let stderrTail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
  });
  // Per pid the highest VmHWM seen; the tree's peak is the larger of that sum's best lower bound
  // (the highest simultaneous VmRSS sum) and the root's own high-water mark.
  let peakTreeKb = 0;
  let rootHwmKb = 0;
  const poll = () => {
    if (!child.pid) return;
    const pids = processTree(child.pid);
    peakTreeKb = Math.max(peakTreeKb, pids.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0));
    rootHwmKb = Math.max(rootHwmKb, statusKb(child.pid, 'VmHWM'));
  };
  const timer = setInterval(poll, options.pollMs ?? 100);
  const killer = options.timeoutS ? setTimeout(() => child.kill('SIGKILL'), options.timeoutS * 1000) : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', (err) => {
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      if (typeof out === 'number') closeSync(out);
      reject(err);
    });
    child.on('exit', () => poll());
    child.on('close', (code) => {
      const wallS = (performance.now() - started) / 1000;
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      if (typeof out === 'number') closeSync(out);
      const cpuAfter = childrenCpuS();
      resolve({
        code,
        wallS,
        cpuS: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
        peakRssMb: Math.max(peakTreeKb, rootHwmKb) / 1024 || undefined,
        stderrTail,
      });
    });
  });
}
