// The portable backend: the same patched cppjieba compiled to WebAssembly (server/wasm/, built by
// scripts/build-wasm.mjs). It runs wherever Node runs, with the native addon's results; it cannot
// share a dictionary between threads or segment off the JavaScript thread, so each thread that
// segments loads its own copy and the "in background" calls run in place.

import { readFileSync } from 'node:fs';
import path from 'node:path';
// The runtime is bundled; the module (jieba.wasm) is read from server/wasm/ at run time.
import createJieba, { type JiebaModule } from '../../../../wasm/jieba.js';
import type { JiebaBackend } from './backend';

/** The emscripten runtime (bundled) around the module in `wasmDir`, instantiated synchronously. */
function instantiate(wasmDir: string): JiebaModule {
  const module = createJieba({
    wasmBinary: readFileSync(path.join(wasmDir, 'jieba.wasm')),
    // jieba's own log lines (a malformed dictionary line) go where the addon's go.
    print: (line: string) => process.stderr.write(`${line}\n`),
    printErr: (line: string) => process.stderr.write(`${line}\n`),
  });
  // Rejected when the module aborts; the call that aborted throws already.
  module.ready.catch(() => {});
  return module;
}

export function loadPortableBackend(wasmDir: string): JiebaBackend {
  const wasm = instantiate(wasmDir);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // One buffer in the module's memory for the texts handed over, grown as needed.
  let scratch = 0;
  let scratchSize = 0;
  let loaded = false;

  /** `text` as UTF-8 in the scratch buffer: [pointer, byte length]. */
  const put = (text: string): [number, number] => {
    // Each UTF-16 unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4).
    const needed = text.length * 3 + 1;
    if (needed > scratchSize) {
      if (scratch) wasm._free(scratch);
      scratchSize = Math.max(needed, 64 * 1024);
      scratch = wasm._malloc(scratchSize);
    }
    const { written } = encoder.encodeInto(text, wasm.HEAPU8.subarray(scratch, scratch + scratchSize));
    return [scratch, written];
  };
  /** A NUL-terminated copy of `text` in the module's memory (free it). */
  const cString = (text: string): number => {
    const bytes = encoder.encode(`${text}\0`);
    const pointer = wasm._malloc(bytes.length);
    wasm.HEAPU8.set(bytes, pointer);
    return pointer;
  };
  const assertLoaded = () => {
    if (!loaded) throw new Error('jieba (WebAssembly): the dictionary is not loaded');
  };

  const backend: JiebaBackend = {
    kind: 'portable',
    load(files) {
      if (loaded) return;
      // The module reads files from its own in-memory file system: each dictionary is copied in,
      // loaded and removed again (jieba keeps what it parsed, not the file).
      wasm.FS.mkdir('/dict');
      const order = [files.dict, files.hmmDict, files.userDict, files.idfDict, files.stopWordDict];
      const copies = new Map<string, string>();
      for (const file of order) {
        if (copies.has(file)) continue;
        const copy = `/dict/${copies.size}-${path.basename(file)}`;
        wasm.FS.writeFile(copy, readFileSync(file));
        copies.set(file, copy);
      }
      const names = order.map((file) => cString(copies.get(file)!));
      try {
        wasm._jieba_load(names[0], names[1], names[2], names[3], names[4]);
      } finally {
        for (const name of names) wasm._free(name);
        for (const copy of copies.values()) wasm.FS.unlink(copy);
      }
      loaded = true;
    },
    async loadInBackground(files) {
      backend.load(files);
    },
    tagPacked(text) {
      assertLoaded();
      const pointer = wasm._jieba_tag_packed(...put(text));
      const length = wasm._jieba_result_length();
      return wasm.HEAP32.slice(pointer >> 2, (pointer >> 2) + length);
    },
    tagNames() {
      const pointer = wasm._jieba_tag_names();
      const length = wasm._jieba_result_length();
      return length === 0 ? [] : decoder.decode(wasm.HEAPU8.subarray(pointer, pointer + length)).split('\n');
    },
    referenceFrequency(word) {
      assertLoaded();
      return wasm._jieba_reference_frequency(...put(word));
    },
    phraseReferenceFrequencies(texts) {
      assertLoaded();
      const out = new Float64Array(texts.length);
      for (let i = 0; i < texts.length; i++) out[i] = wasm._jieba_phrase_reference_frequency(...put(texts[i]));
      return out;
    },
    referenceTotals() {
      assertLoaded();
      return [wasm._jieba_reference_total(), wasm._jieba_reference_size()];
    },
  };
  return backend;
}
