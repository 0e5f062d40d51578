// VulkanState: one conversation's buffers on the device (the Vulkan
// backend's RunState), and the bytes they take, known without a device
// (stateMemory() in vulkan_backend.h) because both come from one buffer list.
#pragma once

#include "backend/backend.h"
#include "backend/vulkan/lru_cache.h"
#include "backend/vulkan/memory.h"
#include "backend/vulkan/recorder.h"
#include "model/config.h"

#include <cstdint>
#include <memory>
#include <tuple>
#include <vector>

namespace vela::backend::vulkan {

// Which logits a recorded step computes: none (a prefill chunk that is not
// the last), the last token's, every token's, or the last token's k best
// (selected on the device; only k pairs are read back).
enum class Logits { None, Last, All, Top };

// A state's buffers. Activations hold kMaxSubmission tokens; `step` is
// (pos0, n, token ids) as the kernels read it; `logits` holds logitsRows rows
// (≤ 64 MiB); the attention partials are sized for kMaxDecodeSplits.
struct StateBuffers {
    std::vector<BufferSlice> kCache, vCache; // per layer, F16 [nCtx][nHeadKv][headDim]
    BufferSlice step, x, h, last, q, k, v, att, gate, up, logits, partial, rounded;
    // q, k and v are consecutive slices of qkv (kMaxSubmission rows each);
    // a decode step's fused q|k|v product writes its one row from qkv's start.
    BufferSlice qkv;
    BufferSlice normScale; // kMaxSubmission RMSNorm scales (rms_scale → folded norms)
    BufferSlice deviceLogits, topScratch, topResult; // Logits::Top
    uint32_t logitsRows = 1;
};

// One recorded step: its segments (submission_plan.h), submitted in order,
// segment i running the layers of splitLayers(nLayers, segments.size())[i].
struct RecordedStep {
    std::vector<std::unique_ptr<CommandRecorder>> segments;
    uint32_t dispatches = 0; // over all segments
    uint32_t barriers = 0;   // likewise
};

class VulkanState final : public RunState {
public:
    // Steps kept recorded per state: the decode step, the full prefill chunk
    // and a few prompt tails and top-k sizes, each in the segment counts the
    // device's speed asked for lately. A step's segments together hold one
    // step's dispatches and descriptor sets, however many there are, so the
    // memory this takes is bounded as it was with one buffer per step.
    static constexpr size_t kRecordingsKept = 16;
    // (tokens, Logits, k for Logits::Top, segments)
    using RecordingKey = std::tuple<uint32_t, int, uint32_t, uint32_t>;

    VulkanState(Context& context, const model::Config& c, uint32_t nCtx);
    uint32_t capacity() const override { return capacity_; }

    uint32_t capacity_;
    Allocator memory;
    StateBuffers b;
    LruCache<RecordingKey, RecordedStep> recorded{kRecordingsKept};
};

} // namespace vela::backend::vulkan
