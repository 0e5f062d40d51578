#include "backend/backend.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace vela::backend {

void selectTop(std::span<const float> logits, uint32_t k, std::vector<TokenLogit>& top)
{
    top.resize(logits.size());
    for (size_t i = 0; i < logits.size(); ++i)
        top[i] = {TokenId(i), std::isnan(logits[i]) ? -std::numeric_limits<float>::infinity() : logits[i]};
    const size_t keep = std::min<size_t>(k, top.size());
    std::partial_sort(top.begin(), top.begin() + ptrdiff_t(keep), top.end(), [](const TokenLogit& a, const TokenLogit& b) {
        return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
    });
    top.resize(keep);
}

void Backend::forwardTop(RunState& state, std::span<const TokenId> tokens, uint32_t pos, uint32_t k,
                         std::vector<TokenLogit>& top)
{
    if (k == 0 || k > maxTopK())
        throw InvalidInput("forwardTop: k = " + std::to_string(k) + " is outside 1.." + std::to_string(maxTopK()));
    std::vector<float> logits;
    forward(state, tokens, pos, LogitsMode::Last, logits);
    selectTop(logits, k, top);
}

} // namespace vela::backend
