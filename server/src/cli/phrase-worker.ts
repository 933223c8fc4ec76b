// The phrase counting thread of `opinion-lint learn` (bundled as server/out/phrase-worker.js, see
// cli/phrase-thread.ts): counts the phrases of the articles it is sent, in order, and answers the
// packed counts once asked. It keeps normal priority: learning waits for its counts at the end, and
// at the lowest priority (like the reading and segmenting threads) it fell behind.

import { parentPort } from 'node:worker_threads';
import { fileOffsetIn } from '../engine/parse/corpus';
import { TokenColumns } from '../engine/parse/tokens';
import { PhraseCounter, phraseContributor, type PhraseArticle } from '../engine/phrases/contributor';
import { useTagNames } from '../engine/text/segmenter';
import type { FromPhraseWorker, PhraseInput, ToPhraseWorker } from './phrase-thread';

if (!parentPort) throw new Error('phrase-worker.js runs as a worker thread of the opinion-lint CLI');
const port = parentPort;

phraseContributor.prepare?.();
const counter = new PhraseCounter();

port.on('message', (msg: ToPhraseWorker) => {
  if (msg.type === 'result') {
    const shard = counter.pack();
    const transfer = [shard.quoted, shard.postingEnds, shard.postings, shard.exampleEnds, shard.examples].map((a) => a.buffer as ArrayBuffer);
    port.postMessage({ shard, tokens: counter.tokens } satisfies FromPhraseWorker, transfer);
    return;
  }
  // Tag ids are those of the learning thread's nodejieba, which segmented the columns.
  useTagNames(msg.tagNames);
  for (const input of msg.articles) counter.observe(articleOf(input));
});

function articleOf(input: PhraseInput): PhraseArticle {
  const columns = new TokenColumns(input.text, input.columns);
  const pieces = input.filePieces;
  return {
    file: input.file,
    headline: input.headline,
    fileOffset: pieces ? (offset) => fileOffsetIn(pieces, offset) : (offset) => offset,
    doc: {
      text: input.text,
      hanChars: input.hanChars,
      headline: input.headlineSpan,
      byline: input.byline,
      quotes: input.quotes,
      tokensIn: (span) => columns.tokensStartingIn(span),
      allTokenColumns: () => columns,
    },
  };
}
