// The WebAssembly build of Opinion Lint's patched nodejieba (scripts/build-wasm.mjs compiles it with
// emscripten): the same cppjieba sources and the same packed tagger (node_modules/nodejieba/lib/
// packed_tagger.h, added by patches/nodejieba+*.patch) as the native addon, behind a plain C
// interface instead of Node-API. server/src/engine/text/jieba/wasm.ts is its only caller.
//
// Texts come in as UTF-8 (pointer and length); results stay in this module's memory until the next
// call (a pointer and jieba_result_length()). One dictionary per instance, loaded once.

#include <emscripten/emscripten.h>

#include <memory>
#include <string>
#include <vector>

#include "packed_tagger.h"

namespace {
std::unique_ptr<cppjieba::Jieba> jieba;
PackedTagger tagger;
std::vector<int32_t> triples;
std::string names;
size_t resultLength = 0;
cppjieba::RuneStrArray runes;
std::vector<std::string> words;
}  // namespace

extern "C" {

// Loads the dictionaries (paths in the module's file system). A missing or malformed file aborts,
// as it does in the native addon; the caller sees the abort as an exception.
EMSCRIPTEN_KEEPALIVE int jieba_load(const char* dict, const char* hmm, const char* user, const char* idf, const char* stopWords) {
  jieba.reset(new cppjieba::Jieba(dict, hmm, user, idf, stopWords));
  tagger.UnbindUnitIds();
  return 1;
}

// tagPacked: (UTF-16 length, tag id, word id) triples; jieba_result_length() int32s.
EMSCRIPTEN_KEEPALIVE const int32_t* jieba_tag_packed(const char* text, size_t length) {
  tagger.TagTriples(*jieba, std::string(text, length), triples);
  resultLength = triples.size();
  return triples.data();
}

// tagNames, joined by '\n' (tags never contain one); jieba_result_length() bytes.
EMSCRIPTEN_KEEPALIVE const char* jieba_tag_names() {
  names.clear();
  for (const std::string& name : tagger.TagNames()) {
    if (!names.empty()) names.push_back('\n');
    names += name;
  }
  resultLength = names.size();
  return names.data();
}

EMSCRIPTEN_KEEPALIVE size_t jieba_result_length() {
  return resultLength;
}

EMSCRIPTEN_KEEPALIVE double jieba_reference_frequency(const char* text, size_t length) {
  return ReferenceFrequency(*jieba, std::string(text, length));
}

EMSCRIPTEN_KEEPALIVE double jieba_phrase_reference_frequency(const char* text, size_t length) {
  return PhraseReferenceFrequency(*jieba, std::string(text, length), runes, words);
}

EMSCRIPTEN_KEEPALIVE double jieba_reference_total() {
  return jieba->GetDictTrie()->ReferenceTotal();
}

EMSCRIPTEN_KEEPALIVE double jieba_reference_size() {
  return static_cast<double>(jieba->GetDictTrie()->ReferenceSize());
}

}  // extern "C"
