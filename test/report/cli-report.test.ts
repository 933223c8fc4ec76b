// `opinion-lint lint <folder> --format markdown|html`: the report formats in the CLI's registry.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/app';
import { PROJECT_ROOT } from '../helpers/corpus';

const drafts = readdirSync(path.join(PROJECT_ROOT, 'examples')).filter((f) => /\.(txt|md|draft)$/.test(f));
const outDir = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-cli-report-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli(args, { cwd: PROJECT_ROOT, stdout, stderr, cancelled: () => false, onCancel: () => {}, toolVersion: 'test', buildId: 'cli-report-test' });
  return { code, stdout: out, stderr: err };
}

describe('report formats in the CLI', () => {
  it('--format markdown prints the table, one row per draft, worst first, and the summary', async () => {
    const { code, stdout, stderr } = await cli(['lint', 'examples', '--format', 'markdown', '--jobs', '0', '--no-cache']);
    expect(code, stderr).toBe(1); // the examples carry errors
    expect(stdout).toMatch(/^# 评论稿检查报告：examples\n/);
    const rows = stdout.split('\n').filter((l) => /^\| \d+ \| \d+ \|/.test(l));
    expect(rows).toHaveLength(drafts.length);
    const scores = rows.map((r) => Number(r.split('|')[2]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(stdout).toContain('## 各规则问题数');
    for (const file of drafts) expect(stdout).toContain(`examples/${file}`);
  });

  it('--format html -o writes one self-contained page', async () => {
    const out = path.join(outDir, 'report.html');
    const { code, stdout, stderr } = await cli(['lint', 'examples', '--format', 'html', '-o', out, '--jobs', '0', '--no-cache']);
    expect(code, stderr).toBe(1);
    expect(stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html.match(/<tr data-row=/g)).toHaveLength(drafts.length);
    // Self-contained: nothing loaded from elsewhere.
    expect(html).not.toMatch(/<(link|img|iframe)\b/);
    expect(html).not.toMatch(/\s(src|href)=/);
  });
});
