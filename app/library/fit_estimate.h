// Fit estimate: how much memory a model needs on a device at a given context,
// and whether it fits that device's budget.
//
// The backends report what they allocate, so that the estimate and the
// measured memory after load (BackendStats::deviceBytes) agree:
//   weights  on a GPU every uploaded tensor's device bytes
//            (vulkan::deviceTensorBytes), in blocks of vulkan::kWeightBlockBytes;
//            the CPU backend reads the memory-mapped file.
//   state    on a GPU vulkan::stateMemory(): the F16 KV cache, activations and
//            scratch (device-local, in the allocator's blocks) and the
//            host-visible buffers (the logits read-back, counted apart: on
//            integrated GPUs and lavapipe it is the same RAM); on the CPU
//            backend::cpuStateBytes (F32 KV cache) and cpuScratchBytes.
#pragma once

#include "model/config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vela::gguf {
class File;
}

namespace vela::library {

struct LayerDims {
    uint32_t nHead = 0;
    uint32_t nHeadKv = 0;
    uint32_t nFf = 0;
};

// What the estimate needs of a model; kept in the library index so that an
// unchanged file is not re-read.
struct ModelShape {
    uint64_t fileBytes = 0;
    uint64_t weightBytes = 0; // as held on a GPU (see the file comment)
    uint32_t nEmbd = 0;
    uint32_t headDim = 0; // the backends size both K and V rows by it
    uint32_t nVocab = 0;
    uint32_t trainedContext = 0;
    std::vector<LayerDims> layers;

    // `unused`: tensors present in the file that the model does not bind
    // (model::Weights::unusedTensors); they are never uploaded.
    static ModelShape fromGguf(const gguf::File& file, const model::Config& config,
                               const std::vector<std::string>& unused = {});
    // The hyperparameters the backends size their memory by (the rest of
    // the Config left at its defaults).
    model::Config config() const;
};

enum class DeviceKind { Gpu, Cpu };

inline constexpr uint32_t kMinContext = 512;

struct MemoryEstimate {
    uint64_t weights = 0;
    uint64_t kvCache = 0;
    uint64_t scratch = 0;     // device-local activations and scratch
    uint64_t hostBuffers = 0; // host-visible buffers: the logits read-back, ... (GPU only)
    // On a GPU: the weights' blocks + the state's device-local blocks —
    // what BackendStats::deviceBytes reports after a load.
    uint64_t deviceTotal = 0;
    uint64_t total = 0; // deviceTotal + hostBuffers: compared with the budget
};

uint64_t kvCacheBytes(const ModelShape& shape, uint32_t nCtx, DeviceKind kind);
uint64_t scratchBytes(const ModelShape& shape, DeviceKind kind); // device-local part
uint64_t hostBufferBytes(const ModelShape& shape);                // GPU: MemoryEstimate::hostBuffers
MemoryEstimate estimateMemory(const ModelShape& shape, uint32_t nCtx, DeviceKind kind);

enum class FitVerdict { Fits, FitsShorterContext, TooLarge };

struct FitResult {
    FitVerdict verdict = FitVerdict::TooLarge;
    uint32_t context = 0;    // the requested context, or the shorter one that fits
    MemoryEstimate estimate; // at `context` (at the requested one when too large)
    uint64_t budget = 0;
};

// The requested context is clamped to the model's trained context. When it
// does not fit, tries shorter contexts: powers of two and 1.5 × powers of two
// (…, 2048, 3072, 4096, 6144, …) down to kMinContext.
FitResult estimateFit(const ModelShape& shape, uint32_t nCtx, uint64_t budget, DeviceKind kind);

// "Fits", "Fits with shorter context (N)", "Too large" (English; the UI
// translates from the verdict).
std::string describe(const FitResult& fit);
const char* verdictName(FitVerdict v); // "fits", "shorter_context", "too_large"

} // namespace vela::library
