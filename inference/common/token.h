// Token ids and scored tokens, shared by the tokenizer, backends, sampling
// and the runtime.
#pragma once

#include <cstdint>

namespace vela {

// An index into the model's vocabulary (Qwen3: 0 ≤ id < 151,936).
using TokenId = int32_t;

// A token with its logit: an entry of a position's best logits
// (backend::Backend::forwardTop) and of the sampler's candidates.
struct TokenLogit {
    TokenId id;
    float logit;
};

} // namespace vela
