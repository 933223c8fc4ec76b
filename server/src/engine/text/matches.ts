// Scanning text: with a global regular expression, sentence by sentence; counting a word.

/**
 * The matches of the global regular expression `re` in `text`, as `text.matchAll(re)` gives them,
 * without the copy of `re` that matchAll makes on every call: on short strings that copy is most
 * of its cost, and drafts are scanned sentence by sentence. `re` is not to be used elsewhere while
 * the loop runs (its lastIndex is the loop's position).
 */
export function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    // An empty match would be found again at the same place: step over one character, as matchAll does.
    if (m[0] === '') re.lastIndex += re.unicode && (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
}

/** Non-overlapping occurrences of `word` in `text`. */
export function countIn(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}
