// Counts phrases on a thread of their own for `opinion-lint learn` (cli/phrase-worker.ts): the
// learning thread parses, segments (through the pool) and counts figures and bylines, and hands each
// batch's articles over as plain data: text, token columns (moved, not copied), headline, byline,
// quotes and the map back to file offsets. Equal to counting in the learning thread.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FilePiece } from '../engine/parse/corpus';
import type { Byline, Headline } from '../engine/parse/draft';
import type { PhraseCounting } from '../engine/profile/learn';
import type { CorpusArticle } from '../engine/profile/contributor';
import type { PackedShard } from '../engine/profile/types';
import { tagNameTable } from '../engine/text/segmenter';
import type { Span } from '../engine/types';

/** One article as the phrase counting thread gets it. */
export interface PhraseInput {
  file: string;
  headline: string;
  hanChars: number;
  text: string;
  /** TokenColumns.packed() of every token of the draft. */
  columns: Int32Array;
  headlineSpan?: Headline;
  byline?: Byline;
  quotes: Span[];
  filePieces?: readonly FilePiece[];
}

export type ToPhraseWorker = { type: 'batch'; tagNames: readonly string[]; articles: PhraseInput[] } | { type: 'result' };
export type FromPhraseWorker = { shard: PackedShard; tokens: number };

const WORKER_FILE = 'phrase-worker.js';

export interface PhraseThread extends PhraseCounting {
  close(): Promise<void>;
}

/** A phrase counting thread, or undefined without a built worker (running from sources): then learning counts phrases itself. */
export function startPhraseThread(): PhraseThread | undefined {
  const file = path.join(__dirname, WORKER_FILE);
  if (!existsSync(file)) return undefined;
  const worker = new Worker(file);
  let batch: PhraseInput[] = [];
  let failure: Error | undefined;
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', (err) => reject((failure = err)));
    worker.once('exit', (code) => reject((failure = new Error(`统计套话的线程意外退出（退出码 ${code}）`))));
  });
  failed.catch(() => {});
  return {
    observe(article: CorpusArticle) {
      const doc = article.doc;
      const columns = doc.allTokenColumns().packed();
      batch.push({
        file: article.file,
        headline: article.headline,
        hanChars: doc.hanChars,
        text: doc.text,
        // Moved at the end of the batch: a view into a larger buffer would take the rest with it.
        columns: columns.byteLength === columns.buffer.byteLength ? columns : columns.slice(),
        headlineSpan: doc.headline,
        byline: doc.byline,
        quotes: doc.quotes,
        filePieces: article.filePieces,
      });
    },
    endBatch() {
      if (!batch.length || failure) return;
      // The columns move to the other thread (this one is done with the batch's drafts).
      const transfer = batch.map((a) => a.columns.buffer as ArrayBuffer).filter((b, i, all) => b.byteLength && all.indexOf(b) === i);
      worker.postMessage({ type: 'batch', tagNames: tagNameTable(), articles: batch } satisfies ToPhraseWorker, transfer);
      batch = [];
    },
    result() {
      this.endBatch();
      const answer = new Promise<FromPhraseWorker>((resolve) => worker.once('message', resolve));
      worker.postMessage({ type: 'result' } satisfies ToPhraseWorker);
      return Promise.race([answer, failed]);
    },
    async close() {
      worker.removeAllListeners('exit');
      worker.removeAllListeners('error');
      await worker.terminate();
    },
  };
}
