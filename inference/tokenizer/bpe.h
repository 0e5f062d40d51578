// Rank-based byte-level BPE over one pre-token, as in Hugging Face tokenizers'
// BPE model (`Word::merge_all`): start from one symbol per byte, then
// repeatedly apply the adjacent pair with the lowest merge rank, the leftmost
// one on ties, until no adjacent pair has a merge. A min-heap of candidate
// pairs plus a doubly linked list of symbols makes this O(n log n) in the
// pre-token length, so pathological pre-tokens (100 KB without a space) stay
// fast. Heap entries are validated lazily when popped.
#pragma once

#include "tokenizer/tokenizer.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vela::tokenizer::detail {

class Bpe {
public:
    // byteIds[b]: id of the single-byte token for byte b.
    explicit Bpe(const std::array<TokenId, 256>& byteIds);

    // Registers the merge (left, right) -> result with the next rank. Returns
    // false (and keeps the earlier, lower rank) when the pair is already known.
    bool addMerge(TokenId left, TokenId right, TokenId result);
    size_t mergeCount() const { return merges_.size(); }

    // Appends the ids of `piece` (raw bytes, not empty) to `out`.
    void encode(std::string_view piece, std::vector<TokenId>& out) const;

private:
    struct Merge {
        int32_t rank;
        TokenId result;
    };
    static uint64_t key(TokenId left, TokenId right)
    {
        return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) | static_cast<uint32_t>(right);
    }
    const Merge* findMerge(TokenId left, TokenId right) const;

    std::array<TokenId, 256> byteIds_;
    std::unordered_map<uint64_t, Merge> merges_;
    int32_t nextRank_ = 0;
};

} // namespace vela::tokenizer::detail
