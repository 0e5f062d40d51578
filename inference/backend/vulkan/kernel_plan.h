// KernelPlan: which kernels a Vulkan device runs, decided once per Context
// (Context::plan()) from the device's class and limits, and read by
// kernels::* and the backend's forward pass instead of each asking what the
// device is. docs/notes.md has the measurements behind the CPU-device
// choices (lavapipe, Mesa 22).
#pragma once

#include <cstdint>

namespace vela::backend::vulkan {

struct DeviceInfo;

namespace kernels {
// How a matrix product's work is laid out (shaders/matmul.comp). Auto: the
// plan's choice. Texel falls back to row per thread when the inputs are not
// vec4s at 16-byte aligned offsets (k % 4 != 0). Subgroup
// (matmul_subgroup.glsl) is for decode on devices with subgroup arithmetic,
// block types and vec4 inputs; other products (prefill, float weights) fall
// back to split-k. GPUs with subgroup arithmetic run it by default.
enum class MatmulLayout { Auto, SplitK, RowPerThread, Texel, Subgroup };
// Attention (shaders/attention.comp, attention_texel.glsl). Texel (one
// invocation per query head, no shared memory) needs headDim % 8 == 0 and
// 16-byte aligned buffers, and falls back to Tiled otherwise.
enum class AttentionLayout { Auto, Tiled, Texel };
} // namespace kernels

// The most attention key slices a plan decodes with (a state's partial
// buffer is sized for it).
inline constexpr uint32_t kMaxDecodeSplits = 16;

struct KernelPlan {
    // Cpu: a CPU device (lavapipe, SwiftShader). There storage-buffer loads
    // compile to a per-lane loop and every `if` runs both sides, so its
    // kernels read through texel buffers with the dispatch's shape fixed by
    // specialization constants (shaders/README.md).
    enum class DeviceClass { Gpu, Cpu } deviceClass = DeviceClass::Gpu;
    // What MatmulLayout::Auto runs: Texel on CPU devices (row per thread
    // where the inputs are not vec4s); on GPUs Subgroup where they have
    // subgroup arithmetic (decode of block types; split-k for the rest:
    // issue 17 measured split-k decode at 13-39 % of an H100's bandwidth),
    // else SplitK.
    kernels::MatmulLayout matmul = kernels::MatmulLayout::SplitK;
    // The subgroup size matmul_subgroup_* pipelines require (0: the
    // driver's choice): 64 on AMD where VK_EXT_subgroup_size_control allows
    // it, so that a wave64 GCN/RDNA device does not run them as wave32 with
    // the reduction's half idle; NVIDIA (32) and others keep their default.
    uint32_t matmulSubgroupSize = 0;
    // What AttentionLayout::Auto runs: Texel on CPU devices, Tiled on GPUs.
    kernels::AttentionLayout attention = kernels::AttentionLayout::Tiled;
    // Texel bindings at 16-byte aligned offsets are allowed
    // (minTexelBufferOffsetAlignment ≤ 16); without it no texel layout runs.
    bool texelBuffers = false;
    // Subgroup arithmetic in compute shaders: MatmulLayout::Subgroup can run.
    bool subgroupArithmetic = false;
    // forwardTop() selects on the host (VulkanOptions::TopK::Auto) on CPU
    // devices: their device memory is host memory, and top_k's shared-memory
    // rounds cost more than reading 151,936 floats (65 ms against well
    // under 1 ms a token on lavapipe).
    bool topKOnHost = false;
    // The RMSNorm folded into the products that read it (matmul FLAG_NORM)
    // on GPUs: one dispatch and memory round trip less. CPU devices normalize
    // once instead: folded, every workgroup of every product recomputed the
    // scale through shared memory and fetched the norm weights again.
    bool foldNorms = true;
    // Attention key slices while decoding: a GPU has many cores to fill; a
    // CPU device gains nothing beyond its thread count. ≤ kMaxDecodeSplits.
    // The most a decode step uses; decodeSplitsFor() picks from the context.
    uint32_t decodeSplits = kMaxDecodeSplits;
    // Keys per slice that pay for a slice's partial write and the merge
    // dispatch (shaders/README.md: 16 slices of 256 keys ran 10x faster
    // than one slice of 4096 on an H100).
    static constexpr uint32_t kKeysPerDecodeSplit = 256;
    // Slices of a decode step recorded for a state of nCtx positions: one per
    // kKeysPerDecodeSplit positions the context can hold, 1 ≤ n ≤
    // decodeSplits. The step's command buffer is recorded once per state
    // while the position grows, so the rule takes the capacity, not the
    // position (slices past the position are empty and cost little).
    uint32_t decodeSplitsFor(uint32_t nCtx) const;

    static KernelPlan forDevice(const DeviceInfo& device, uint64_t minTexelBufferOffsetAlignment);
};

} // namespace vela::backend::vulkan
