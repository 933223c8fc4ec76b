// What the segmenter needs from jieba: the part of the patched nodejieba's API it calls
// (patches/nodejieba+*.patch). Two backends give it, with the same results: the native addon and
// its WebAssembly build (server/wasm/, compiled from the same sources).

/** The dictionary files a backend loads (absolute paths). */
export interface DictionaryFiles {
  dict: string;
  hmmDict: string;
  userDict: string;
  idfDict: string;
  stopWordDict: string;
}

export interface JiebaBackend {
  /** 'native' (the addon) or 'portable' (WebAssembly). */
  readonly kind: 'native' | 'portable';
  /** Loads the dictionaries, once per process where the backend can share them between threads. */
  load(files: DictionaryFiles): void;
  /** load() off the JavaScript thread where the backend can. */
  loadInBackground(files: DictionaryFiles): Promise<void>;
  /** (UTF-16 length, tag id, word id) per word. */
  tagPacked(text: string): Int32Array;
  /** Tag names by id, as handed out so far. */
  tagNames(): string[];
  /** The main dictionary file's frequency of `word` (summed over its lines); -1 when it does not list it. */
  referenceFrequency(word: string): number;
  /** Per text: its main dictionary frequency if listed, else the least of its words' (0 for unlisted words). */
  phraseReferenceFrequencies(texts: string[]): Float64Array;
  /** [sum of the main dictionary file's frequencies, number of distinct words it lists]. */
  referenceTotals(): [number, number];
}
