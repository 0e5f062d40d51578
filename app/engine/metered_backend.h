// MeteredBackend: a Backend decorator that reports every forward step.
//
// ChatSession::reply calls back only for non-empty text, so by itself the
// worker could neither count the tokens that produce no text (a partial
// UTF-8 character, <think>) nor look at the stop flag on every token. The
// backend sees every step: after each one the hook learns how many
// positions the cache now holds, and may call ChatSession::requestStop,
// which generate() honours before sampling the next token. (A stop
// requested during prefill would otherwise be lost: Session::generate
// clears the flag when it starts.)
//
// Every virtual of backend::Backend must be forwarded here: one left to its
// default would bypass the wrapped backend's own implementation (forwardTop
// would read back the whole vocabulary from a GPU instead of k logits).
#pragma once

#include "backend/backend.h"

#include <functional>
#include <memory>

namespace vela::app {

class MeteredBackend final : public backend::Backend {
public:
    struct Step {
        uint32_t end = 0;  // positions [0, end) now hold this conversation
        size_t tokens = 0; // tokens run by this step (1 while generating)
    };

    explicit MeteredBackend(std::unique_ptr<backend::Backend> inner) : inner_(std::move(inner)) {}

    // Called on the calling thread after every successful forward(); clear it with {}.
    void setHook(std::function<void(const Step&)> hook) { hook_ = std::move(hook); }

    std::string name() const override { return inner_->name(); }
    const model::Model& model() const override { return inner_->model(); }
    std::unique_ptr<backend::RunState> createState(uint32_t nCtx) override { return inner_->createState(nCtx); }
    void forward(backend::RunState& state, std::span<const backend::TokenId> tokens, uint32_t pos,
                 backend::LogitsMode mode, std::vector<float>& logits) override;
    void forwardTop(backend::RunState& state, std::span<const backend::TokenId> tokens, uint32_t pos, uint32_t k,
                    std::vector<backend::TokenLogit>& top) override;
    uint32_t maxTopK() const override { return inner_->maxTopK(); }
    backend::BackendStats stats() const override { return inner_->stats(); }

private:
    std::unique_ptr<backend::Backend> inner_;
    std::function<void(const Step&)> hook_;
};

} // namespace vela::app
