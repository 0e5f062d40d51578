// A small byte-level BPE vocabulary built in code, for tests and the fuzzer
// that must not depend on ../shared: the 256 byte tokens of the GPT-2 byte
// alphabet (id = byte value), merges that spell a few words left to right,
// and Qwen-style special tokens.
#pragma once

#include "tokenizer/byte_alphabet.h"
#include "tokenizer/tokenizer.h"

#include <string>
#include <vector>

namespace vela::test {

struct SmallVocab {
    tokenizer::VocabData data;
    // Ids of the specials, for assertions.
    tokenizer::TokenId endOfText = -1, imStart = -1, imEnd = -1, think = -1, endThink = -1, imPrefix = -1;
};

inline SmallVocab smallVocab()
{
    using tokenizer::TokenKind;
    SmallVocab v;
    auto& d = v.data;
    auto add = [&](const std::string& text, TokenKind kind) {
        d.tokens.push_back(text);
        d.kinds.push_back(kind);
        return static_cast<tokenizer::TokenId>(d.tokens.size() - 1);
    };
    for (int b = 0; b < 256; ++b)
        add(tokenizer::detail::byteToken(static_cast<uint8_t>(b)), TokenKind::Normal);
    // Each word (raw bytes) is built by merging one more byte onto its
    // prefix; earlier words get lower ranks.
    const std::vector<std::string> words = {
        "hello", " world", " the", "ing", " hello", "\xC3\xA9", "caf\xC3\xA9", "\n\n", "  ", "<|",
        "|>", "im", "_end", "ll",
    };
    for (const std::string& w : words) {
        std::string prefix = tokenizer::detail::bytesToTokenText(w.substr(0, 1));
        for (size_t i = 1; i < w.size(); ++i) {
            const std::string next = tokenizer::detail::bytesToTokenText(w.substr(i, 1));
            const std::string joined = prefix + next;
            bool known = false;
            for (const auto& t : d.tokens)
                known = known || t == joined;
            if (!known) {
                d.merges.push_back(prefix + " " + next);
                add(joined, TokenKind::Normal);
            }
            prefix = joined;
        }
    }
    v.endOfText = add("<|endoftext|>", TokenKind::Control);
    v.imStart = add("<|im_start|>", TokenKind::Control);
    v.imEnd = add("<|im_end|>", TokenKind::Control);
    v.think = add("<think>", TokenKind::UserDefined);
    v.endThink = add("</think>", TokenKind::UserDefined);
    // A special that is a prefix of others, to check longest-match.
    v.imPrefix = add("<|im", TokenKind::UserDefined);
    add("[PAD]", TokenKind::Unused);
    d.bos = v.endOfText;
    d.eos = v.imEnd;
    d.pad = v.endOfText;
    return v;
}

// The 256 byte tokens (id = byte) plus the given merges of byte-alphabet
// texts; every merge result is added as a token in order.
inline tokenizer::VocabData byteVocab(const std::vector<std::string>& merges)
{
    using tokenizer::TokenKind;
    tokenizer::VocabData d;
    for (int b = 0; b < 256; ++b) {
        d.tokens.push_back(tokenizer::detail::byteToken(static_cast<uint8_t>(b)));
        d.kinds.push_back(TokenKind::Normal);
    }
    for (const std::string& m : merges) {
        d.merges.push_back(m);
        const std::string joined = m.substr(0, m.find(' ')) + m.substr(m.find(' ') + 1);
        d.tokens.push_back(joined);
        d.kinds.push_back(TokenKind::Normal);
    }
    return d;
}

} // namespace vela::test
