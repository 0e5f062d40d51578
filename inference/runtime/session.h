// Session: one conversation's KV cache on a backend, at the level of tokens.
//
// The session remembers which tokens its cache holds. prefill() makes the
// cache hold a new prompt by keeping the longest common prefix with what is
// cached and computing only the rest, so the next turn of a conversation
// does not re-process its unchanged history. generate() samples tokens until
// an end-of-generation token, the token limit, the context's end, or a stop
// request from another thread (honoured within one token).
#pragma once

#include "backend/backend.h"
#include "runtime/defaults.h"
#include "runtime/stop_reason.h"
#include "sampling/sampler.h"
#include "tokenizer/tokenizer.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace vela::runtime {

using TokenId = tokenizer::TokenId;

struct GenerateOptions {
    int maxTokens = kDefaultGenerateMaxTokens;
    sampling::SamplingParams sampling;
    // Called for every generated token (end-of-generation tokens included,
    // before stopping). Return false to stop after this token.
    std::function<bool(TokenId)> onToken;
};

struct GenerateResult {
    std::vector<TokenId> tokens; // generated, end-of-generation token included when it ended the reply
    StopReason reason = StopReason::MaxTokens;
    double ms = 0.0;             // wall time of generation
};

class Session {
public:
    Session(backend::Backend& backend, const tokenizer::Tokenizer& tokenizer, uint32_t contextSize);

    uint32_t contextSize() const { return state_->capacity(); }
    const std::vector<TokenId>& tokens() const { return tokens_; }

    struct PrefillStats {
        size_t reused = 0;    // positions kept from the cache
        size_t computed = 0;  // positions processed now
        double ms = 0.0;
        bool stopped = false; // requestStop() ended it before the prompt's end
    };
    // Positions computed so far of those this prefill computes: called with
    // done = 0 before the first chunk and after every chunk when the prompt
    // takes more than one chunk, so a caller can show progress (and call
    // requestStop()) while a long prompt is read.
    using PrefillProgress = std::function<void(size_t done, size_t total)>;
    // The prompt goes to the backend in chunks: a stop is honoured and
    // progress reported between them. A chunk is sized to take about the
    // chunk target (4 s unless set) at the speed of the last one (the first of a
    // session: kMinPrefillChunk), a power of two between kMinPrefillChunk
    // and kPrefillChunk. On a GPU every chunk is then the largest, the
    // backend's step size (backend::kMaxSubmission: no extra steps; the
    // Vulkan backend bounds each submission by splitting a step by layers,
    // whatever the chunk); on a CPU-only device a Stop needs seconds instead of a
    // 128-position chunk's 20 s (1.7B on lavapipe), at little cost in prompt
    // speed (docs/notes.md).
    static constexpr size_t kPrefillChunk = backend::kMaxSubmission;
    static constexpr size_t kMinPrefillChunk = 32;
    void setPrefillChunkTarget(std::chrono::milliseconds target) { chunkTarget_ = target; }

    // Makes the cache hold exactly `prompt` (non-empty, at most the context
    // size; else vela::InvalidInput) and keeps the last token's logits for
    // generate(). At least the last token is always recomputed. A stop
    // requested during it ends it after the current chunk (stopped = true):
    // the cache then holds the chunks done, which the next prefill reuses,
    // and generate() throws until a prefill completes.
    PrefillStats prefill(std::span<const TokenId> prompt, const PrefillProgress& onProgress = {});

    // Continues after the current tokens; generated tokens join the cache.
    // Each step asks the backend for only the best logits that the sampler
    // needs (Sampler::candidatesNeeded), or for all of them.
    GenerateResult generate(const GenerateOptions& options);

    // Thread-safe: the running generate() returns after the current token,
    // a running prefill() after the current chunk (during its last chunk:
    // the generate() after it returns at once). prefill() clears earlier
    // requests.
    void requestStop() { stop_.store(true); }

    // Forgets the cache (the next prefill computes everything).
    void reset();

private:
    backend::Backend& backend_;
    const tokenizer::Tokenizer& tokenizer_;
    std::unique_ptr<backend::RunState> state_;
    std::vector<TokenId> tokens_;
    // The last token's logits: all of them (after prefill), or only its
    // best (during generation, when the sampler needs no more: a GPU
    // backend then reads back a few pairs instead of the vocabulary).
    std::vector<float> logits_;
    std::vector<TokenLogit> best_;
    bool haveLogits_ = false;
    std::atomic<bool> stop_{false};
    std::chrono::milliseconds chunkTarget_{4000};
    double prefillMsPerPosition_ = 0.0; // of the last chunk; 0: not measured yet

    size_t nextPrefillChunk() const;
};

} // namespace vela::runtime
