// Push-constant structs of the compute shaders, one per kernel, named after
// the kernel (the shader file shaders/<kernel>.comp declares the same struct
// in its `layout(push_constant)` block, member for member, std430 scalars).
//
// Conventions shared by every kernel:
//  - all storage buffers are std430 arrays of `float` or `uint`;
//  - weights are raw GGUF bytes read through a `uint` array (bytes extracted
//    with shifts, so no 8/16-bit storage feature is required);
//  - the KV cache holds F16 pairs packed in `uint`s (packHalf2x16);
//  - the "step" buffer is uint[]: [0] = pos0 (position of the first token of
//    this forward call), [1] = nTokens, [2 + i] = token id i. Kernels that
//    depend on positions or tokens read it, so one recorded command buffer
//    serves every decode step;
//  - workgroup size is specialization constant 0 (local_size_x_id = 0).
#pragma once

#include <cstdint>

namespace vela::backend::vulkan {

// embedding_<type>: out[t][i] = dequant(W row tokens[t] - rowStart)[i] for
// tokens in [rowStart, rowStart + rowCount) (a part of a split tensor).
// Bindings: 0 W (uint), 1 step (uint), 2 out (float, nTokens × width).
// Grid: (ceil(width / 32), nTokens).
struct EmbeddingParams {
    uint32_t width;
    uint32_t rowStart;
    uint32_t rowCount;
    uint32_t rowBytes;
};

// rms_norm: y[t] = x[t] / sqrt(mean(x[t]^2) + eps) * w.
// rms_scale: y[t] = 1 / sqrt(mean(x[t]^2) + eps) (w unused).
// Bindings: 0 x, 1 w, 2 y (float). Grid: (nTokens).
struct RmsNormParams {
    uint32_t width;
    float eps;
};

// matmul_<type>: y[t][yOffset + r] = (accumulate ? y[t][yOffset + r] : 0)
//                                   + dot(W row r, x[t]) + (hasBias ? bias[yOffset + r] : 0)
// for r < rows (rows of this part), t < nTokens; x row stride = k, y row stride = yStride.
// Bindings: 0 W (uint), 1 x (float), 2 y (float), 3 bias (float; bound to any
// buffer when unused), 4 normW (float, k; any buffer when unused). Grid: (ceil(rows / MATMUL_ROWS), ceil(nTokens / MATMUL_TOKENS)).
// The prefill GEMM (matmul_tiled_<type>, matmul_tiled_int8_<type>) takes the
// same struct and bindings; its grid is (ceil(rows / BM), ceil(nTokens / BN))
// for the MatmulTile of KernelPlan (shaders/matmul_tiled.comp).
struct MatmulParams {
    uint32_t k;
    uint32_t rows;
    uint32_t yOffset;
    uint32_t yStride;
    uint32_t nTokens;
    uint32_t rowBytes;
    uint32_t flags; // kMatmul* bits
    float eps;      // kMatmulNorm: the RMSNorm epsilon
};
// kMatmulNorm: the product reads rms_norm(x[t]) * normW (binding 4) instead of x.
// kMatmulGlu: W is gate rows then up rows (2 · rows); y = silu(gate·x) · (up·x).
// kMatmulRowPerThread: one invocation per output row (CPU devices); grid x
// is then ceil(rows / workgroup size).
// kMatmulNormScale (with kMatmulNorm; not matmul_texel_*): the RMSNorm scale
// of token t is binding 5's [t] (rms_scale), not recomputed per workgroup.
// Non-texel variants always have binding 5 (any buffer without the flag).
inline constexpr uint32_t kMatmulBias = 1u, kMatmulAccumulate = 2u, kMatmulNorm = 4u, kMatmulGlu = 8u,
                          kMatmulRowPerThread = 16u, kMatmulNormScale = 32u;

// qk_norm_rope: per token t at position p = pos0 + t; workgroup (h, t):
//   h < nHead:   q head h ← rope(hasNorm ? rms_norm(q) * qNorm : q)
//   h ≥ nHead:   kv head j = h - nHead: kCache[p][j] ← f16(rope(norm(k))), vCache[p][j] ← f16(v)
// RoPE is NEOX: pairs (i, i + headDim/2) rotate by p * ropeBase^(-2i/headDim).
// Bindings: 0 q (float, in place), 1 k (float), 2 v (float), 3 qNorm, 4 kNorm
// (float, headDim; any buffer when hasNorm = 0), 5 kCache (uint), 6 vCache
// (uint), 7 step. Cache layout: [position][nHeadKv][headDim] halves.
// Grid: (nHead + nHeadKv, nTokens).
struct QkNormRopeParams {
    uint32_t nHead;
    uint32_t nHeadKv;
    uint32_t headDim;
    uint32_t hasNorm;
    float eps;
    float ropeBase;
};

// attention: causal grouped-query attention of query token t (position
// p = pos0 + t) over cache positions [0, p], query head h using KV head
// h / (nHead / nHeadKv), scores scaled by `scale`, online softmax over tiles
// of keys (the score matrix is never stored). The key range is cut into
// nSplit equal slices, one per workgroup z: with nSplit = 1 the result is
// written to out; otherwise each slice writes (max, sum, o[headDim]) to
// partial[((t * nHead + h) * nSplit + z) * (headDim + 2)] and
// attention_merge combines them (an empty slice writes max = NEG_SENTINEL
// of shaders/common.glsl, a finite -1e30, and sum = 0).
// Bindings: 0 q (float), 1 kCache, 2 vCache (uint), 3 out (float), 4 partial
// (float), 5 step. Grid: (nHead, nTokens, nSplit). headDim ≤ 256.
struct AttentionParams {
    uint32_t nHead;
    uint32_t nHeadKv;
    uint32_t headDim;
    uint32_t nSplit;
    float scale;
};

// attention_prefill: the same attention as `attention` with nSplit = 1, for
// many tokens: workgroup (w, j) takes query rows R = t·G + g, R in
// [w·ROWS, (w + 1)·ROWS), of KV head j (G = nHead / nHeadKv, query head jG + g)
// and streams their keys [0, pos0 + t] through shared memory in tiles with an
// online softmax; out is written normalized. Head dimension and tile are
// specialization constants (HEAD_DIM, ROWS, KEYS: KernelPlan::attentionPrefillTile).
// Bindings: 0 q (float), 1 kCache, 2 vCache (uint), 3 out (float), 4 step.
// Grid: (ceil(nTokens · G / ROWS), nHeadKv).
struct AttentionPrefillParams {
    uint32_t nHead;
    uint32_t nHeadKv;
    float scale;
};

// attention_merge: out[t][h] = Σ_z o_z e^(m_z - M) / Σ_z l_z e^(m_z - M).
// Bindings: 0 partial, 1 out. Grid: (nHead, nTokens).
struct AttentionMergeParams {
    uint32_t nHead;
    uint32_t headDim;
    uint32_t nSplit;
};

// swiglu: out[i] = gate[i] / (1 + e^-gate[i]) * up[i], i < n.
// Bindings: 0 gate, 1 up, 2 out. Grid: (ceil(n / wg)).
struct SwigluParams {
    uint32_t n;
};

// round_q8: y = x rounded to 8-bit blocks of 32 (d = amax / 127 as a half,
// round half to even), the activation precision of the reference runtime's
// quantized products. Bindings: 0 x, 1 y. Grid: (ceil(n / 32 / wg)).
struct RoundQ8Params {
    uint32_t n; // a multiple of 32
};

// top_k / top_k_merge: the k largest logits as (token id, float bits) pairs,
// descending, ties by the lower id; id 0xFFFFFFFF = none. Logits that are
// not finite (NaN, ±inf) are no candidates; fewer than k finite logits leave
// the rest "none". top_k: workgroup g
// writes the k best of logits [g·slice, (g+1)·slice) to out[g·k ..]; grid
// (ceil(n / slice)). top_k_merge: one workgroup, the k best of n candidate
// pairs. Bindings: 0 input, 1 out.
struct TopKParams {
    uint32_t n;
    uint32_t k;
    uint32_t slice;
};
// top_k_sort / top_k_sort_merge (top_k_sort.comp, k ≥ kTopKSortMinK): the
// same result by a bitonic sort of each slice of shaders::kTopKSortSlice
// items, in levels (a merge tree) until one workgroup remains.
inline constexpr uint32_t kTopKMax = 128;       // the largest k the kernels are used with
inline constexpr uint32_t kTopKSortMinK = 8;    // from here the sort's 66 steps beat ~9 · k round steps
inline constexpr uint32_t kTopKSlice = 256 * 8; // logits per top_k workgroup

} // namespace vela::backend::vulkan
