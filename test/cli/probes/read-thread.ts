// Bundled beside a copy of server/out/read-worker.js and run as its own process by
// read-thread.test.ts: asks the reading thread for batches before and after it has started and
// prints what came back.
import { startReadThread } from '../../../server/src/cli/read-thread';
import type { CorpusFile } from '../../../server/src/engine/profile/learn';

async function main() {
  const [maxBytes, ...paths] = process.argv.slice(2);
  const files = paths.map((absolute) => ({ absolute }) as CorpusFile);
  const thread = startReadThread();
  if (!thread) throw new Error('no read-worker.js beside the probe');
  const early = thread.readBatch(files, Number(maxBytes));
  await thread.started;
  const late = [thread.readBatch(files.slice(0, 3), Number(maxBytes)), thread.readBatch(files, Number(maxBytes))];
  process.stdout.write(JSON.stringify({ early: await early, late: await Promise.all(late) }));
  await thread.close();
}
void main();
