// Reads a file's bytes whole, within a size limit, never half: a file that is too large, vanished,
// unreadable or changing while read comes back as a Chinese reason instead.

import { promises as fs } from 'node:fs';

export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; reason: string };

export async function readBytes(file: string, maxBytes: number): Promise<ReadOutcome> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    if (size > maxBytes) {
      return { ok: false, reason: `文件过大（${formatBytes(size)}，上限 ${formatBytes(maxBytes)}），已跳过。可在 .opinionlintrc.json 中用 maxFileSize 调整上限。` };
    }
    // One byte more than the size we were told, to notice a file that grows while we read it.
    const buf = Buffer.alloc(size + 1);
    let read = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, read, buf.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read === buf.length) break;
    }
    if (read !== size) return { ok: false, reason: '读取时文件长度发生变化（可能正在被写入），已跳过。请稍后重试。' };
    return { ok: true, bytes: buf.subarray(0, size) };
  } catch (err) {
    return { ok: false, reason: readFailure(err) };
  } finally {
    await handle?.close();
  }
}

function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return '文件不存在（可能在检查期间被删除），已跳过。';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限，已跳过。';
  if (code === 'EISDIR') return '这是一个文件夹，不是文件，已跳过。';
  return `读取失败（${code ?? String(err)}），已跳过。`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}
