// `opinion-lint learn` and `opinion-lint merge`: build a house-style profile from a corpus, or
// merge shard profiles (learned in parallel, possibly on other machines) into one.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LearnResult } from '../engine/profile/learn';
import { parseProfileText } from '../engine/profile/load';
import { composeProfile, mergeProfiles } from '../engine/profile/merge';
import { writeProfileJson } from '../engine/profile/serialize';
import type { Profile } from '../engine/profile/types';
import { learnCorpus, type LearnProgress } from '../workspace/learn';
import { formatBytes } from '../workspace/read';
import { UsageError } from './args';
import type { CliIO } from './lint-command';
import { writeFileAtomic } from '../workspace/write';

export interface LearnCommandOptions {
  corpus: string[];
  output?: string;
  name?: string;
  shard: boolean;
  /** Corpora of the same register that add to phrase statistics only. */
  register: string[];
  /** Worker threads that each learn a share (default: see workspace/learn.ts); 0 learns in this thread. */
  jobs?: number;
}

export async function runLearn(opts: LearnCommandOptions, io: CliIO): Promise<number> {
  if (opts.corpus.length === 0) throw new UsageError('请给出语料文件夹或文件，例如：opinion-lint learn 我的报社文章/ -o profile.json');
  if (!opts.output) throw new UsageError('请用 -o 指定档案的输出文件，例如 -o profile.json');
  for (const p of [...opts.corpus, ...opts.register]) {
    if (!existsSync(path.resolve(io.cwd, p))) throw new UsageError(`找不到语料路径 “${p}”。`);
  }
  const output = path.resolve(io.cwd, opts.output);
  if (!existsSync(path.dirname(output))) throw new UsageError(`输出文件 ${opts.output} 所在的文件夹不存在。`);
  const name = opts.name ?? path.basename(output).replace(/\.json$/i, '');
  const started = Date.now();
  const progress = learnProgress(io.stderr);

  const learn = async (paths: string[], label: string): Promise<LearnResult> => {
    const result = await learnCorpus(
      paths.map((p) => path.resolve(io.cwd, p)),
      { name, shard: opts.shard || opts.register.length > 0, jobs: opts.jobs, onProgress: (p) => progress(label, p) },
    );
    progress.done();
    return result;
  };

  const house = await learn(opts.corpus, '学习');
  const registers: LearnResult[] = [];
  for (const r of opts.register) registers.push(await learn([r], `学习套话统计语料 ${r}`));
  const profile = registers.length ? composeProfile(name, house.profile, [house.profile, ...registers.map((r) => r.profile)], { shard: opts.shard }) : house.profile;
  writeFileAtomic(output, (write) => writeProfileJson(profile, write));

  const seconds = (Date.now() - started) / 1000;
  const report = (label: string, r: LearnResult) =>
    `${label}：${r.stats.files} 个文件（${formatBytes(r.stats.bytes)}），${r.stats.articles} 篇文章，${r.stats.bylines} 个署名，${r.stats.chars} 个汉字`;
  const lines = [report('文风语料', house), ...registers.map((r, i) => report(`套话统计语料 ${opts.register[i]}`, r))];
  for (const r of [house, ...registers]) for (const s of r.stats.skipped) lines.push(`  已跳过 ${s.file}：${s.reason}`);
  lines.push(`套话表 ${profile.register.phrases.length} 条，已发表数字 ${profile.house.figures.length} 个。`);
  lines.push(`${profile.kind === 'shard' ? '可合并分片' : '文风档案'} “${name}” 已写入 ${opts.output}（用时 ${seconds.toFixed(1)} 秒）。`);
  io.stderr.write(`${lines.join('\n')}\n`);
  if (house.stats.articles === 0) {
    io.stderr.write('警告：没有在语料中找到任何文章，档案是空的。请检查语料路径和文件格式（.txt、.md）。\n');
    return 1;
  }
  return 0;
}

export interface MergeCommandOptions {
  profiles: string[];
  output?: string;
  name?: string;
  shard: boolean;
}

export function runMerge(opts: MergeCommandOptions, io: CliIO): number {
  if (opts.profiles.length === 0) throw new UsageError('请给出要合并的档案文件，例如：opinion-lint merge a.json b.json -o all.json');
  if (!opts.output) throw new UsageError('请用 -o 指定合并结果的输出文件。');
  const output = path.resolve(io.cwd, opts.output);
  if (!existsSync(path.dirname(output))) throw new UsageError(`输出文件 ${opts.output} 所在的文件夹不存在。`);
  const inputs: Profile[] = [];
  for (const p of opts.profiles) {
    const abs = path.resolve(io.cwd, p);
    if (!existsSync(abs)) throw new UsageError(`找不到档案文件 “${p}”。`);
    const read = readProfileFile(abs);
    if (read.error || !read.profile) throw new UsageError(`无法读取档案 ${p}：${read.error}`);
    inputs.push(read.profile);
  }
  const notShards = opts.profiles.filter((_, i) => inputs[i].kind !== 'shard');
  if (notShards.length) {
    io.stderr.write(`注意：${notShards.join('、')} 不是分片（learn --shard 生成），已裁剪过的计数只能近似合并。\n`);
  }
  const merged = mergeProfiles(inputs, { name: opts.name, shard: opts.shard });
  writeFileAtomic(output, (write) => writeProfileJson(merged, write));
  io.stderr.write(`已合并 ${inputs.length} 个档案：${merged.register.articles} 篇文章，${merged.register.chars} 个汉字，套话表 ${merged.register.phrases.length} 条。结果写入 ${opts.output}。\n`);
  return 0;
}

function readProfileFile(abs: string): { profile?: Profile; error?: string } {
  try {
    return parseProfileText(readFileSync(abs, 'utf8'), abs);
  } catch (err) {
    return { error: `读取失败（${(err as NodeJS.ErrnoException).code ?? String(err)}）。` };
  }
}

/** A progress line on stderr: rewritten in place on a terminal, every ten seconds otherwise. */
function learnProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }) {
  const started = Date.now();
  let last = 0;
  let shown = false;
  const update = (label: string, p: LearnProgress) => {
    const now = Date.now();
    const interval = stream.isTTY ? 200 : 10_000;
    if (now - last < interval && p.filesDone !== p.filesTotal) return;
    if (!stream.isTTY && now - started < interval) return;
    last = now;
    const mbs = (p.bytesDone / 1024 / 1024 / Math.max(0.001, (now - started) / 1000)).toFixed(1);
    const line = `${label}：${p.filesDone}/${p.filesTotal} 个文件，${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}，${p.articles} 篇文章，${mbs} MB/秒`;
    if (stream.isTTY) {
      stream.write(`\r\x1b[K${line}`);
      shown = true;
    } else stream.write(`${line}\n`);
  };
  return Object.assign(update, {
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  });
}
