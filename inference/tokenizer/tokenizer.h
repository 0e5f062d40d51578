// Byte-level BPE tokenizer for Qwen2/Qwen3 GGUF models (tokenizer.ggml.model = "gpt2",
// tokenizer.ggml.pre = "qwen2").
//
// Pipeline of encode(): split out special tokens (only where special parsing
// is allowed) → NFC-normalize each remaining fragment → qwen2 pre-tokenizer
// regex → map bytes to the GPT-2 byte alphabet → BPE merges by rank.
// decode() reverses the byte mapping and returns the exact UTF-8 bytes.
#pragma once

#include "common/token.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vela::gguf {
class File;
}

namespace vela::tokenizer {

using vela::TokenId;

// tokenizer.ggml.token_type values (llama.cpp's llama_token_type).
enum class TokenKind : int32_t {
    Undefined = 0,
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
};

// A piece of text and whether special tokens may be recognised inside it.
// Chat formatting passes template markup with parseSpecial = true and message
// contents with parseSpecial = false, so typed "<|im_end|>" stays text.
struct TextSegment {
    std::string_view text;
    bool parseSpecial = false;
};

// Everything the tokenizer needs, independent of where it came from.
struct VocabData {
    std::vector<std::string> tokens;   // token text in the GPT-2 byte alphabet (specials verbatim)
    std::vector<TokenKind> kinds;      // same length as tokens
    std::vector<std::string> merges;   // "left right", rank = index
    std::string pre = "qwen2";         // pre-tokenizer name
    std::optional<TokenId> bos, eos, pad;
    bool addBos = false;
};

class Tokenizer {
public:
    // Reads tokenizer.ggml.* from the file; throws vela::InvalidInput on any
    // inconsistency (unknown model/pre, lengths differ, merge naming an unknown
    // token, BOS/EOS out of range, empty vocabulary).
    static Tokenizer fromGguf(const gguf::File& file);
    explicit Tokenizer(VocabData data);
    ~Tokenizer();
    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;

    // Invalid UTF-8 never throws and loses nothing: each byte of an
    // ill-formed sequence is encoded as its own single-byte token, and the
    // valid text around it is normalized and split on its own (details in
    // pretokenizer.h). NFC is applied to the text between special tokens,
    // so decode(encode(x)) is the NFC form of x, not always x itself.
    std::vector<TokenId> encode(std::string_view utf8, bool parseSpecial) const;
    std::vector<TokenId> encode(std::span<const TextSegment> segments) const;

    // Exact bytes of the tokens (special tokens as their text). May end in an
    // incomplete UTF-8 sequence when a character spans tokens; see StreamDecoder.
    std::string decode(std::span<const TokenId> ids) const;
    std::string tokenBytes(TokenId id) const;   // raw bytes of one token
    const std::string& tokenText(TokenId id) const; // as stored in the vocabulary

    size_t vocabSize() const;
    TokenKind kind(TokenId id) const;
    bool isSpecial(TokenId id) const;           // Control or UserDefined
    std::optional<TokenId> find(std::string_view tokenText) const;
    std::optional<TokenId> bos() const;
    std::optional<TokenId> eos() const;
    // tokenizer.ggml.add_bos_token. encode() never adds BOS itself; callers
    // that build a prompt from scratch prepend bos() when this is true.
    bool addBos() const;
    // <|im_end|>, <|endoftext|> and the GGUF's EOS when present.
    bool isEndOfGeneration(TokenId id) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Turns a stream of token ids into text pieces that are always complete UTF-8:
// bytes of a character split across tokens are held until the character is
// complete. flush() returns what is left (invalid bytes become U+FFFD).
class StreamDecoder {
public:
    explicit StreamDecoder(const Tokenizer& tokenizer);
    std::string push(TokenId id);
    std::string flush();

private:
    const Tokenizer* tokenizer_;
    std::string pending_;
};

} // namespace vela::tokenizer
