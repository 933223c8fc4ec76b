// Folder lint over a hostile workspace with the built CLI: symlink loops, files nobody can read,
// files deleted or rewritten while the run reads them, awkward names, and 20,000 files. Each run
// finishes, lists what it skipped and why, and keeps its memory bounded.
//
// We run as root, for whom chmod 000 blocks nothing, so "unreadable" is simulated with files the
// kernel refuses to read whole: a named pipe, a link to /proc/self/mem (EIO), a link to
// /proc/self/status (its size changes between stat and read), and a folder named like a draft.

import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, runBin, tempDir } from '../cli/helpers';

const { dir, cleanup } = tempDir('hostile-folder');
afterAll(cleanup);

const draft = (i: number) => `口袋公园第${i}号\n●林晓\n\n街道新建口袋公园${(i % 9) + 2}座,居民出门就能遛弯。\n`;

interface JsonFile {
  file: string;
  diagnostics: { rule: string }[];
  skipped?: string;
}

/** Skipped files from stderr (`file：reason` lines of the json format). */
function skippedLines(stderr: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stderr.split('\n')) {
    const m = /^(.+?)：(.*已跳过.*)$/.exec(line.trim());
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

describe('a hostile folder', () => {
  it('lints what it can, reports every draft-named thing it skipped with the reason, and exits normally', () => {
    const desk = path.join(dir, 'desk');
    const spaced = path.join(desk, '带 空格 的 文件夹');
    mkdirSync(path.join(desk, 'sub'), { recursive: true });
    mkdirSync(spaced, { recursive: true });
    writeFileSync(path.join(desk, '城市 更新 要算 民生账.txt'), draft(1));
    writeFileSync(path.join(spaced, '稿件 (终稿)·二改.md'), draft(2));
    writeFileSync(path.join(desk, 'a.txt'), draft(3));
    symlinkSync('..', path.join(desk, 'sub', 'up'));
    symlinkSync('.', path.join(desk, 'self'));
    symlinkSync('a.txt', path.join(desk, 'same-as-a.txt'));
    symlinkSync('loop2.txt', path.join(desk, 'loop1.txt'));
    symlinkSync('loop1.txt', path.join(desk, 'loop2.txt'));
    execFileSync('mkfifo', [path.join(desk, 'pipe.txt')]);
    mkdirSync(path.join(desk, 'folder.txt'));
    symlinkSync('/proc/self/mem', path.join(desk, 'mem.txt'));
    symlinkSync('/proc/self/status', path.join(desk, 'status.txt'));
    writeFileSync(path.join(desk, 'photo.txt'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));

    const run = runBin(['lint', 'desk', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    const linted = (JSON.parse(run.stdout) as JsonFile[]).filter((f) => f.skipped === undefined).map((f) => f.file).sort();
    // Each real draft once, through loops and the second link to a.txt.
    expect(linted).toEqual([path.join('desk', 'a.txt'), path.join('desk', '城市 更新 要算 民生账.txt'), path.join('desk', '带 空格 的 文件夹', '稿件 (终稿)·二改.md')].sort());
    const skipped = skippedLines(run.stderr);
    expect(Object.fromEntries(skipped)).toEqual({
      [path.join('desk', 'loop1.txt')]: expect.stringContaining('符号链接循环'),
      [path.join('desk', 'loop2.txt')]: expect.stringContaining('符号链接循环'),
      [path.join('desk', 'pipe.txt')]: expect.stringContaining('不是普通文件'),
      // Links out of the folder are not followed by default (see untrusted.test.ts).
      [path.join('desk', 'mem.txt')]: expect.stringContaining('指向所检查文件夹之外的符号链接'),
      [path.join('desk', 'status.txt')]: expect.stringContaining('指向所检查文件夹之外的符号链接'),
      [path.join('desk', 'photo.txt')]: expect.stringContaining('PNG 图片'),
    });

    // Followed on request, they fail to read whole, and say why.
    const followed = runBin(['lint', 'desk', '--format', 'json', '--follow-symlinks'], dir);
    expect(followed.code).toBe(0);
    expect(Object.fromEntries(skippedLines(followed.stderr))).toMatchObject({
      [path.join('desk', 'mem.txt')]: expect.stringContaining('读取失败（EIO）'),
      [path.join('desk', 'status.txt')]: expect.stringContaining('长度发生变化'),
    });
  });

  it('a named pipe given by name is skipped with the reason instead of blocking the run', () => {
    execFileSync('mkfifo', [path.join(dir, '管道稿.txt')]);
    const run = runBin(['lint', '管道稿.txt'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('管道稿.txt：不是普通文件（命名管道）');
  });

  it('files deleted or rewritten while the run reads them: it finishes, and each one is linted whole or skipped with the reason', async () => {
    ensureBuilt();
    const root = path.join(dir, 'churn');
    mkdirSync(root);
    const total = 3000;
    const names = Array.from({ length: total }, (_, i) => `稿件${String(i).padStart(4, '0')}.txt`);
    for (const [i, name] of names.entries()) writeFileSync(path.join(root, name), draft(i));

    const child = spawn(process.execPath, [BIN, 'lint', 'churn', '--format', 'json', '--jobs', '1'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // While it runs: delete every third file and rewrite every third other one, back to front.
    let running = true;
    void exited.then(() => (running = false));
    const deleted = new Set<string>();
    for (let i = total - 1; i >= 0 && running; i--) {
      const file = path.join(root, names[i]);
      if (i % 3 === 0) {
        unlinkSync(file);
        deleted.add(names[i]);
      } else if (i % 3 === 1) {
        writeFileSync(file, `${draft(i)}又及：稿件已更新,请核对。\n`);
      }
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const code = await exited;
    expect(code).toBe(0);
    expect(deleted.size).toBeGreaterThan(0);
    const listed = JSON.parse(stdout) as JsonFile[];
    const results = listed.filter((r) => r.skipped === undefined);
    const skipped = skippedLines(stderr);
    // The json lists each skipped file with the reason stderr gives.
    expect(Object.fromEntries(listed.filter((r) => r.skipped !== undefined).map((r) => [r.file, r.skipped]))).toEqual(Object.fromEntries(skipped));
    for (const r of results) expect(r.diagnostics.map((d) => d.rule)).toContain('punctuation-width');
    const seen = new Set([...results.map((r) => path.basename(r.file)), ...[...skipped.keys()].map((f) => path.basename(f))]);
    // Nothing seen twice, nothing survived unseen; a file is missing only if it was deleted.
    expect(results.length + skipped.size).toBe(seen.size);
    for (const name of names) if (!seen.has(name)) expect(deleted.has(name)).toBe(true);
    for (const [file, reason] of skipped) {
      expect(deleted.has(path.basename(file))).toBe(true);
      expect(reason).toMatch(/不存在|长度发生变化/);
    }
    expect(existsSync(path.join(root, names[1]))).toBe(true);
  }, 120_000);
});

describe('20,000 files', () => {
  it('finishes, lints every file, and the peak memory (VmHWM) stays bounded', async () => {
    ensureBuilt();
    const root = path.join(dir, 'archive');
    const total = 20_000;
    for (let i = 0; i < total; i++) {
      const folder = path.join(root, `第${Math.floor(i / 1000)}批`);
      if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, `稿件 ${i}.txt`), draft(i));
    }
    const child = spawn(process.execPath, [BIN, 'lint', 'archive', '--format', 'json', '-o', 'archive.json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // VmHWM is the process's peak resident set (worker threads included); the last reading is the peak so far.
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // Exited between polls.
      }
    }, 50);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearInterval(poll);
    expect(code, stderr).toBe(0);
    const results = JSON.parse(readFileSync(path.join(dir, 'archive.json'), 'utf8')) as JsonFile[];
    expect(results).toHaveLength(total);
    expect(new Set(results.map((r) => r.file)).size).toBe(total);
    expect(results.every((r) => r.diagnostics.some((d) => d.rule === 'punctuation-width'))).toBe(true);
    expect(peakKb).toBeGreaterThan(0);
    expect(peakKb).toBeLessThan(1.5 * 1024 * 1024);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  }, 600_000);
});
