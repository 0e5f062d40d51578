// KernelPlan: which kernels a Vulkan device runs, decided once per Context
// (Context::plan()) from the device's class and limits, and read by
// kernels::* and the backend's forward pass instead of each asking what the
// device is. docs/notes.md has the measurements behind the CPU-device
// choices (lavapipe, Mesa 22).
#pragma once

#include "backend/vulkan/device_requirements.h"

#include <cstdint>
#include <optional>

namespace vela::backend::vulkan {

struct DeviceInfo;

namespace kernels {
// How a matrix product's work is laid out (shaders/matmul.comp). Auto: the
// plan's choice. Texel falls back to row per thread when the inputs are not
// vec4s at 16-byte aligned offsets (k % 4 != 0). Subgroup
// (matmul_subgroup.glsl) is for decode on devices with subgroup arithmetic,
// block types and vec4 inputs; other products (prefill, float weights) fall
// back to split-k. GPUs with subgroup arithmetic run it by default for decode.
// Tiled (shaders/matmul_tiled.comp) is the prefill GEMM: shared-memory
// tiles of KernelPlan::tile, any token count, every fusion; it has no
// fallback. TiledInt8 is what Tiled runs (never asked for) when the plan has
// integer dot products and the activations are Q8-rounded
// (MatmulFusion::q8Input, types Q4_0 Q4_1 Q5_0 Q5_1 Q8_0, no folded norm).
enum class MatmulLayout { Auto, SplitK, RowPerThread, Texel, Subgroup, Tiled, TiledInt8 };
// Attention (shaders/attention.comp, attention_texel.glsl). Texel (one
// invocation per query head, no shared memory) needs headDim % 8 == 0 and
// 16-byte aligned buffers, and falls back to Tiled otherwise. Prefill
// (shaders/attention_prefill.comp: tiles of query rows × keys in shared
// memory) serves any even headDim ≤ 256, writes the output normalized and
// ignores nSplit (no attention_merge).
enum class AttentionLayout { Auto, Tiled, Texel, Prefill };
} // namespace kernels

// The most attention key slices a plan decodes with (a state's partial
// buffer is sized for it).
inline constexpr uint32_t kMaxDecodeSplits = 16;

// The tile of matmul_tiled_<type> (its specialization constants 1-4): bm
// weight rows × bn tokens per workgroup, each thread a tm × tn block of
// outputs, k in steps of 32. Needs bm % tm == 0, bn % tn == 0 and
// workgroup() ≥ bn.
struct MatmulTile {
    uint32_t bm = 64, bn = 64, tm = 4, tn = 4;
    uint32_t workgroup() const { return (bm / tm) * (bn / tn); }
    // Shared memory of the shader's declarations (matmul_tiled.comp): the
    // weight tile(s) (two with GLU), the padded activation tile, the norm
    // scales and the norm partial sums.
    uint32_t sharedBytes(bool glu) const { return 4 * ((glu ? 2 : 1) * 32 * bm + 32 * (bn + 1) + bn + workgroup()); }
};
// The shared memory every tile of a plan fits: Vulkan's required minimum of
// maxComputeSharedMemorySize is 16 KiB, but every desktop driver (and
// lavapipe) offers at least 32 KiB.
inline constexpr uint32_t kPortableSharedBytes = 32 * 1024;

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
    // What AttentionLayout::Auto runs for more than one token (prefill):
    // Prefill on GPUs (K/V read once per tile of query rows instead of once
    // per head and token), the same as `attention` on CPU devices (lavapipe
    // runs a shared-memory load as a loop over its lanes).
    kernels::AttentionLayout prefillAttention = kernels::AttentionLayout::Prefill;
    // Texel bindings at 16-byte aligned offsets are allowed
    // (minTexelBufferOffsetAlignment ≤ 16); without it no texel layout runs.
    bool texelBuffers = false;
    // Subgroup arithmetic in compute shaders: MatmulLayout::Subgroup can run.
    bool subgroupArithmetic = false;
    // Integer dot products (VK_KHR_shader_integer_dot_product, enabled on
    // the device): Tiled products of the Q8-rounded types whose activations
    // are rounded (MatmulFusion::q8Input) run matmul_tiled_int8_<type>.
    bool integerDotProduct = false;
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
    // The prefill GEMM: MatmulLayout::Auto runs Tiled for products of at
    // least tiledMinTokens tokens (0: never) with this tile. GPUs: 64 × 64
    // tiles of 4 × 4 blocks (256 threads, 25 KiB of shared memory with GLU)
    // from 32 tokens, where split-k's per-row re-reading of x dominates; not
    // yet measured on a GPU. CPU devices keep the texel layout (measured
    // faster on lavapipe, shaders/README.md), with a smaller tile if asked.
    MatmulTile tile;
    uint32_t tiledMinTokens = 32;
    // What a product of nTokens tokens runs for MatmulLayout::Auto.
    kernels::MatmulLayout matmulFor(uint32_t nTokens) const
    {
        return tiledMinTokens != 0 && nTokens >= tiledMinTokens ? kernels::MatmulLayout::Tiled : matmul;
    }
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

    // attention_prefill's tile: `rows` query rows × `keys` keys a workgroup.
    // rows = 16 (kWorkgroupAttentionPrefill / 16 = 8 threads per row);
    // keys = 32, halved while the shared memory (attentionPrefillSharedBytes)
    // exceeds kPortableSharedBytes: 32 keys up to headDim 128, 16 or
    // 8 above.
    struct PrefillTile {
        uint32_t rows = 16;
        uint32_t keys = 32;
    };
    // nullopt where even 8 keys' tile exceeds `sharedBytes` (the device's
    // maxComputeSharedMemorySize, sharedMemoryBytes below): the tiled
    // attention kernel runs instead.
    static std::optional<PrefillTile> attentionPrefillTile(uint32_t headDim,
                                                           uint32_t sharedBytes = kPortableSharedBytes);
    // The shader's shared arrays for a tile (attention_prefill.comp): q rows
    // as floats, K and V tiles as F16 pairs padded by one word, scores.
    static uint32_t attentionPrefillSharedBytes(uint32_t headDim, PrefillTile tile);

    // The device's maxComputeSharedMemorySize (kernels with tiles sized at
    // dispatch time stay within it).
    uint32_t sharedMemoryBytes = 0;
    // Its maxComputeWorkGroupInvocations (for fixed-size kernels chosen at
    // dispatch time, like attention_prefill).
    uint32_t maxWorkgroupInvocations = 0;

    // The workgroup size each kernel is dispatched with: embedded_spirv.h's
    // kWorkgroup* within the device's limits (workgroupFor, kernelShapes()).
    struct Workgroups {
        uint32_t embedding, matmul, matmulSubgroup, matmulTexel, rmsNorm, qkNormRope, attention, attentionTexel,
            attentionMerge, swiglu, roundQ8, topK;
    } workgroups{};
    // The device's maxTexelBufferElements: a texel binding viewing more
    // elements than this is invalid (VUID-VkBufferViewCreateInfo-range-00930),
    // so a texel layout is chosen only where every texel view fits
    // (texelViewFits).
    uint64_t maxTexelBufferElements = 0;
    bool texelFits(uint64_t bytes, uint32_t texelBytes) const
    {
        return texelViewFits(bytes, texelBytes, maxTexelBufferElements);
    }

    // Pure over the device's class and limits (DeviceInfo::limits).
    static KernelPlan forDevice(const DeviceInfo& device);
    // Whether a texel view of `bytes` bytes in texels of `texelBytes` (the
    // recorder rounds the range up to whole texels) has at most
    // `maxElements` elements.
    static bool texelViewFits(uint64_t bytes, uint32_t texelBytes, uint64_t maxElements)
    {
        return (bytes + texelBytes - 1) / texelBytes <= maxElements;
    }
};

} // namespace vela::backend::vulkan
