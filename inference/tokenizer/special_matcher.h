// Finds special tokens (token_type Control or UserDefined) in raw text, the
// way Hugging Face tokenizers' AddedVocabulary splits text before
// normalization: scanning left to right, at each position the longest special
// token that starts there wins (Aho-Corasick "leftmost longest"). Matching is
// on the raw bytes, since Qwen's added tokens are declared normalized: false.
#pragma once

#include "tokenizer/tokenizer.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace vela::tokenizer::detail {

class SpecialMatcher {
public:
    struct Match {
        TokenId id;
        size_t length;
    };

    // texts: the whole vocabulary; only ids in `ids` are matched. Empty texts
    // are ignored (they would match everywhere).
    void build(const std::vector<std::string>& texts, const std::vector<TokenId>& ids);

    bool empty() const { return count_ == 0; }
    // The longest special token starting at text[pos], if any.
    std::optional<Match> matchAt(std::string_view text, size_t pos) const;

private:
    struct Entry {
        std::string_view text; // view into the vocabulary's storage
        TokenId id;
    };
    // Candidates by first byte, longest first.
    std::array<std::vector<Entry>, 256> byFirstByte_;
    size_t count_ = 0;
};

} // namespace vela::tokenizer::detail
