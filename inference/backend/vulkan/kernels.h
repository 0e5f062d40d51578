// Host side of the compute kernels: one function per shader, named after it,
// filling the shader's push-constant struct (kernel_params.h) and choosing
// its grid. Each records into a CommandRecorder; callers add barriers.
#pragma once

#include "backend/vulkan/kernel_params.h"
#include "backend/vulkan/kernel_plan.h"
#include "backend/vulkan/recorder.h"
#include "gguf/tensor_type.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vela::backend::vulkan {

// A weight matrix on the device: [k, rows] in its GGUF type, split by rows
// into parts that each fit one storage-buffer binding.
struct DeviceMatrix {
    struct Part {
        BufferSlice slice;
        uint32_t rowStart = 0;
        uint32_t rowCount = 0;
    };
    gguf::TensorType type = gguf::TensorType::F32;
    uint32_t k = 0;
    uint32_t rows = 0;
    uint32_t rowBytes = 0;
    std::vector<Part> parts;
};

// Shader variant suffix of a weight type ("q4_k", "bf16", ...).
std::string typeSuffix(gguf::TensorType type);

// The weight types whose products the reference runtime's Vulkan backend
// feeds with activations rounded to Q8 blocks (Q4_0 Q4_1 Q5_0 Q5_1 Q8_0;
// its K-quant and float products take float activations).
bool roundsActivations(gguf::TensorType type);

namespace kernels {

void embedding(CommandRecorder& r, const DeviceMatrix& table, const BufferSlice& step, const BufferSlice& out,
               uint32_t nTokens);
// roundQ8: the rms_norm_q8 variant, which also rounds y to Q8 blocks (as roundQ8()).
void rmsNorm(CommandRecorder& r, const BufferSlice& x, const BufferSlice& w, const BufferSlice& y, uint32_t width,
             float eps, uint32_t nTokens, bool roundQ8 = false);
// scales[t] = 1 / sqrt(mean(x[t]²) + eps): MatmulFusion::normScale.
void rmsScale(CommandRecorder& r, const BufferSlice& x, const BufferSlice& scales, uint32_t width, float eps,
              uint32_t nTokens);

// What a matmul dispatch fuses (see shaders/matmul.comp).
struct MatmulFusion {
    const BufferSlice* norm = nullptr; // read rms_norm(x) * *norm instead of x
    float eps = 0.0f;
    bool glu = false; // w is gate rows then up rows; y = silu(gate x) * (up x), w.rows / 2 wide
    MatmulLayout layout = MatmulLayout::Auto; // Auto: the context's KernelPlan::matmulFor(nTokens)
    const MatmulTile* tile = nullptr;          // Tiled: this tile instead of KernelPlan::tile (tests, benchmarks)
    // x holds activations rounded to Q8 blocks (round_q8, rms_norm_q8), as
    // the backend feeds the roundsActivations() types: Tiled may then use
    // integer dot products (MatmulLayout::TiledInt8) and get the same sums.
    bool q8Input = false;
    // With norm: each token's RMSNorm scale, precomputed by rmsScale() (read
    // by every layout but texel, which recomputes it); null: recomputed.
    const BufferSlice* normScale = nullptr;
};

// y[t][r] (+)= W x[t] (+ bias); `bias` may be null. With fusion.glu, w must
// be one part (the host uploads gate and up adjacently only when they fit).
// Returns the layout that ran (never Auto; see MatmulLayout's fallbacks).
MatmulLayout matmul(CommandRecorder& r, const DeviceMatrix& w, const BufferSlice& x, const BufferSlice& y,
            const BufferSlice* bias, uint32_t nTokens, bool accumulate, const MatmulFusion& fusion = {});
void qkNormRope(CommandRecorder& r, const BufferSlice& q, const BufferSlice& k, const BufferSlice& v,
                const BufferSlice* qNorm, const BufferSlice* kNorm, const BufferSlice& kCache,
                const BufferSlice& vCache, const BufferSlice& step, const QkNormRopeParams& p, uint32_t nTokens);
// With nSplit > 1, partials go to `partial` and attention_merge writes `out`.
// Layout: Auto is the context's KernelPlan::attention (one token) or
// prefillAttention (more). Prefill writes `out` directly whatever nSplit
// (partial unused). Returns the layout that ran (never Auto; see
// AttentionLayout's fallback).
AttentionLayout attention(CommandRecorder& r, const BufferSlice& q, const BufferSlice& kCache, const BufferSlice& vCache,
               const BufferSlice& out, const BufferSlice& partial, const BufferSlice& step, const AttentionParams& p,
               uint32_t nTokens, AttentionLayout layout = AttentionLayout::Auto);
void swiglu(CommandRecorder& r, const BufferSlice& gate, const BufferSlice& up, const BufferSlice& out, uint32_t n);
void roundQ8(CommandRecorder& r, const BufferSlice& x, const BufferSlice& y, uint32_t n);
// result: k (id, float bits) pairs, the k largest of n logits; scratch:
// topKScratchBytes(n, k). Records every pass and the barriers between them:
// k < kTopKSortMinK: top_k's rounds, then top_k_merge; else top_k_sort levels
// (a merge tree of sorted slices).
void topK(CommandRecorder& r, const BufferSlice& logits, const BufferSlice& scratch, const BufferSlice& result,
          uint32_t n, uint32_t k);
uint64_t topKScratchBytes(uint32_t n, uint32_t k);

// Bytes of the attention partial buffer for nTokens × nHead × nSplit slices.
uint64_t attentionPartialBytes(uint32_t nTokens, uint32_t nHead, uint32_t headDim, uint32_t nSplit);

} // namespace kernels
} // namespace vela::backend::vulkan
