#include "backend/vulkan/vulkan_state.h"

#include "backend/vulkan/kernels.h"
#include "backend/vulkan/vulkan_backend.h"

#include <algorithm>
#include <string>

namespace vela::backend::vulkan {

namespace {

constexpr uint64_t kLogitsBufferBytes = uint64_t(64) << 20; // bounds logits rows per submission

// The one list of a state's buffers, in allocation order (which fixes where
// they land in the allocator's blocks): alloc(bytes, kind, what) returns the
// slice. Both the real state and stateMemory() run it.
template <typename Alloc>
StateBuffers layoutState(const model::Config& c, uint32_t nCtx, Alloc&& alloc)
{
    StateBuffers b;
    uint32_t qMax = 0, kvMax = 0, ffMax = 0, headMax = 0;
    const std::string cache = "the KV cache (" + std::to_string(nCtx) + " positions)";
    for (const auto& l : c.layers) {
        qMax = std::max(qMax, l.nHead * c.headDim);
        kvMax = std::max(kvMax, l.nHeadKv * c.headDim);
        ffMax = std::max(ffMax, l.nFf);
        headMax = std::max(headMax, l.nHead);
        const uint64_t cacheBytes = uint64_t(nCtx) * l.nHeadKv * c.headDim * 2;
        b.kCache.push_back(alloc(cacheBytes, MemoryKind::Device, cache));
        b.vCache.push_back(alloc(cacheBytes, MemoryKind::Device, cache));
    }
    const uint64_t C = kMaxSubmission;
    b.step = alloc(4 * (2 + C), MemoryKind::Upload, "the step parameters");
    b.x = alloc(4 * C * c.nEmbd, MemoryKind::Device, "activations");
    b.h = alloc(4 * C * c.nEmbd, MemoryKind::Device, "activations");
    b.last = alloc(4 * c.nEmbd, MemoryKind::Device, "activations");
    b.qkv = alloc(4 * C * (qMax + 2 * kvMax), MemoryKind::Device, "activations");
    b.q = subslice(b.qkv, 0, 4 * C * qMax);
    static_assert(4 * kMaxSubmission % SlicePlanner::kAlignment == 0, "k and v must start at bindable offsets");
    b.k = subslice(b.qkv, 4 * C * qMax, 4 * C * kvMax);
    b.v = subslice(b.qkv, 4 * C * (qMax + kvMax), 4 * C * kvMax);
    b.att = alloc(4 * C * qMax, MemoryKind::Device, "activations");
    b.normScale = alloc(4 * C, MemoryKind::Device, "activations");
    b.gate = alloc(4 * C * ffMax, MemoryKind::Device, "activations");
    b.up = alloc(4 * C * ffMax, MemoryKind::Device, "activations");
    b.rounded = alloc(4 * C * std::max({c.nEmbd, qMax, ffMax}), MemoryKind::Device, "activations");
    b.logitsRows = uint32_t(std::clamp<uint64_t>(kLogitsBufferBytes / (4ull * c.nVocab), 1, C));
    b.logits = alloc(4ull * b.logitsRows * c.nVocab, MemoryKind::Readback, "the logits");
    b.deviceLogits = alloc(4ull * c.nVocab, MemoryKind::Device, "the logits");
    b.topScratch = alloc(kernels::topKScratchBytes(c.nVocab, kTopKMax), MemoryKind::Device, "top-k scratch");
    b.topResult = alloc(8ull * kTopKMax, MemoryKind::Readback, "the top logits");
    // Sized for the most splits any plan uses, so that a state's size does
    // not depend on the device class.
    b.partial = alloc(kernels::attentionPartialBytes(1, headMax, c.headDim, kMaxDecodeSplits), MemoryKind::Device,
                      "attention scratch");
    return b;
}

} // namespace

VulkanState::VulkanState(Context& context, const model::Config& c, uint32_t nCtx)
    : capacity_(nCtx), memory(context, kStateBlockBytes),
      b(layoutState(c, nCtx, [&](uint64_t bytes, MemoryKind kind, const std::string& what) {
          return memory.allocate(bytes, kind, what);
      }))
{
}

StateMemory stateMemory(const model::Config& config, uint32_t nCtx)
{
    StateMemory m;
    SlicePlanner planner(kStateBlockBytes);
    const StateBuffers b = layoutState(config, nCtx, [&](uint64_t bytes, MemoryKind kind, const std::string&) {
        const SlicePlanner::Place p = planner.find(bytes, kind);
        planner.commit(p);
        (kind == MemoryKind::Device ? m.scratch : m.host) += p.size;
        return BufferSlice{VK_NULL_HANDLE, p.offset, p.size, nullptr};
    });
    for (size_t i = 0; i < b.kCache.size(); ++i)
        m.kvCache += b.kCache[i].size + b.vCache[i].size;
    m.scratch -= m.kvCache;
    m.deviceBlocks = planner.allocatedBytes(MemoryKind::Device);
    return m;
}

} // namespace vela::backend::vulkan
