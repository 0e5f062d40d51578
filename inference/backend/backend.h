// Backend: where a model's arithmetic runs. One Backend holds one model's
// weights ready for its device (CPU: views into the map; Vulkan: uploaded
// buffers); a RunState holds one conversation's KV cache and scratch.
//
// Callers (runtime::Session, vela-cli) only see this interface, so the CPU
// reference and the Vulkan backend are interchangeable.
#pragma once

#include "common/token.h"

#include "model/model.h"

#include <cstdint>
#include <memory>
#include <span>
#include <map>
#include <string>
#include <vector>

namespace vela::backend {

using vela::TokenId;
using vela::TokenLogit;

// Which backend runs a model (backend_factory.h chooses; Auto only asks).
enum class BackendKind { Auto, Cpu, Vulkan };

// The most positions one forward() call runs in one step: the Vulkan
// backend sizes a state's activation buffers for this many and splits longer
// calls (and each step by layers into submissions of about
// vulkan::kSubmissionTargetMs, vulkan/submission_plan.h); runtime::Session feeds a prompt in chunks of at most this many, which
// also bounds the CPU backend's per-call scratch.
inline constexpr uint32_t kMaxSubmission = 128;

enum class LogitsMode {
    Last, // logits of the last input token only (generation)
    All,  // logits of every input token (teacher forcing, scoring)
    None, // no logits: the tokens only fill the cache (a prefill's chunks before its last)
};

// Per-conversation state: the KV cache for `capacity` positions and scratch
// buffers. Opaque to callers.
class RunState {
public:
    virtual ~RunState() = default;
    virtual uint32_t capacity() const = 0;
};

// What a backend reports about itself (vela-cli bench, the app's model view).
struct BackendStats {
    std::string device;
    uint32_t threads = 0;          // CPU backend: its worker threads (0: not the CPU backend)
    double loadMs = 0.0;           // weights made ready for the device
    uint64_t weightBytes = 0;      // device memory held by the weights
    uint64_t deviceBytes = 0;      // weights + the latest state's KV cache and buffers
    uint32_t dispatchesPerStep = 0; // kernel dispatches of the latest submitted step (0: not a GPU)
    uint32_t submissionsPerStep = 0; // queue submissions the latest step was split into (0: not a GPU)
    uint32_t barriersPerStep = 0;   // pipeline barriers recorded in that step (0: not a GPU)
    uint32_t validationErrors = 0;  // Vulkan validation-layer errors seen (when enabled)
    uint32_t pipelinesCreated = 0;  // compute pipelines made so far (GPU)
    uint32_t pipelineCacheHits = 0; // of which the driver took from the on-disk cache
    // With enableProfiling(): device milliseconds spent in each kernel (by
    // shader name) since then; empty otherwise or for backends without kernels.
    std::map<std::string, double> kernelMs;
    // Why enableProfiling() could not time kernels (empty when it could or
    // was not asked), e.g. a device queue without timestamps.
    std::string profileUnavailable;
};

class Backend {
public:
    virtual ~Backend() = default;

    virtual std::string name() const = 0;
    virtual BackendKind kind() const = 0; // Cpu or Vulkan
    // Times every kernel from now on (BackendStats::kernelMs), for states
    // created after the call; a no-op where there is nothing to time.
    virtual void enableProfiling() {}
    virtual const model::Model& model() const = 0;

    // A KV cache for nCtx positions (1 ≤ nCtx ≤ the model's context length).
    virtual std::unique_ptr<RunState> createState(uint32_t nCtx) = 0;

    // Runs tokens at positions [pos, pos + tokens.size()), attending to the
    // cached positions [0, pos) and writing the new keys and values. Cached
    // entries at positions ≥ pos are overwritten: rewinding is just calling
    // forward with a smaller pos. Logits are nVocab floats per returned
    // token, row-major. Throws vela::InvalidInput when the positions exceed
    // the state's capacity or a token id is outside the vocabulary.
    virtual void forward(RunState& state, std::span<const TokenId> tokens, uint32_t pos, LogitsMode mode,
                         std::vector<float>& logits) = 0;

    // forward() for generation when the sampler needs only the k best
    // logits of the last token (greedy: k = 1; top-k sampling: k plus the
    // penalized tokens): `top` gets them in descending order, ties by the
    // lower id, NaN counted as -inf. A GPU backend selects them on the
    // device, so a decoded token costs k pairs of readback instead of the
    // whole vocabulary's logits. 1 ≤ k ≤ maxTopK(). The default runs
    // forward(Last) and selects on the host.
    virtual void forwardTop(RunState& state, std::span<const TokenId> tokens, uint32_t pos, uint32_t k,
                            std::vector<TokenLogit>& top);
    virtual uint32_t maxTopK() const { return 128; }

    virtual BackendStats stats() const { return {}; }
};

// The k best of `logits` in forwardTop()'s order (the host selection).
void selectTop(std::span<const float> logits, uint32_t k, std::vector<TokenLogit>& top);

struct CpuOptions {
    unsigned threads = 0; // 0: one per hardware thread
    // Round activations as the reference runtime's CPU backend does before
    // quantized dot products (quant/activation.h); off computes with float
    // activations throughout.
    bool roundActivations = true;
};

std::unique_ptr<Backend> createCpuBackend(std::shared_ptr<const model::Model> model, CpuOptions options = {});

// What the CPU backend allocates (the library's fit estimate; the weights
// stay in the file's memory map): a state's F32 KV cache for nCtx positions,
// and the most working memory one forward() call takes (kMaxSubmission
// positions with every position's logits).
uint64_t cpuStateBytes(const model::Config& config, uint32_t nCtx);
uint64_t cpuScratchBytes(const model::Config& config);

} // namespace vela::backend
