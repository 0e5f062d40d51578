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
// block types and vec4 inputs; other products fall back to split-k. No plan
// picks it yet: it waits for a GPU run to measure it against split-k.
// Tiled (shaders/matmul_tiled.comp) is the prefill GEMM: shared-memory
// tiles of KernelPlan::tile, any token count, every fusion; it has no
// fallback. TiledInt8 is what Tiled runs (never asked for) when the plan has
// integer dot products and the activations are Q8-rounded
// (MatmulFusion::q8Input, types Q4_0 Q4_1 Q5_0 Q5_1 Q8_0, no folded norm).
enum class MatmulLayout { Auto, SplitK, RowPerThread, Texel, Subgroup, Tiled, TiledInt8 };
// Attention (shaders/attention.comp, attention_texel.glsl). Texel (one
// invocation per query head, no shared memory) needs headDim % 8 == 0 and
// 16-byte aligned buffers, and falls back to Tiled otherwise.
enum class AttentionLayout { Auto, Tiled, Texel };
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
    // where the inputs are not vec4s), SplitK on GPUs.
    kernels::MatmulLayout matmul = kernels::MatmulLayout::SplitK;
    // What AttentionLayout::Auto runs: Texel on CPU devices, Tiled on GPUs.
    kernels::AttentionLayout attention = kernels::AttentionLayout::Tiled;
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

    static KernelPlan forDevice(const DeviceInfo& device, uint64_t minTexelBufferOffsetAlignment);
};

} // namespace vela::backend::vulkan
