#include "engine/metered_backend.h"

namespace vela::app {

void MeteredBackend::forward(backend::RunState& state, std::span<const backend::TokenId> tokens, uint32_t pos,
                             backend::LogitsMode mode, std::vector<float>& logits)
{
    inner_->forward(state, tokens, pos, mode, logits);
    if (hook_)
        hook_({uint32_t(pos + tokens.size()), tokens.size()});
}

void MeteredBackend::forwardTop(backend::RunState& state, std::span<const backend::TokenId> tokens, uint32_t pos,
                                uint32_t k, std::vector<backend::TokenLogit>& top)
{
    inner_->forwardTop(state, tokens, pos, k, top);
    if (hook_)
        hook_({uint32_t(pos + tokens.size()), tokens.size()});
}

} // namespace vela::app
