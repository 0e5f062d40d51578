// The "qwen2" pre-tokenizer (tokenizer.ggml.pre = "qwen2"): NFC normalization
// followed by the split regex of the Qwen2/Qwen3 tokenizer.json
//
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}
//   | ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
//
// applied with Hugging Face tokenizers' Split(behavior = Isolated) semantics:
// every match becomes a pre-token. The regex is implemented by hand over code
// points with the leftmost-first alternation and backtracking semantics of
// the Oniguruma engine HF tokenizers uses, with character classes from ICU
// (\p{L}: general category L*, \p{N}: N*, \s: the White_Space property, which
// is what Oniguruma's Unicode \s matches).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vela::tokenizer::detail {

// A pre-token: the bytes [begin, end) of the normalized fragment text.
struct Span {
    size_t begin = 0;
    size_t end = 0;
};

// Splits well-formed UTF-8 (already NFC) into qwen2 pre-tokens, appended to
// `out` as spans offset by `base`.
void splitQwen2(std::string_view utf8, size_t base, std::vector<Span>& out);

// Normalizes and pre-tokenizes one fragment of text between special tokens.
// Appends the normalized bytes to `text` and their pre-tokens to `pieces`.
//
// Invalid UTF-8 (our policy; HF tokenizers only ever sees valid strings): each
// byte of an ill-formed sequence is copied unchanged and becomes a pre-token
// of its own, so BPE encodes it as the single-byte token of the byte-level
// alphabet and decoding gives the exact byte back. The well-formed runs
// between such bytes are normalized and split independently, as if each run
// ended the text (this only matters for the `\s+(?!\S)` look-ahead).
void pretokenizeFragment(std::string_view fragment, std::string& text, std::vector<Span>& pieces);

} // namespace vela::tokenizer::detail
