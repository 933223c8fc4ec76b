import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { fileOutput, stdoutOutput } from '../../server/src/cli/output';
import { tempDir } from './helpers';

const { dir, cleanup } = tempDir('output');
afterAll(cleanup);

/** Text and bytes as a formatter and the cache hand them over: short pieces, one over the 64 KB buffer, multi-byte characters. */
const PIECES: (string | Uint8Array)[] = [
  '[',
  '\n{"file":"评论/夜市.txt",',
  Buffer.from('"diagnostics":[{"message":"“双千”一词在本文出现 3 次","text":"𠀀😀"}]', 'utf8'),
  '}',
  ',\n{"file":"长稿.txt",',
  Buffer.from(`"diagnostics":[${'{"text":"高质量发展"},'.repeat(4000)}{}]`, 'utf8'),
  '}',
  '好'.repeat(30_000),
  '\n]\n',
];
const EXPECTED = PIECES.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');

describe('run output', () => {
  it('writes text and bytes to stdout in order, whole characters in every chunk', async () => {
    const chunks: Buffer[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const out = stdoutOutput(stream);
    for (const piece of PIECES) out.write(piece);
    await out.finish();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(EXPECTED);
    // Each chunk decodes on its own: no character is cut between two writes.
    expect(chunks.map((c) => c.toString('utf8')).join('')).toBe(EXPECTED);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('writes the same bytes to -o FILE', async () => {
    const target = path.join(dir, 'report.json');
    const out = fileOutput(target);
    for (const piece of PIECES) out.write(piece);
    await out.finish();
    expect(readFileSync(target, 'utf8')).toBe(EXPECTED);
  });
});
