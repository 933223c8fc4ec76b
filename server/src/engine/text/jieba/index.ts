// Chooses the jieba backend, once per thread: the native addon when it loads, else its WebAssembly
// build, with a one-line notice on stderr (the CLI's stderr; the language server's reaches the
// editor's output channel). The segmenter above calls whichever runs and cannot tell them apart.
//
// OPINION_LINT_SEGMENTER=native|portable forces one (for tests and the bench); unset, or `auto`,
// tries native first.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { DictionaryFiles, JiebaBackend } from './backend';
import { loadNativeBackend } from './native';
import { loadPortableBackend } from './wasm';

export type { DictionaryFiles, JiebaBackend } from './backend';

const CHOICES = ['auto', 'native', 'portable'] as const;
type Choice = (typeof CHOICES)[number];

let chosen: JiebaBackend | undefined;

/** The backend this thread segments with, chosen on first use. */
export function jieba(): JiebaBackend {
  return (chosen ??= choose(requestedBackend()));
}

function requestedBackend(): Choice {
  const value = (process.env.OPINION_LINT_SEGMENTER ?? '').trim().toLowerCase() || 'auto';
  if ((CHOICES as readonly string[]).includes(value)) return value as Choice;
  throw new Error(`OPINION_LINT_SEGMENTER=${value} 无效：应为 ${CHOICES.join('、')} 之一。`);
}

function choose(choice: Choice): JiebaBackend {
  if (choice === 'portable') return loadPortableBackend(wasmDir());
  if (choice === 'native') {
    try {
      return loadNativeBackend();
    } catch (err) {
      throw new Error(`OPINION_LINT_SEGMENTER=native，但原生分词模块不可用：${err instanceof Error ? err.message : err}`);
    }
  }
  try {
    return loadNativeBackend();
  } catch (err) {
    const backend = loadPortableBackend(wasmDir());
    notice(err);
    return backend;
  }
}

/**
 * Says once per process that the portable segmenter runs. Worker threads choose for themselves
 * (with the same outcome) but stay quiet when the main thread has said it: the variable set here
 * reaches the workers started afterwards.
 */
function notice(reason: unknown): void {
  const said = 'OPINION_LINT_SEGMENTER_NOTICE';
  if (process.env[said] === String(process.pid)) return;
  if (isMainThread) process.env[said] = String(process.pid);
  // The reason's first sentence: nodejieba's own message goes on with advice for its developers.
  const why = (reason instanceof Error ? reason.message : String(reason)).split(/\n|(?<=\.)\s/)[0].replace(/\.$/, '').slice(0, 200);
  process.stderr.write(`Opinion Lint：本机的 nodejieba 原生分词模块不可用（${why}），改用便携分词器（WebAssembly）：分词结果相同，速度稍慢。\n`);
}

/** What the segmenter loads: jieba's dictionaries, with a one-line stand-in for the keyword extractor's. */
export function dictionaryFiles(): DictionaryFiles {
  const dir = path.join(path.dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict');
  // The engine only tags. nodejieba also loads the keyword extractor's IDF table (6 MB) and stop
  // words; a one-line stand-in for both saves about a fifth of the load time and ~18 MB.
  const stub = serverFile('dict/keyword-stub.utf8');
  return {
    dict: path.join(dir, 'jieba.dict.utf8'),
    hmmDict: path.join(dir, 'hmm_model.utf8'),
    userDict: path.join(dir, 'user.dict.utf8'),
    idfDict: stub,
    stopWordDict: stub,
  };
}

/** A file of server/ (`dict/…`, `wasm/…`), found from the sources or from the bundles in server/out. */
function serverFile(relative: string): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [path.join(dir, relative), path.join(dir, 'server', relative)]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`server/${relative} not found above ${__dirname}`);
}

function wasmDir(): string {
  return path.dirname(serverFile('wasm/jieba.wasm'));
}

// The main thread chooses as soon as it starts, before it starts any worker, so that its notice is
// the only one (see notice()). A failure is thrown again by the first call that needs jieba.
if (isMainThread) {
  try {
    jieba();
  } catch {
    // reported when jieba is needed
  }
}
