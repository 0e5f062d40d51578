#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_GOOGLE_include_directive : require
// matmul_tiled_<type>: the prefill GEMM. Same contract as matmul_<type>
// (MatmulParams in inference/backend/vulkan/kernel_params.h: bias,
// accumulate, FLAG_NORM, FLAG_GLU, a part of a split matrix at yOffset):
//
//   y[t][yOffset + r] = (accumulate ? y : 0) + dot(W row r, x'[t]) (+ bias[yOffset + r])
//   (FLAG_GLU: silu(gate·x') · (up·x'), gate rows [0, rows), up rows [rows, 2·rows))
//   x' = x, or with FLAG_NORM rms_norm(x[t]) * normW.
//
// Layout: a workgroup computes a tile of BM weight rows × BN tokens. For each
// 32-element chunk of k (BK = 32, one GGUF 32-block or one sub-block of a
// 256-element super-block, so dequant_chunk() of dequant.glsl is reused as is):
//   1. threads 0 .. BM·GLU_ROWS − 1 dequantize one row's chunk each into the
//      shared tile As[kk][m] (k-major, so a thread's TM rows are one column);
//   2. every thread loads BN·BK / WG activations (consecutive threads read
//      consecutive floats of a token row: coalesced) into Bs[kk][n], with
//      normW folded in under FLAG_NORM; rows of Bs are padded by one float so
//      that the transposing store does not hit one bank 32 times;
//   3. after a barrier, thread (ty, tx) accumulates its TM × TN register block:
//      rows ty + i·(BM/TM), tokens tx + j·(BN/TN) (strided, so that a warp's
//      shared-memory reads are consecutive and its y stores coalesce).
// Each weight chunk is thus dequantized once per BN tokens and each
// activation read once per BM rows, against once per row in matmul.comp's
// split-k layout.
//
// FLAG_NORM: the per-token scale 1/sqrt(mean(x²) + eps) is computed once per
// token tile (WG / BN threads per token, a shared-memory sum) and applied to
// the finished dot products, as matmul.comp does (dot(W, x·s·normW) =
// s · dot(W, x·normW)).
//
// Specialization constants (chosen per device class in KernelPlan::tile):
//   0 workgroup size = (BM / TM) · (BN / TN); 1 BM; 2 BN; 3 TM; 4 TN;
//   5 GLU_ROWS: 2 for a FLAG_GLU product (the gate and up tiles), else 1
//   (a constant, so a plain product keeps neither the up tile nor its
//   accumulators). BM % TM == 0, BN % TN == 0, WG ≥ BN.
// Shared memory: 4 · (GLU_ROWS · BK · BM + BK · (BN + 1) + BN + WG) bytes
// (MatmulTile::sharedBytes() on the host is the same formula).
//
// With MATMUL_TILED_INT8 (matmul_tiled_int8_<type>, Q4_0 Q4_1 Q5_0 Q5_1
// Q8_0): the same tiles as packed int8 and integer dot products
// (matmul_tiled_int8.glsl), about a quarter of the shared memory.
//
// Grid: (ceil(rows / BM), ceil(nTokens / BN)); both dimensions may be capped
// (maxComputeWorkGroupCount): workgroups loop over the tiles with a stride
// of gl_NumWorkGroups. Bindings as matmul.comp: 0 W (uint), 1 x, 2 y,
// 3 bias, 4 normW. x and normW are read as scalars (any offset, any k);
// the block types need k to be a multiple of their block, as in matmul.comp.
layout(local_size_x = 256, local_size_x_id = 0) in;
layout(constant_id = 1) const uint BM = 64;
layout(constant_id = 2) const uint BN = 64;
layout(constant_id = 3) const uint TM = 4;
layout(constant_id = 4) const uint TN = 4;
layout(constant_id = 5) const uint GLU_ROWS = 1;

layout(push_constant) uniform MatmulParams {
    uint k;
    uint rows;
    uint yOffset;
    uint yStride;
    uint nTokens;
    uint rowBytes;
    uint flags;
    float eps;
} pc;

const uint FLAG_BIAS = 1u, FLAG_ACCUMULATE = 2u, FLAG_NORM = 4u, FLAG_GLU = 8u;

layout(binding = 0) readonly buffer Weights { uint weights[]; };
layout(binding = 0) readonly buffer Weights4 { uvec4 weights4[]; };
layout(binding = 1) readonly buffer X { float x[]; };
layout(binding = 2) buffer Y { float y[]; };
layout(binding = 3) readonly buffer Bias { float bias[]; };
layout(binding = 4) readonly buffer NormW { float normW[]; };

#define READS_WEIGHTS
#include "common.glsl"
#include "dequant.glsl"

const uint WG = gl_WorkGroupSize.x;
const uint BK = 32u;
const uint RY = BM / TM; // threads along the rows
const uint TX = BN / TN; // threads along the tokens
const uint BNP = BN + 1u; // padded row of Bs

shared float normScale[BN];

void write_output(uint r, uint n, uint t, float gate, float up, bool norm)
{
    const uint yi = t * pc.yStride + pc.yOffset + r;
    const float scale = norm ? normScale[n] : 1.0;
    float value = gate * scale;
    if ((pc.flags & FLAG_BIAS) != 0u)
        value += bias[pc.yOffset + r];
    if (GLU_ROWS == 2u) {
        const float u = up * scale;
        value = value / (1.0 + exp(-value)) * u; // silu(gate) · up
    }
    y[yi] = ((pc.flags & FLAG_ACCUMULATE) != 0u ? y[yi] : 0.0) + value;
}

#ifndef MATMUL_TILED_INT8
shared float As[GLU_ROWS * BK * BM]; // [up][kk][m]
shared float Bs[BK * BNP];           // [kk][n]
shared float normPartial[WG];

// normScale[n] for the tokens t0 + n of this tile (1 past nTokens).
void compute_norm_scales(uint t0)
{
    const uint lane = gl_LocalInvocationID.x;
    const uint per = WG / BN; // threads per token (WG ≥ BN)
    const uint n = lane / per, q = lane % per;
    barrier(); // the previous tile's writers may still read normScale
    float ss = 0.0;
    if (n < BN && t0 + n < pc.nTokens) {
        const uint base = (t0 + n) * pc.k;
        for (uint i = q; i < pc.k; i += per) {
            const float v = x[base + i];
            ss += v * v;
        }
    }
    normPartial[lane] = ss;
    barrier();
    if (lane < BN) {
        float s = 0.0;
        for (uint j = 0u; j < per; ++j)
            s += normPartial[lane * per + j];
        normScale[lane] = 1.0 / sqrt(s / float(pc.k) + pc.eps);
    }
    barrier();
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint ty = lane % RY, tx = lane / RY;
    const bool norm = (pc.flags & FLAG_NORM) != 0u;
    const uint nRowTiles = (pc.rows + BM - 1u) / BM;
    const uint nTokenTiles = (pc.nTokens + BN - 1u) / BN;
    const uint nChunks = (pc.k + BK - 1u) / BK;

    for (uint tt = gl_WorkGroupID.y; tt < nTokenTiles; tt += gl_NumWorkGroups.y) {
        const uint t0 = tt * BN;
        if (norm)
            compute_norm_scales(t0);
        for (uint rt = gl_WorkGroupID.x; rt < nRowTiles; rt += gl_NumWorkGroups.x) {
            const uint r0 = rt * BM;
            float acc[TM * TN];
            float accUp[TM * TN]; // GLU only (dead code otherwise, removed once specialized)
            [[unroll]] for (uint i = 0u; i < TM * TN; ++i) {
                acc[i] = 0.0;
                if (GLU_ROWS == 2u)
                    accUp[i] = 0.0;
            }
            for (uint c = 0u; c < nChunks; ++c) {
                barrier(); // every thread is done with the previous chunk's tiles
                // 1. weights: one row's chunk per thread, dequantized once.
                for (uint v = lane; v < GLU_ROWS * BM; v += WG) {
                    const uint m = v % BM, up = v / BM, r = r0 + m;
                    float w[32];
                    if (r < pc.rows) {
                        dequant_chunk((r + up * pc.rows) * pc.rowBytes, c, pc.k, w);
                    } else {
                        [[unroll]] for (uint i = 0u; i < 32u; ++i)
                            w[i] = 0.0;
                    }
                    [[unroll]] for (uint kk = 0u; kk < BK; ++kk)
                        As[(up * BK + kk) * BM + m] = w[kk];
                }
                // 2. activations: BN tokens × BK elements, zero past the ends.
                const uint e0 = c * BK;
                for (uint i = lane; i < BN * BK; i += WG) {
                    const uint n = i / BK, kk = i % BK, t = t0 + n, e = e0 + kk;
                    float v = 0.0;
                    if (t < pc.nTokens && e < pc.k) {
                        v = x[t * pc.k + e];
                        if (norm)
                            v *= normW[e];
                    }
                    Bs[kk * BNP + n] = v;
                }
                barrier();
                // 3. the register block.
                for (uint kk = 0u; kk < BK; ++kk) {
                    float b[TN];
                    [[unroll]] for (uint j = 0u; j < TN; ++j)
                        b[j] = Bs[kk * BNP + tx + j * TX];
                    [[unroll]] for (uint i = 0u; i < TM; ++i) {
                        const float a = As[kk * BM + ty + i * RY];
                        [[unroll]] for (uint j = 0u; j < TN; ++j)
                            acc[i * TN + j] += a * b[j];
                        if (GLU_ROWS == 2u) {
                            const float u = As[(BK + kk) * BM + ty + i * RY];
                            [[unroll]] for (uint j = 0u; j < TN; ++j)
                                accUp[i * TN + j] += u * b[j];
                        }
                    }
                }
            }
            [[unroll]] for (uint i = 0u; i < TM; ++i) {
                const uint r = r0 + ty + i * RY;
                [[unroll]] for (uint j = 0u; j < TN; ++j) {
                    const uint n = tx + j * TX;
                    if (r < pc.rows && t0 + n < pc.nTokens)
                        write_output(r, n, t0 + n, acc[i * TN + j], GLU_ROWS == 2u ? accUp[i * TN + j] : 0.0, norm);
                }
            }
        }
    }
}
#else
#include "matmul_tiled_int8.glsl"
#endif // MATMUL_TILED_INT8
