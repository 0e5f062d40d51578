#include "fit_estimate.h"

#include "backend/backend.h"
#include "backend/vulkan/vulkan_backend.h"
#include "gguf/gguf_file.h"

#include <algorithm>
#include <set>

namespace vela::library {

namespace {

uint64_t roundUp(uint64_t n, uint64_t granularity)
{
    return (n + granularity - 1) / granularity * granularity;
}

// Candidate contexts below `below`, largest first: 2^k and 3·2^(k-1).
std::vector<uint32_t> shorterContexts(uint32_t below)
{
    std::vector<uint32_t> out;
    for (uint64_t p = uint64_t(1) << 31; p >= kMinContext; p >>= 1) {
        const uint64_t oneHalf = p + p / 2;
        if (oneHalf < below && oneHalf >= kMinContext && oneHalf <= UINT32_MAX)
            out.push_back(uint32_t(oneHalf));
        if (p < below)
            out.push_back(uint32_t(p));
    }
    return out;
}

} // namespace

ModelShape ModelShape::fromGguf(const gguf::File& file, const model::Config& config,
                                const std::vector<std::string>& unused)
{
    ModelShape s;
    s.fileBytes = file.fileSize();
    s.nEmbd = config.nEmbd;
    s.headDim = config.headDim;
    s.nVocab = config.nVocab;
    s.trainedContext = config.trainedContext;
    for (const auto& l : config.layers)
        s.layers.push_back({l.nHead, l.nHeadKv, l.nFf});
    const std::set<std::string> skip(unused.begin(), unused.end());
    for (const auto& t : file.tensors()) {
        if (skip.count(std::string(t.name)))
            continue;
        s.weightBytes += backend::vulkan::deviceTensorBytes(t);
    }
    return s;
}

model::Config ModelShape::config() const
{
    model::Config c;
    c.nLayers = uint32_t(layers.size());
    c.trainedContext = trainedContext;
    c.nEmbd = nEmbd;
    c.headDim = headDim;
    c.valueDim = headDim;
    c.nVocab = std::max<uint32_t>(nVocab, 1);
    for (const auto& l : layers)
        c.layers.push_back({l.nHead, l.nHeadKv, l.nFf});
    return c;
}

uint64_t kvCacheBytes(const ModelShape& shape, uint32_t nCtx, DeviceKind kind)
{
    return kind == DeviceKind::Gpu ? backend::vulkan::stateMemory(shape.config(), nCtx).kvCache
                                   : backend::cpuStateBytes(shape.config(), nCtx);
}

uint64_t scratchBytes(const ModelShape& shape, DeviceKind kind)
{
    // The GPU state's scratch does not depend on the context: ask for one position.
    return kind == DeviceKind::Gpu ? backend::vulkan::stateMemory(shape.config(), 1).scratch
                                   : backend::cpuScratchBytes(shape.config());
}

uint64_t hostBufferBytes(const ModelShape& shape)
{
    return backend::vulkan::stateMemory(shape.config(), 1).host;
}

MemoryEstimate estimateMemory(const ModelShape& shape, uint32_t nCtx, DeviceKind kind)
{
    MemoryEstimate e;
    const model::Config config = shape.config();
    if (kind == DeviceKind::Gpu) {
        const backend::vulkan::StateMemory state = backend::vulkan::stateMemory(config, nCtx);
        e.weights = shape.weightBytes;
        e.kvCache = state.kvCache;
        e.scratch = state.scratch;
        e.hostBuffers = state.host;
        e.deviceTotal = roundUp(e.weights, backend::vulkan::kWeightBlockBytes) + state.deviceBlocks;
        e.total = e.deviceTotal + e.hostBuffers;
    } else {
        // The CPU backend reads weights straight from the memory-mapped file.
        e.weights = shape.fileBytes;
        e.kvCache = backend::cpuStateBytes(config, nCtx);
        e.scratch = backend::cpuScratchBytes(config);
        e.total = e.weights + e.kvCache + e.scratch;
    }
    return e;
}

FitResult estimateFit(const ModelShape& shape, uint32_t nCtx, uint64_t budget, DeviceKind kind)
{
    if (shape.trainedContext > 0)
        nCtx = std::min(nCtx, shape.trainedContext);
    FitResult r;
    r.budget = budget;
    r.context = nCtx;
    r.estimate = estimateMemory(shape, nCtx, kind);
    if (r.estimate.total <= budget) {
        r.verdict = FitVerdict::Fits;
        return r;
    }
    for (uint32_t n : shorterContexts(nCtx)) {
        MemoryEstimate e = estimateMemory(shape, n, kind);
        if (e.total <= budget) {
            r.verdict = FitVerdict::FitsShorterContext;
            r.context = n;
            r.estimate = e;
            return r;
        }
    }
    r.verdict = FitVerdict::TooLarge;
    return r;
}

std::string describe(const FitResult& fit)
{
    switch (fit.verdict) {
    case FitVerdict::Fits:
        return "Fits";
    case FitVerdict::FitsShorterContext:
        return "Fits with shorter context (" + std::to_string(fit.context) + ")";
    case FitVerdict::TooLarge:
        break;
    }
    return "Too large";
}

const char* verdictName(FitVerdict v)
{
    switch (v) {
    case FitVerdict::Fits:
        return "fits";
    case FitVerdict::FitsShorterContext:
        return "shorter_context";
    case FitVerdict::TooLarge:
        break;
    }
    return "too_large";
}

} // namespace vela::library
