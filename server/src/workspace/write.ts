// Atomic file writes: write a temporary file beside the target, then rename it over the target,
// so a reader (or a Ctrl-C) never sees half a file.

import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import * as iconv from 'iconv-lite';

let counter = 0;

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}${(counter++).toString(36)}.tmp`);
}

/**
 * Writes `data` to `target` atomically, keeping the target's permission bits when it exists. `data`
 * may be a function that hands over the text in chunks (a large profile: see writeProfileJson).
 */
export function writeFileAtomic(target: string, data: string | Uint8Array | ((write: (chunk: string) => void) => void)): void {
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    // New file: default permissions.
  }
  const temp = tempPathFor(target);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode ?? 0o666);
    if (mode !== undefined) fchmodSync(fd, mode);
    const out = fd;
    const writeAll = (buf: Uint8Array) => {
      let written = 0;
      while (written < buf.byteLength) written += writeSync(out, buf, written, buf.byteLength - written);
    };
    if (typeof data === 'function') data((chunk) => writeAll(Buffer.from(chunk, 'utf8')));
    else writeAll(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    throw err;
  }
}

/** Encodes text back into the encoding (and BOM) the file was read in. */
export function encodeText(text: string, encoding: string | undefined): Buffer {
  switch (encoding) {
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    default:
      return Buffer.from(text, 'utf8');
  }
}
