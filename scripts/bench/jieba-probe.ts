// Child process of the bench: nodejieba alone, in a fresh process so that load time and memory are
// its own. `mode` = 'nodejieba' loads everything stock nodejieba loads (nodejieba.load() plus the
// TextRank extractor, which our patched build defers to first use), 'engine' loads the dictionaries
// the way the engine's segmenter does. Both use the installed (patched) addon, whose trie makes
// segmentation about twice as fast as stock nodejieba. 'portable' loads them as the engine does
// into the portable segmenter (the same code as WebAssembly; the parent sets
// OPINION_LINT_SEGMENTER=portable) and measures what it has: `tagPacked`. Prints one JSON line.
//   tsx scripts/bench/jieba-probe.ts <mode> <draft-file> <corpus-dir>

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as nodejieba from 'nodejieba';
import { median } from './stats';

const [mode, draftFile, corpusDir] = process.argv.slice(2);

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  // The engine's load: choosing the segmenter (the portable one compiles its module), then the dictionaries.
  let backend: import('../../server/src/engine/text/jieba').JiebaBackend | undefined;
  if (mode === 'engine' || mode === 'portable') {
    const { jieba } = await import('../../server/src/engine/text/jieba');
    const segmenter = await import('../../server/src/engine/text/segmenter');
    segmenter.ensureSegmenterLoaded();
    backend = jieba();
    if (backend.kind !== (mode === 'portable' ? 'portable' : 'native')) throw new Error(`mode ${mode} runs on the ${backend.kind} segmenter`);
  } else {
    nodejieba.load();
    nodejieba.textRankExtract('词典', 1);
  }
  const loadMs = performance.now() - started;
  const loadCpu = process.cpuUsage(cpuAtStart);
  const rssAfterLoad = process.memoryUsage().rss;

  const texts = readdirSync(corpusDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => readFileSync(path.join(corpusDir, n), 'utf8'));
  const mb = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;
  const throughput = (fn: (t: string) => unknown) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (const text of texts) fn(text);
    const wallS = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    return { wall: mb / wallS, cpu: mb / ((used.user + used.system) / 1e6) };
  };
  const hwm = () => {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    return kb ? Number(kb[1]) / 1024 : undefined;
  };
  const loaded = { mode, load_ms: loadMs, load_cpu_ms: (loadCpu.user + loadCpu.system) / 1000, load_rss_mb: (rssAfterLoad - rssBefore) / 1048576, rss_mb: rssAfterLoad / 1048576 };
  if (mode === 'portable' && backend) {
    // The portable segmenter offers what the engine calls, tagPacked, and nothing else.
    const portable = backend;
    throughput((t) => portable.tagPacked(t)); // warm, as the native rows are by tag and cut before
    const tagPacked = throughput((t) => portable.tagPacked(t));
    process.stdout.write(JSON.stringify({ ...loaded, peak_rss_mb: hwm(), tag_packed_mb_s: tagPacked.wall, tag_packed_mb_cpu_s: tagPacked.cpu }) + '\n');
    return;
  }

  const draft = readFileSync(draftFile, 'utf8');
  const time = (fn: () => unknown, n: number) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      fn();
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  time(() => nodejieba.tag(draft), 5);
  const cutMs = time(() => nodejieba.cut(draft), 30);
  const tagMs = time(() => nodejieba.tag(draft), 30);

  const cut = throughput((t) => nodejieba.cut(t));
  const tag = throughput((t) => nodejieba.tag(t));
  // What the engine calls (patches/nodejieba+*.patch): tag's result as one Int32Array.
  const tagPacked = throughput((t) => nodejieba.tagPacked(t));
  process.stdout.write(
    JSON.stringify({
      ...loaded,
      peak_rss_mb: hwm(),
      cut_ms: cutMs,
      tag_ms: tagMs,
      cut_mb_s: cut.wall,
      tag_mb_s: tag.wall,
      cut_mb_cpu_s: cut.cpu,
      tag_mb_cpu_s: tag.cpu,
      tag_packed_mb_s: tagPacked.wall,
    }) + '\n',
  );
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});
