// `npm run bench [-- --json] [-- --quick] [-- --parts keystroke,server,…] [-- --no-build] [-- --keep]`
//
// Builds a benchmark folder from ../shared/corpus/people-daily and measures, in one run on the same
// input: nodejieba alone, the keystroke path of the engine, the language server, `opinion-lint lint`
// over the folder (no cache, then cached twice), the peers zhlint and autocorrect over the same
// folder, and `learn`/`merge`. Segmentation, keystrokes and the language server are measured on
// the portable segmenter (WebAssembly) too, beside the native addon. Prints a table (or one JSON object with --json), writes
// bench-results/latest.json and docs/benchmark.md. A part whose subject is missing or fails is
// reported as n/a with the reason; the other parts still run.

import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDraft, typingEdits } from './draft';
import { buildBenchFolder, readArticles } from './folder';
import { measureKeystrokes } from './keystroke';
import { childrenCpuS, run, type RunResult } from './proc';
import { renderMarkdown, renderTable, REQUIRED_KEYS, type Metrics } from './report';
import { measureServer } from './server';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = process.env.OPINION_LINT_CORPUS ? path.join(process.env.OPINION_LINT_CORPUS, 'people-daily') : path.resolve(ROOT, '../shared/corpus/people-daily');
// The bench runs a snapshot of the build taken at its start, so that a rebuild during the run
// (which changes the build identity and so invalidates the result cache) cannot skew it.
const SNAPSHOT = path.join(ROOT, 'bench-results/snapshot');
const CLI = path.join(SNAPSHOT, 'bin/opinion-lint.js');
const SERVER_JS = path.join(SNAPSHOT, 'server/out/server.js');
const PARTS = ['jieba', 'keystroke', 'server', 'folder', 'peers', 'learn'] as const;
type Part = (typeof PARTS)[number];

interface Args {
  json: boolean;
  quick: boolean;
  build: boolean;
  keep: boolean;
  parts: Set<Part>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, quick: false, build: true, keep: false, parts: new Set(PARTS) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--no-build') args.build = false;
    else if (a === '--keep') args.keep = true;
    else if (a === '--parts' || a.startsWith('--parts=')) {
      const list = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const wanted = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
      if (unknown.length || !wanted.length) fail(`--parts takes a comma list of: ${PARTS.join(', ')}`);
      args.parts = new Set(wanted as Part[]);
    } else fail(`unknown option ${a}; options: --json --quick --parts <${PARTS.join(',')}> --no-build --keep`);
  }
  return args;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function machine() {
  const cpu = /model name\s*:\s*(.+)/.exec(safeRead('/proc/cpuinfo'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return { nproc: os.availableParallelism(), cpu: cpu.trim(), node: process.version, memory_gb: Math.round(os.totalmem() / 2 ** 30), load_avg_start: os.loadavg()[0] };
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function corpusBytes(dir: string): number {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .reduce((sum, n) => sum + statSync(path.join(dir, n)).size, 0);
}

/** Runs `opinion-lint` and insists on a clean exit (0, or 1 for "problems found"). */
async function cli(args: string[], options: { cwd: string; stdoutFile?: string }): Promise<RunResult> {
  if (!existsSync(path.join(SNAPSHOT, 'server/out/cli.js'))) throw new Error('server/out/cli.js is not built');
  const r = await run(process.execPath, [CLI, ...args], { ...options, timeoutS: 600 });
  if (r.code !== 0 && r.code !== 1) throw new Error(`opinion-lint ${args[0]} exited ${r.code}: ${r.stderrTail.trim().split('\n').slice(-2).join(' | ')}`);
  return r;
}

/**
 * Learning runs are short (one to four seconds), so a moment's slowness of the machine moves a single
 * run by a third: each is run LEARN_RUNS times and the run with the median wall time is reported.
 */
const LEARN_RUNS = 3;
/** First run and cached re-run pairs (see the folder part). */
const CACHE_PAIRS = 3;

async function medianRun(once: () => Promise<RunResult>): Promise<RunResult & { runsS: number[] }> {
  const runs: RunResult[] = [];
  for (let i = 0; i < LEARN_RUNS; i++) runs.push(await once());
  const byWall = [...runs].sort((a, b) => a.wallS - b.wallS);
  return { ...byWall[Math.floor(byWall.length / 2)], runsS: runs.map((r) => Number(r.wallS.toFixed(2))) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CORPUS)) fail(`corpus not found at ${CORPUS}: the benchmark needs ../shared/corpus/people-daily beside the project (or OPINION_LINT_CORPUS)`);
  const startedAt = new Date();
  const m: Metrics = { values: {}, notes: {}, machine: machine() };
  const set = (values: Record<string, unknown>) => Object.assign(m.values, values);
  const na = (keys: string[], reason: string) => {
    for (const k of keys) m.notes[k] = reason;
    log(`n/a: ${keys.join(', ')} — ${reason}`);
  };

  const partKeys: Record<Part, string[]> = {
    jieba: ['jieba_load_ms', 'engine_jieba_load_ms', 'portable_jieba_load_ms'],
    keystroke: ['keystroke_ms_p50', 'keystroke_ms_p95', 'tag_ms_p50', 'portable_keystroke_ms_p50'],
    server: ['server_first_diagnostics_ms', 'server_burst_ms', 'server_rss_mb', 'portable_server_first_diagnostics_ms'],
    folder: ['ours_s', 'folder_mb_s', 'folder_files_s', 'cached_rerun_speedup'],
    peers: ['zhlint_s', 'autocorrect_s'],
    learn: ['learn_mb_s', 'merge_s'],
  };
  for (const part of PARTS) if (!args.parts.has(part)) for (const k of partKeys[part]) m.notes[k] = 'not run: --parts';

  if (args.build) {
    log('building (npm run build)…');
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
      log(`build failed, measuring what is already built: ${String((err as { stderr?: Buffer }).stderr ?? err).split('\n').slice(0, 3).join(' | ')}`);
    }
  }

  snapshotBuild();
  const work = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-bench-'));
  try {
    const articles = readArticles(CORPUS);
    const draftFile = path.join(work, 'draft.txt');
    const draft = buildDraft(articles, 5000);
    writeFileSync(draftFile, draft);
    const edits = typingEdits(draft, args.quick ? 60 : 200);

    if (args.parts.has('jieba')) {
      log('nodejieba alone, and the portable segmenter (fresh processes)…');
      for (const mode of ['nodejieba', 'engine', 'portable'] as const) {
        try {
          const probe = probeJson('jieba-probe.ts', [mode, draftFile, CORPUS], mode === 'portable' ? 'portable' : 'native');
          if (mode === 'nodejieba') {
            set({ jieba_load_ms: probe.load_ms, jieba_load_cpu_ms: probe.load_cpu_ms, jieba_rss_mb: probe.rss_mb, jieba_cut_ms: probe.cut_ms, jieba_tag_ms: probe.tag_ms, jieba_cut_mb_s: probe.cut_mb_s, jieba_tag_mb_s: probe.tag_mb_s, jieba_tag_packed_mb_s: probe.tag_packed_mb_s });
          } else {
            const prefix = mode === 'engine' ? 'engine_jieba' : 'portable_jieba';
            set({ [`${prefix}_load_ms`]: probe.load_ms, [`${prefix}_load_cpu_ms`]: probe.load_cpu_ms, [`${prefix}_rss_mb`]: probe.rss_mb });
            if (mode === 'portable') set({ portable_tag_packed_mb_s: probe.tag_packed_mb_s });
          }
        } catch (err) {
          na([{ nodejieba: 'jieba_load_ms', engine: 'engine_jieba_load_ms', portable: 'portable_jieba_load_ms' }[mode]], errorText(err));
        }
      }
    }

    if (args.parts.has('keystroke')) {
      log(`keystroke: ${edits.length} one-character edits of a ${draft.length}-character draft, native, then portable in a fresh process…`);
      try {
        const k = await measureKeystrokes(draft, edits, { tagBaseline: true });
        if (k.segmenter !== 'native') throw new Error(`the native keystroke run used the ${k.segmenter} segmenter`);
        set(k);
      } catch (err) {
        na(['keystroke_ms_p50', 'keystroke_ms_p95', 'tag_ms_p50'], errorText(err));
      }
      // This process chose its segmenter when it started: the portable one runs in a child.
      try {
        const editsFile = path.join(work, 'edits.json');
        writeFileSync(editsFile, JSON.stringify(edits));
        const k = probeJson('keystroke-probe.ts', [draftFile, editsFile], 'portable');
        if (k.segmenter !== 'portable') throw new Error(`the portable keystroke run used the ${k.segmenter} segmenter`);
        set({ portable_keystroke_ms_p50: k.keystroke_ms_p50, portable_keystroke_ms_p95: k.keystroke_ms_p95, portable_keystroke_cpu_ms_p50: k.keystroke_cpu_ms_p50, portable_parse_ms_p50: k.parse_ms_p50, portable_cold_lint_ms: k.cold_lint_ms });
      } catch (err) {
        na(['portable_keystroke_ms_p50'], errorText(err));
      }
    }

    if (args.parts.has('server')) {
      log('language server: open, then a burst of edits, native then portable…');
      for (const segmenter of ['native', 'portable'] as const) {
        try {
          if (!existsSync(SERVER_JS)) throw new Error('server/out/server.js is not built');
          const s = await measureServer({ serverJs: SERVER_JS, serverSource: path.join(ROOT, 'server/src/server.ts'), draftFile, edits: edits.slice(0, 20), typingIntervalMs: 30, segmenter });
          if (segmenter === 'native') set(s);
          else set({ portable_server_first_diagnostics_ms: s.server_first_diagnostics_ms, portable_server_first_diagnostics_cpu_ms: s.server_first_diagnostics_cpu_ms, portable_server_burst_ms: s.server_burst_ms, portable_server_rss_mb: s.server_rss_mb });
        } catch (err) {
          na(segmenter === 'native' ? ['server_first_diagnostics_ms', 'server_burst_ms', 'server_rss_mb'] : ['portable_server_first_diagnostics_ms'], errorText(err));
        }
      }
    }
    const nv = m.values as Record<string, number | undefined>;
    if (nv.portable_keystroke_ms_p50 && nv.keystroke_ms_p50) set({ portable_keystroke_ratio: nv.portable_keystroke_ms_p50 / nv.keystroke_ms_p50 });
    if (nv.portable_tag_packed_mb_s && nv.jieba_tag_packed_mb_s) set({ portable_tag_packed_ratio: nv.portable_tag_packed_mb_s / nv.jieba_tag_packed_mb_s });

    const folderDir = path.join(work, 'folder');
    let folder: ReturnType<typeof buildBenchFolder> | undefined;
    if (args.parts.has('folder') || args.parts.has('peers') || args.parts.has('learn')) {
      const files = args.quick ? 500 : 2500;
      const bytes = args.quick ? 2.3e6 : 11.5e6;
      folder = buildBenchFolder({ corpusDir: CORPUS, outDir: folderDir, files, bytes });
      set({ folder_files: folder.files, folder_mb: folder.bytes / 1e6 });
      log(`folder: ${folder.files} files, ${(folder.bytes / 1e6).toFixed(1)} MB (${folder.variants} variants of ${folder.articles} articles)`);
    }

    if (folder && args.parts.has('folder')) {
      try {
        log('opinion-lint lint --format json --no-cache…');
        const jsonOut = path.join(work, 'lint.json');
        const cold = await cli(['lint', folderDir, '--format', 'json', '--no-cache'], { cwd: work, stdoutFile: jsonOut });
        const report = JSON.parse(readFileSync(jsonOut, 'utf8')) as { diagnostics: unknown[] }[];
        set({
          ours_s: cold.wallS,
          ours_cpu_s: cold.cpuS,
          folder_mb_s: folder.bytes / 1e6 / cold.wallS,
          folder_files_s: folder.files / cold.wallS,
          folder_rss_mb: cold.peakRssMb,
          folder_reported_files: report.length,
          folder_findings: report.reduce((sum, f) => sum + f.diagnostics.length, 0),
        });
        // A re-run takes half a second, so a moment's slowness of the machine moves it by a third: the
        // pair (a first run filling a new cache, then a re-run) is measured CACHE_PAIRS times and the
        // pair with the median speed-up is reported.
        log(`opinion-lint lint --cache, twice (${CACHE_PAIRS} times)…`);
        const pairs: { first: number; second: number }[] = [];
        for (let i = 0; i < CACHE_PAIRS; i++) {
          const cacheFile = path.join(work, `cache-${i}.json`);
          const first = await cli(['lint', folderDir, '--format', 'json', '--cache', '--cache-location', cacheFile], { cwd: work });
          const second = await cli(['lint', folderDir, '--format', 'json', '--cache', '--cache-location', cacheFile], { cwd: work });
          pairs.push({ first: first.wallS, second: second.wallS });
        }
        const median = [...pairs].sort((a, b) => a.first / a.second - b.first / b.second)[Math.floor(CACHE_PAIRS / 2)];
        set({
          cached_first_s: median.first,
          cached_rerun_s: median.second,
          cached_rerun_speedup: median.first / median.second,
          cached_rerun_runs_s: pairs.map((p) => Number(p.second.toFixed(2))),
          cached_rerun_speedups: pairs.map((p) => Number((p.first / p.second).toFixed(1))),
        });
      } catch (err) {
        na(['ours_s', 'folder_mb_s', 'folder_files_s', 'cached_rerun_speedup'], errorText(err));
      }
    }

    if (folder && args.parts.has('peers')) {
      log('zhlint over the same folder…');
      try {
        const zh = await run(process.execPath, [path.join(ROOT, 'node_modules/zhlint/bin/index.js'), '*.txt'], { cwd: folderDir, timeoutS: 600 });
        // zhlint exits 1 when it reports problems; anything else is a failure.
        if (zh.code !== 0 && zh.code !== 1) throw new Error(`zhlint exited ${zh.code}: ${zh.stderrTail.trim().split('\n').slice(-2).join(' | ')}`);
        set({ zhlint_s: zh.wallS, zhlint_cpu_s: zh.cpuS, zhlint_mb_s: folder.bytes / 1e6 / zh.wallS, zhlint_rss_mb: zh.peakRssMb });
      } catch (err) {
        na(['zhlint_s'], errorText(err));
      }
      log('autocorrect over the same folder…');
      try {
        const ac = await run(process.execPath, [path.join(ROOT, 'node_modules/autocorrect-node/cli.js'), '--lint', '--format', 'json', '--quiet', folderDir], { cwd: work, timeoutS: 600 });
        if (ac.code !== 0 && ac.code !== 1) throw new Error(`autocorrect exited ${ac.code}: ${ac.stderrTail.trim().split('\n').slice(-2).join(' | ')}`);
        set({ autocorrect_s: ac.wallS, autocorrect_cpu_s: ac.cpuS, autocorrect_mb_s: folder.bytes / 1e6 / ac.wallS, autocorrect_rss_mb: ac.peakRssMb });
      } catch (err) {
        na(['autocorrect_s'], errorText(err));
      }
    }
    const v = m.values as Record<string, number | undefined>;
    if (v.ours_s && v.zhlint_s) set({ speedup_vs_zhlint: v.zhlint_s / v.ours_s });
    if (v.ours_s && v.autocorrect_s) set({ ours_vs_autocorrect: v.ours_s / v.autocorrect_s });
    // CPU time is less disturbed than wall time by other work on the machine (but does not credit threads).
    if (v.ours_cpu_s && v.zhlint_cpu_s) set({ cpu_speedup_vs_zhlint: v.zhlint_cpu_s / v.ours_cpu_s });
    if (v.ours_cpu_s && v.autocorrect_cpu_s) set({ cpu_ours_vs_autocorrect: v.ours_cpu_s / v.autocorrect_cpu_s });

    if (args.parts.has('learn')) {
      try {
        // Learning's throughput is taken over the bench folder (2,500 articles, 11.5 MB): as for an
        // archive, start-up weighs little there. people-daily alone (3.1 MB) is shown beside it, with
        // what any run costs before and after its corpus: the same command over one article.
        if (!folder) throw new Error('the bench folder was not built');
        log(`learn over the bench folder (${LEARN_RUNS} runs)…`);
        const big = await medianRun(() => cli(['learn', folderDir, '-o', path.join(work, 'learned-folder.json')], { cwd: work }));
        const folderMb = folder.bytes / 1e6;
        set({ learn_s: big.wallS, learn_cpu_s: big.cpuS, learn_mb_s: folderMb / big.wallS, learn_rss_mb: big.peakRssMb, learn_corpus_mb: folderMb, learn_runs_s: big.runsS });
        log(`learn over people-daily (${LEARN_RUNS} runs)…`);
        const pdMb = corpusBytes(CORPUS) / 1e6;
        const pd = await medianRun(() => cli(['learn', CORPUS, '-o', path.join(work, 'learned.json')], { cwd: work }));
        set({ learn_pd_s: pd.wallS, learn_pd_cpu_s: pd.cpuS, learn_pd_mb_s: pdMb / pd.wallS, learn_pd_rss_mb: pd.peakRssMb, learn_pd_corpus_mb: pdMb, learn_pd_runs_s: pd.runsS });
        log(`learn over one article (${LEARN_RUNS} runs)…`);
        const oneDir = path.join(work, 'one-article');
        mkdirSync(oneDir);
        const first = readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).sort()[0];
        copyFileSync(path.join(CORPUS, first), path.join(oneDir, first));
        const one = await medianRun(() => cli(['learn', oneDir, '-o', path.join(work, 'learned-one.json')], { cwd: work }));
        set({ learn_startup_s: one.wallS, learn_startup_runs_s: one.runsS });
        // Throughput once started, estimated by subtracting the one-article run (its counting is negligible).
        if (pd.wallS > one.wallS) set({ learn_pd_mb_s_started: pdMb / (pd.wallS - one.wallS) });
        if (big.wallS > one.wallS) set({ learn_mb_s_started: folderMb / (big.wallS - one.wallS) });
        // Shards are learned side by side, one per core, as an archive would be learned on many machines.
        const shards = 2;
        log(`learn ${shards} shards in parallel, then merge them…`);
        const names = readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).sort();
        const shardFiles = Array.from({ length: shards }, (_, s) => path.join(work, `shard-${s}.json`));
        const shardStarted = performance.now();
        const cpuBefore = childrenCpuS();
        await Promise.all(
          shardFiles.map((out, s) => {
            const dir = path.join(work, `shard-${s}`);
            mkdirSync(dir);
            names.filter((_, i) => i % shards === s).forEach((n) => copyFileSync(path.join(CORPUS, n), path.join(dir, n)));
            return cli(['learn', dir, '--shard', '-o', out], { cwd: work });
          }),
        );
        const shardS = (performance.now() - shardStarted) / 1000;
        const shardCpuS = (childrenCpuS() ?? NaN) - (cpuBefore ?? NaN);
        const merged = await cli(['merge', ...shardFiles, '-o', path.join(work, 'merged.json')], { cwd: work });
        const shardMb = shardFiles.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6;
        set({ learn_shards_s: shardS, learn_shards_cpu_s: shardCpuS, merge_shards: shards, merge_s: merged.wallS, merge_cpu_s: merged.cpuS, merge_rss_mb: merged.peakRssMb, merge_input_mb: shardMb, merge_mb_s: shardMb / merged.wallS });
      } catch (err) {
        na(['learn_mb_s', 'merge_s'], errorText(err));
      }
    }
  } finally {
    if (args.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }

  m.machine.load_avg_end = os.loadavg()[0];
  m.machine.date = startedAt.toISOString();
  m.machine.duration_s = (Date.now() - startedAt.getTime()) / 1000;
  const required = Object.fromEntries(REQUIRED_KEYS.map((k) => [k, null]));
  const output = { ...required, ...roundAll(m.values), machine: m.machine, not_available: m.notes };
  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench-results/latest.json'), JSON.stringify(output, null, 2) + '\n');
  // docs/benchmark.md only records full runs: a partial or quick run would replace the table with gaps.
  if (!args.quick && args.parts.size === PARTS.length) writeFileSync(path.join(ROOT, 'docs/benchmark.md'), renderMarkdown(m));
  if (args.json) process.stdout.write(JSON.stringify(output) + '\n');
  else process.stdout.write(renderTable(m));
}

/**
 * A probe script of this folder, run in a fresh process on `segmenter` (OPINION_LINT_SEGMENTER);
 * its last line of output, parsed.
 */
function probeJson(script: string, args: string[], segmenter: 'native' | 'portable'): Record<string, number | string> {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(__dirname, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OPINION_LINT_SEGMENTER: segmenter },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** Copies the built bundles and the data they read (profiles, dictionary stand-in, the portable segmenter) to SNAPSHOT. */
function snapshotBuild(): void {
  rmSync(SNAPSHOT, { recursive: true, force: true });
  for (const dir of ['server/out', 'server/profiles', 'server/dict', 'server/wasm', 'bin']) {
    const from = path.join(ROOT, dir);
    if (existsSync(from)) cpSync(from, path.join(SNAPSHOT, dir), { recursive: true });
  }
}

function roundAll(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'number' ? Math.round(v * 1000) / 1000 : v;
  return out;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`);
  process.exit(1);
});
