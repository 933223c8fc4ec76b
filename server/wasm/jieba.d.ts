// Types of the emscripten runtime scripts/build-wasm.mjs writes beside the module (jieba.js): a
// factory that instantiates jieba.wasm synchronously, with server/wasm/binding.cpp's exports.

export interface JiebaModule {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  FS: {
    mkdir(path: string): void;
    writeFile(path: string, data: Uint8Array): void;
    unlink(path: string): void;
  };
  /** Rejected when the module aborts (the call that aborted throws as well). */
  ready: Promise<unknown>;
  _malloc(size: number): number;
  _free(pointer: number): void;
  _jieba_load(dict: number, hmm: number, user: number, idf: number, stopWords: number): number;
  _jieba_tag_packed(text: number, length: number): number;
  _jieba_tag_names(): number;
  _jieba_result_length(): number;
  _jieba_reference_frequency(text: number, length: number): number;
  _jieba_phrase_reference_frequency(text: number, length: number): number;
  _jieba_reference_total(): number;
  _jieba_reference_size(): number;
}

export interface JiebaModuleOptions {
  /** The module's bytes (jieba.wasm), so the runtime does not look for the file itself. */
  wasmBinary: Uint8Array;
  print?: (line: string) => void;
  printErr?: (line: string) => void;
}

declare function createJieba(options: JiebaModuleOptions): JiebaModule;
export default createJieba;
