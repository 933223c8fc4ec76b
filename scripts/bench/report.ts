// The bench's table: the same rows for the terminal and for docs/benchmark.md.

export interface Metrics {
  values: Record<string, unknown>;
  /** Metric key → why it has no value. */
  notes: Record<string, string>;
  machine: Record<string, unknown>;
}

/** Keys every --json output carries (null when not measured). */
export const REQUIRED_KEYS = [
  'keystroke_ms_p50',
  'keystroke_ms_p95',
  'tag_ms_p50',
  'server_first_diagnostics_ms',
  'server_rss_mb',
  'folder_mb_s',
  'folder_files_s',
  'cached_rerun_speedup',
  'learn_mb_s',
  'zhlint_s',
  'autocorrect_s',
  'ours_s',
] as const;

type Values = Record<string, number | undefined>;

interface Row {
  section: string;
  label: string;
  key: string;
  unit: string;
  digits: number;
  /** Target text and whether the value meets it (undefined: no target). */
  target?: (v: Values) => { text: string; ok?: boolean };
}

const ROWS: Row[] = [
  { section: 'nodejieba alone', label: 'dictionary load as nodejieba’s own load() does it (TextRank included)', key: 'jieba_load_ms', unit: 'ms', digits: 0 },
  { section: 'nodejieba alone', label: '… CPU time', key: 'jieba_load_cpu_ms', unit: 'ms', digits: 0 },
  { section: 'nodejieba alone', label: 'RSS after load', key: 'jieba_rss_mb', unit: 'MB', digits: 0 },
  { section: 'nodejieba alone', label: 'dictionary load as the engine does it', key: 'engine_jieba_load_ms', unit: 'ms', digits: 0 },
  { section: 'nodejieba alone', label: '… CPU time', key: 'engine_jieba_load_cpu_ms', unit: 'ms', digits: 0 },
  { section: 'nodejieba alone', label: 'RSS after the engine’s load', key: 'engine_jieba_rss_mb', unit: 'MB', digits: 0 },
  { section: 'nodejieba alone', label: '`cut` throughput (people-daily)', key: 'jieba_cut_mb_s', unit: 'MB/s', digits: 2 },
  { section: 'nodejieba alone', label: '`tag` throughput (people-daily)', key: 'jieba_tag_mb_s', unit: 'MB/s', digits: 2 },
  { section: 'nodejieba alone', label: '`tagPacked` throughput (what the engine calls)', key: 'jieba_tag_packed_mb_s', unit: 'MB/s', digits: 2 },
  {
    section: 'Keystroke (5,000-character draft)',
    label: 're-lint after a one-character edit, median',
    key: 'keystroke_ms_p50',
    unit: 'ms',
    digits: 2,
    target: (v) => ({ text: `≤ 2 × tag = ${fmt(2 * (v.tag_ms_p50 ?? NaN), 2)} ms`, ok: meets(v.keystroke_ms_p50, (x) => x <= 2 * (v.tag_ms_p50 ?? NaN)) }),
  },
  {
    section: 'Keystroke (5,000-character draft)',
    label: 're-lint after a one-character edit, p95',
    key: 'keystroke_ms_p95',
    unit: 'ms',
    digits: 2,
    target: (v) => ({ text: `≤ 2 × tag = ${fmt(2 * (v.tag_ms_p50 ?? NaN), 2)} ms`, ok: meets(v.keystroke_ms_p95, (x) => x <= 2 * (v.tag_ms_p50 ?? NaN)) }),
  },
  { section: 'Keystroke (5,000-character draft)', label: '… CPU time, median', key: 'keystroke_cpu_ms_p50', unit: 'ms', digits: 2 },
  { section: 'Keystroke (5,000-character draft)', label: '… CPU time, p95', key: 'keystroke_cpu_ms_p95', unit: 'ms', digits: 2 },
  { section: 'Keystroke (5,000-character draft)', label: '… of which parse (segmentation cached per clause)', key: 'parse_ms_p50', unit: 'ms', digits: 2 },
  { section: 'Keystroke (5,000-character draft)', label: '… of which rules', key: 'rules_ms_p50', unit: 'ms', digits: 2 },
  { section: 'Keystroke (5,000-character draft)', label: 'nodejieba `tag` of the whole draft, median', key: 'tag_ms_p50', unit: 'ms', digits: 2 },
  { section: 'Keystroke (5,000-character draft)', label: 'nodejieba `cut` of the whole draft, median', key: 'cut_ms_p50', unit: 'ms', digits: 2 },
  { section: 'Keystroke (5,000-character draft)', label: 'first lint, clause cache cold', key: 'cold_lint_ms', unit: 'ms', digits: 1 },
  {
    section: 'Language server',
    label: 'first diagnostics after process start',
    key: 'server_first_diagnostics_ms',
    unit: 'ms',
    digits: 0,
    target: (v) => ({ text: '≤ 1500 ms', ok: meets(v.server_first_diagnostics_ms, (x) => x <= 1500) }),
  },
  { section: 'Language server', label: '… CPU time of the server until then', key: 'server_first_diagnostics_cpu_ms', unit: 'ms', digits: 0 },
  { section: 'Language server', label: 'last edit of a burst → final diagnostics', key: 'server_burst_ms', unit: 'ms', digits: 0 },
  {
    section: 'Language server',
    label: '… minus the debounce',
    key: 'server_burst_minus_debounce_ms',
    unit: 'ms',
    digits: 0,
    target: (v) => ({ text: '≤ 300 ms', ok: meets(v.server_burst_minus_debounce_ms, (x) => x <= 300) }),
  },
  { section: 'Language server', label: 'debounce', key: 'server_debounce_ms', unit: 'ms', digits: 0 },
  { section: 'Language server', label: 'peak RSS', key: 'server_rss_mb', unit: 'MB', digits: 0, target: (v) => ({ text: 'goal < 250 MB', ok: meets(v.server_rss_mb, (x) => x < 250) }) },
  { section: 'Portable segmenter (WebAssembly), beside native', label: '`tagPacked` throughput (people-daily)', key: 'portable_tag_packed_mb_s', unit: 'MB/s', digits: 2 },
  { section: 'Portable segmenter (WebAssembly), beside native', label: '… relative to the native addon’s', key: 'portable_tag_packed_ratio', unit: '×', digits: 2 },
  { section: 'Portable segmenter (WebAssembly), beside native', label: 'dictionary load as the engine does it', key: 'portable_jieba_load_ms', unit: 'ms', digits: 0 },
  { section: 'Portable segmenter (WebAssembly), beside native', label: '… CPU time', key: 'portable_jieba_load_cpu_ms', unit: 'ms', digits: 0 },
  { section: 'Portable segmenter (WebAssembly), beside native', label: 'RSS after the engine’s load', key: 'portable_jieba_rss_mb', unit: 'MB', digits: 0 },
  {
    section: 'Portable segmenter (WebAssembly), beside native',
    label: 're-lint after a one-character edit, median',
    key: 'portable_keystroke_ms_p50',
    unit: 'ms',
    digits: 2,
    target: (v) => ({ text: `≤ 2 × native = ${fmt(2 * (v.keystroke_ms_p50 ?? NaN), 2)} ms`, ok: meets(v.portable_keystroke_ms_p50, (x) => x <= 2 * (v.keystroke_ms_p50 ?? NaN)) }),
  },
  { section: 'Portable segmenter (WebAssembly), beside native', label: '… relative to native', key: 'portable_keystroke_ratio', unit: '×', digits: 2 },
  { section: 'Portable segmenter (WebAssembly), beside native', label: 're-lint after a one-character edit, p95', key: 'portable_keystroke_ms_p95', unit: 'ms', digits: 2 },
  { section: 'Portable segmenter (WebAssembly), beside native', label: '… of which parse (segmentation cached per clause), median', key: 'portable_parse_ms_p50', unit: 'ms', digits: 2 },
  { section: 'Portable segmenter (WebAssembly), beside native', label: 'first lint, clause cache cold', key: 'portable_cold_lint_ms', unit: 'ms', digits: 1 },
  {
    section: 'Portable segmenter (WebAssembly), beside native',
    label: 'language server: first diagnostics after process start',
    key: 'portable_server_first_diagnostics_ms',
    unit: 'ms',
    digits: 0,
    target: (v) => ({ text: '≤ 1500 ms', ok: meets(v.portable_server_first_diagnostics_ms, (x) => x <= 1500) }),
  },
  { section: 'Portable segmenter (WebAssembly), beside native', label: '… CPU time of the server until then', key: 'portable_server_first_diagnostics_cpu_ms', unit: 'ms', digits: 0 },
  { section: 'Portable segmenter (WebAssembly), beside native', label: 'language server: last edit of a burst → final diagnostics', key: 'portable_server_burst_ms', unit: 'ms', digits: 0 },
  { section: 'Portable segmenter (WebAssembly), beside native', label: 'language server: peak RSS', key: 'portable_server_rss_mb', unit: 'MB', digits: 0 },
  { section: 'Folder', label: 'benchmark folder', key: 'folder_files', unit: 'files', digits: 0 },
  { section: 'Folder', label: 'benchmark folder size', key: 'folder_mb', unit: 'MB', digits: 1 },
  { section: 'Folder', label: 'opinion-lint lint --no-cache', key: 'ours_s', unit: 's', digits: 2 },
  { section: 'Folder', label: '… CPU time (all threads)', key: 'ours_cpu_s', unit: 's', digits: 2 },
  { section: 'Folder', label: '… throughput', key: 'folder_mb_s', unit: 'MB/s', digits: 2 },
  { section: 'Folder', label: '… files', key: 'folder_files_s', unit: 'files/s', digits: 0 },
  { section: 'Folder', label: '… peak RSS of the process tree', key: 'folder_rss_mb', unit: 'MB', digits: 0 },
  { section: 'Folder', label: '… findings', key: 'folder_findings', unit: '', digits: 0 },
  { section: 'Folder', label: 'zhlint, same folder', key: 'zhlint_s', unit: 's', digits: 2 },
  { section: 'Folder', label: '… CPU time', key: 'zhlint_cpu_s', unit: 's', digits: 2 },
  { section: 'Folder', label: 'autocorrect, same folder', key: 'autocorrect_s', unit: 's', digits: 2 },
  { section: 'Folder', label: '… CPU time (all threads)', key: 'autocorrect_cpu_s', unit: 's', digits: 2 },
  {
    section: 'Folder',
    label: 'speed-up over zhlint (zhlint_s / ours_s)',
    key: 'speedup_vs_zhlint',
    unit: '×',
    digits: 2,
    target: (v) => ({ text: '≥ 2× (goal 4×)', ok: meets(v.speedup_vs_zhlint, (x) => x >= 2) }),
  },
  {
    section: 'Folder',
    label: 'time relative to autocorrect (ours_s / autocorrect_s)',
    key: 'ours_vs_autocorrect',
    unit: '×',
    digits: 2,
    target: (v) => ({ text: 'goal ≤ 4×', ok: meets(v.ours_vs_autocorrect, (x) => x <= 4) }),
  },
  { section: 'Folder', label: 'zhlint CPU time / ours', key: 'cpu_speedup_vs_zhlint', unit: '×', digits: 2 },
  { section: 'Folder', label: 'ours CPU time / autocorrect', key: 'cpu_ours_vs_autocorrect', unit: '×', digits: 2 },
  { section: 'Folder', label: 'first --cache run (the median of 3 pairs)', key: 'cached_first_s', unit: 's', digits: 2 },
  { section: 'Folder', label: 'cached re-run', key: 'cached_rerun_s', unit: 's', digits: 2 },
  { section: 'Folder', label: '… the 3 re-runs, in order', key: 'cached_rerun_runs_s', unit: 's', digits: 2 },
  { section: 'Folder', label: '… their speed-ups, in order', key: 'cached_rerun_speedups', unit: '×', digits: 1 },
  {
    section: 'Folder',
    label: 'cached re-run speed-up',
    key: 'cached_rerun_speedup',
    unit: '×',
    digits: 1,
    target: (v) => ({ text: '≥ 10×', ok: meets(v.cached_rerun_speedup, (x) => x >= 10) }),
  },
  { section: 'Learning', label: '`learn` over the bench folder (median of 3 runs)', key: 'learn_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… the 3 runs, in order', key: 'learn_runs_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… CPU time', key: 'learn_cpu_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… throughput', key: 'learn_mb_s', unit: 'MB/s', digits: 2, target: (v) => ({ text: '≥ 3 MB/s', ok: meets(v.learn_mb_s, (x) => x >= 3) }) },
  { section: 'Learning', label: '… throughput once started (time minus the one-article run)', key: 'learn_mb_s_started', unit: 'MB/s', digits: 2 },
  { section: 'Learning', label: '… peak RSS', key: 'learn_rss_mb', unit: 'MB', digits: 0 },
  { section: 'Learning', label: '`learn` over people-daily alone (median of 3 runs)', key: 'learn_pd_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… the 3 runs, in order', key: 'learn_pd_runs_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… CPU time', key: 'learn_pd_cpu_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… throughput', key: 'learn_pd_mb_s', unit: 'MB/s', digits: 2 },
  { section: 'Learning', label: '… throughput once started (time minus the one-article run)', key: 'learn_pd_mb_s_started', unit: 'MB/s', digits: 2 },
  { section: 'Learning', label: '… peak RSS', key: 'learn_pd_rss_mb', unit: 'MB', digits: 0 },
  { section: 'Learning', label: '`learn` over one article: start-up, dictionary, finalize (median of 3)', key: 'learn_startup_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… the 3 runs, in order', key: 'learn_startup_runs_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '`learn --shard` of 2 shards in parallel', key: 'learn_shards_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… CPU time', key: 'learn_shards_cpu_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '`merge` of the 2 shard profiles', key: 'merge_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… CPU time', key: 'merge_cpu_s', unit: 's', digits: 2 },
  { section: 'Learning', label: '… peak RSS', key: 'merge_rss_mb', unit: 'MB', digits: 0 },
  { section: 'Learning', label: '… shard profiles merged', key: 'merge_input_mb', unit: 'MB', digits: 1 },
];

function meets(value: number | undefined, test: (x: number) => boolean): boolean | undefined {
  return value === undefined || Number.isNaN(value) ? undefined : test(value);
}

function fmt(value: number | undefined, digits: number): string {
  if (value === undefined || Number.isNaN(value)) return '?';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The value cell: the number, or `n/a (reason)` from the note of its key or its part. */
function cell(m: Metrics, row: Row): string {
  const value = m.values[row.key];
  if (typeof value === 'number') return `${fmt(value, row.digits)}${row.unit ? ` ${row.unit}` : ''}`;
  if (Array.isArray(value) && value.every((x) => typeof x === 'number')) return `${value.map((x) => fmt(x, row.digits)).join(' / ')}${row.unit ? ` ${row.unit}` : ''}`;
  const note = m.notes[row.key] ?? Object.entries(m.notes).find(([k]) => sectionOf(k) === row.section)?.[1];
  return `n/a${note ? ` (${note})` : ''}`;
}

function sectionOf(key: string): string | undefined {
  return ROWS.find((r) => r.key === key)?.section;
}

function status(ok: boolean | undefined): string {
  return ok === undefined ? '' : ok ? 'met' : 'NOT met';
}

export function machineLine(m: Metrics): string {
  const x = m.machine;
  return `${x.nproc} cores (${x.cpu}), ${x.memory_gb} GB, Node ${x.node}; load average ${fmt(x.load_avg_start as number, 2)} at start, ${fmt(x.load_avg_end as number, 2)} at end; ${x.date}, run took ${fmt(x.duration_s as number, 0)} s`;
}

export function renderTable(m: Metrics): string {
  const v = m.values as Values;
  const lines: string[] = [];
  let section = '';
  const width = Math.max(...ROWS.map((r) => r.label.length)) + 2;
  for (const row of ROWS) {
    if (row.section !== section) {
      section = row.section;
      lines.push('', section);
    }
    const t = row.target?.(v);
    lines.push(`  ${row.label.padEnd(width)}${cell(m, row).padEnd(17)} ${t ? `${t.text}  ${status(t.ok)}` : ''}`.trimEnd());
  }
  lines.push('', `Machine: ${machineLine(m)}`, '');
  return lines.join('\n');
}

export function renderMarkdown(m: Metrics): string {
  const v = m.values as Values;
  const out: string[] = [
    '# Benchmark',
    '',
    'Written by `npm run bench` (scripts/bench/): one run (learning and the cache: the median of three), every figure measured on the same machine',
    'and, for the folder, on the same files. The folder is built from `../shared/corpus/people-daily`:',
    'three variants of each article with their numbers changed, padded with paragraphs of another',
    'article to reach the size, so the content-hash cache cannot short-cut a file. Lint segments only',
    'the clauses its rules ask about (about 5% of the text here); the segmenter’s clause cache serves',
    'those without digits again in later variants, which a folder of distinct articles would not',
    '(segmentation is a small share of the time either way). Wall-clock times; a busy machine makes every figure slower.',
    'nodejieba rows measure the installed addon, patched by `patches/nodejieba+3.5.8.patch`: its',
    'segmentation is the same as stock nodejieba’s and faster, so its `tag` is a stricter',
    'yardstick for the keystroke target than stock nodejieba’s. The portable rows run the same engine on the',
    'WebAssembly build of the same patched sources (server/wasm/, forced with `OPINION_LINT_SEGMENTER=portable`),',
    'in processes of their own (the native keystroke rows run in the bench’s). Learning’s throughput is taken over',
    'the bench folder, where start-up (Node, the dictionary load, finalize) weighs little, as it does',
    'for an archive; people-daily alone is shown too, and the one-article run gives what start-up costs.',
    '',
    `Machine: ${machineLine(m)}.`,
    '',
    '| Measure | Value | Target | |',
    '| --- | ---: | --- | --- |',
  ];
  let section = '';
  for (const row of ROWS) {
    if (row.section !== section) {
      section = row.section;
      out.push(`| **${section}** | | | |`);
    }
    const t = row.target?.(v);
    out.push(`| ${row.label} | ${cell(m, row).replace(/\|/g, '\\|')} | ${t?.text ?? ''} | ${status(t?.ok)} |`);
  }
  out.push('');
  return out.join('\n');
}
