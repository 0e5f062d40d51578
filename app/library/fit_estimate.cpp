#include "fit_estimate.h"

#include "gguf/gguf_file.h"
#include "model/config.h"

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
    s.contextLength = config.contextLength;
    for (const auto& l : config.layers)
        s.layers.push_back({l.nHead, l.nHeadKv, l.nFf});
    const std::set<std::string> skip(unused.begin(), unused.end());
    for (const auto& t : file.tensors()) {
        if (skip.count(std::string(t.name)))
            continue;
        // Vectors are dequantized to F32 on upload (VulkanBackend::uploadVector).
        s.weightBytes += t.nDims <= 1 ? t.nElements * 4 : t.nBytes;
    }
    return s;
}

uint64_t kvCacheBytes(const ModelShape& shape, uint32_t nCtx, DeviceKind kind)
{
    const uint64_t element = kind == DeviceKind::Gpu ? 2 : 4; // F16 on the GPU, F32 in the CPU reference
    uint64_t total = 0;
    for (const auto& l : shape.layers)
        total += 2 * uint64_t(nCtx) * l.nHeadKv * shape.headDim * element;
    return total;
}

uint64_t scratchBytes(const ModelShape& shape, DeviceKind kind)
{
    uint32_t qMax = 0, kvMax = 0, ffMax = 0, headMax = 0;
    for (const auto& l : shape.layers) {
        qMax = std::max(qMax, l.nHead * shape.headDim);
        kvMax = std::max(kvMax, l.nHeadKv * shape.headDim);
        ffMax = std::max(ffMax, l.nFf);
        headMax = std::max(headMax, l.nHead);
    }
    const uint64_t C = kPrefillChunk;
    // VulkanState's activation buffers: x, h, q, att, k, v, gate, up, rounded.
    uint64_t bytes = 4 * C * (2ull * shape.nEmbd + 2ull * qMax + 2ull * kvMax + 2ull * ffMax +
                              std::max({shape.nEmbd, qMax, ffMax}));
    const uint64_t vocabRow = 4ull * std::max<uint32_t>(shape.nVocab, 1);
    bytes += vocabRow; // the device copy of the last logits, for top-k
    bytes += uint64_t(headMax) * 16 * (shape.headDim + 2) * 4; // attention partial sums (16 splits)
    bytes += (uint64_t(shape.nVocab) / 256 + 1) * 64 * 8;      // top-k scratch (generous)
    if (kind == DeviceKind::Cpu)
        bytes = 4 * C * (2ull * shape.nEmbd + qMax + 2ull * kvMax + 2ull * ffMax) + vocabRow * C;
    return bytes;
}

uint64_t logitsReadbackBytes(const ModelShape& shape)
{
    const uint64_t vocabRow = 4ull * std::max<uint32_t>(shape.nVocab, 1);
    return vocabRow * std::clamp<uint64_t>(kLogitsBufferCap / vocabRow, 1, kPrefillChunk);
}

MemoryEstimate estimateMemory(const ModelShape& shape, uint32_t nCtx, DeviceKind kind)
{
    MemoryEstimate e;
    // The CPU backend reads weights straight from the memory-mapped file.
    e.weights = kind == DeviceKind::Gpu ? shape.weightBytes : shape.fileBytes;
    e.kvCache = kvCacheBytes(shape, nCtx, kind);
    e.scratch = scratchBytes(shape, kind);
    if (kind == DeviceKind::Gpu) {
        e.hostBuffers = logitsReadbackBytes(shape);
        e.deviceTotal = roundUp(e.weights, kWeightBlock) + roundUp(e.kvCache + e.scratch, kStateBlock);
        e.total = e.deviceTotal + e.hostBuffers;
    } else {
        e.total = e.weights + e.kvCache + e.scratch;
    }
    return e;
}

FitResult estimateFit(const ModelShape& shape, uint32_t nCtx, uint64_t budget, DeviceKind kind)
{
    if (shape.contextLength > 0)
        nCtx = std::min(nCtx, shape.contextLength);
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
