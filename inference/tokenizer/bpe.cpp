#include "tokenizer/bpe.h"

#include <algorithm>

namespace vela::tokenizer::detail {
namespace {

struct Symbol {
    TokenId id;
    int32_t prev; // -1: none
    int32_t next; // -1: none
    bool alive;
};

struct Candidate {
    int32_t rank;
    int32_t pos; // index of the left symbol
    TokenId left, right, result;
};

// std::*_heap build a max-heap; invert so the top is the lowest rank, then
// the leftmost position (HF tokenizers orders its BinaryHeap of merges the
// same way).
bool laterThan(const Candidate& a, const Candidate& b)
{
    return a.rank != b.rank ? a.rank > b.rank : a.pos > b.pos;
}

} // namespace

Bpe::Bpe(const std::array<TokenId, 256>& byteIds)
    : byteIds_(byteIds)
{
}

bool Bpe::addMerge(TokenId left, TokenId right, TokenId result)
{
    const int32_t rank = nextRank_++;
    return merges_.emplace(key(left, right), Merge{rank, result}).second;
}

const Bpe::Merge* Bpe::findMerge(TokenId left, TokenId right) const
{
    auto it = merges_.find(key(left, right));
    return it == merges_.end() ? nullptr : &it->second;
}

void Bpe::encode(std::string_view piece, std::vector<TokenId>& out) const
{
    if (piece.size() == 1) {
        out.push_back(byteIds_[static_cast<uint8_t>(piece[0])]);
        return;
    }
    // Scratch reused across calls; pieces can be as long as the whole prompt.
    thread_local std::vector<Symbol> symbols;
    thread_local std::vector<Candidate> heap;
    symbols.clear();
    heap.clear();

    const auto n = static_cast<int32_t>(piece.size());
    for (int32_t i = 0; i < n; ++i)
        symbols.push_back({byteIds_[static_cast<uint8_t>(piece[static_cast<size_t>(i)])], i - 1,
                           i + 1 < n ? i + 1 : -1, true});

    auto consider = [&](int32_t pos) {
        const Symbol& l = symbols[static_cast<size_t>(pos)];
        if (l.next < 0)
            return;
        const Symbol& r = symbols[static_cast<size_t>(l.next)];
        if (const Merge* m = findMerge(l.id, r.id)) {
            heap.push_back({m->rank, pos, l.id, r.id, m->result});
            std::push_heap(heap.begin(), heap.end(), laterThan);
        }
    };
    for (int32_t i = 0; i + 1 < n; ++i)
        consider(i);

    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), laterThan);
        const Candidate c = heap.back();
        heap.pop_back();
        Symbol& l = symbols[static_cast<size_t>(c.pos)];
        if (!l.alive || l.next < 0)
            continue;
        Symbol& r = symbols[static_cast<size_t>(l.next)];
        // Stale entry: one side has been merged since. Token ids identify
        // their text, so equal ids mean the same two spans as when pushed.
        if (l.id != c.left || r.id != c.right)
            continue;
        l.id = c.result;
        r.alive = false;
        l.next = r.next;
        if (r.next >= 0)
            symbols[static_cast<size_t>(r.next)].prev = c.pos;
        if (l.prev >= 0)
            consider(l.prev);
        consider(c.pos);
    }
    for (int32_t i = 0; i >= 0; i = symbols[static_cast<size_t>(i)].next)
        out.push_back(symbols[static_cast<size_t>(i)].id);
}

} // namespace vela::tokenizer::detail
