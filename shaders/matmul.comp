#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_GOOGLE_include_directive : require
// matmul_<type>: y = W x (+ bias) for a batch of tokens, W in its GGUF type
// (contract: MatmulParams in inference/backend/vulkan/kernel_params.h).
//
//   y[t][yOffset + r] = (accumulate ? y[t][yOffset + r] : 0) + dot(W row r, x[t])
//                       + (hasBias ? bias[yOffset + r] : 0),   r < rows, t < nTokens;
//   x row stride k, y row stride yStride, W rows of rowBytes bytes.
//
// Fusions, chosen per dispatch by flags so that one pipeline per type serves
// every product of the forward pass:
//   FLAG_NORM: x is the raw residual stream and the product reads
//     rms_norm(x[t]) * normW instead. dot(W, x·s·normW) = s · dot(W ∘ normW, x):
//     the workgroup first computes the per-token scale s = 1/sqrt(mean(x²)+eps)
//     (it re-reads x, which is tiny next to W), folds normW into the chunk it
//     loads, and scales the finished sums. Saves the rms_norm dispatch and its
//     round trip through memory before q/k/v, gate/up and the output product.
//   FLAG_GLU: W holds the gate rows [0, rows) followed by the up rows
//     [rows, 2·rows) (uploaded adjacently) and y[t][r] = silu(gate·x) · (up·x):
//     the SwiGLU feed-forward's two products and its activation in one pass.
//
// Layouts, also chosen per dispatch:
//   split-k (default, GPUs): a workgroup owns MATMUL_ROWS rows, its threads
//     share each row's chunks and add up through shared memory; neighbouring
//     threads read neighbouring bytes (coalesced).
//   FLAG_ROW_PER_THREAD (CPU devices such as lavapipe, which run a workgroup
//     on one core, its invocations in SIMD lanes): each invocation computes
//     whole rows alone — no shared-memory reduction and no barrier per row
//     group, which on a CPU cost more than the arithmetic. x is the same for
//     every lane (a broadcast load).
//
//   FLAG_NORM_SCALE (with FLAG_NORM, not the texel variant): the per-token
//     scales s are read from binding 5 (rms_scale computed them once per
//     token) instead of every workgroup re-reading x to compute them.
//
// Bindings: 0 W (uint), 1 x (float), 2 y (float), 3 bias (float; any buffer
// when unused), 4 normW (float, k; any buffer when unused), 5 norm scales
// (float, nTokens; any buffer without FLAG_NORM_SCALE; not in the texel
// variant, whose binding 5 is W's RGBA32UI view). Grid:
// (ceil(rows / MATMUL_ROWS), ceil(nTokens / MATMUL_TOKENS)); with
// FLAG_ROW_PER_THREAD (ceil(rows / workgroup size), ceil(nTokens / MATMUL_TOKENS)).
// The x dimension may also be capped (e.g. at maxComputeWorkGroupCount[0]):
// workgroups loop over the row groups with a stride of gl_NumWorkGroups.x.
//
// Workgroup: any size, 32 by default (fastest for decode on an H100 with
// k ≤ 2560; 64 ties at k = 9728). Each workgroup owns MATMUL_ROWS rows × up to
// MATMUL_TOKENS tokens. Its threads stride over the 32-element chunks of the
// rows; a thread dequantizes a chunk once into registers and multiplies it
// with every token's x, so the weights are read once per token group (decode
// is nTokens = 1, prefill a larger batch — one code path). Each thread keeps
// its partial sums in its own shared-memory slots, which a shared-memory tree
// then adds up (no subgroup ops); one thread per (row, token) writes y.
//
// Alignment: x is read as vec4 and F32/F16/BF16 weights as uvec4 where
// aligned, so the host binds W and x at offsets that are multiples of 16.
//
// Defines: one TYPE_* (dequant.glsl); MATMUL_ROWS, MATMUL_TOKENS (CMake passes
// the values of kMatmulRows / kMatmulTokens in embedded_spirv.h). Shared
// memory: 4 · MATMUL_ROWS · MATMUL_TOKENS · workgroup size bytes (4 KiB at
// the defaults; twice that with FLAG_GLU).
layout(local_size_x = 32, local_size_x_id = 0) in;

#ifndef MATMUL_ROWS
#define MATMUL_ROWS 4
#endif
#ifndef MATMUL_TOKENS
#define MATMUL_TOKENS 8
#endif

layout(push_constant) uniform MatmulParams {
    uint k;
    uint rows;
    uint yOffset;
    uint yStride;
    uint nTokens;
    uint rowBytes;
    uint flags; // FLAG_* below
    float eps;  // FLAG_NORM: the RMSNorm epsilon
} pc;

const uint FLAG_BIAS = 1u, FLAG_ACCUMULATE = 2u, FLAG_NORM = 4u, FLAG_GLU = 8u, FLAG_ROW_PER_THREAD = 16u,
           FLAG_NORM_SCALE = 32u;

#ifdef MATMUL_TEXEL
// The texel variant (matmul_texel_<type>, CPU devices; see matmul_texel.glsl): W as
// an R32_UINT and x and normW as RGBA32F uniform texel buffers (k % 4 == 0).
#define WEIGHTS_TEXEL
layout(binding = 0) uniform usamplerBuffer weightsTexel;
layout(binding = 1) uniform samplerBuffer xTexel;
layout(binding = 4) uniform samplerBuffer normWTexel;
#else
layout(binding = 0) readonly buffer Weights { uint weights[]; };
// The same binding as uvec4s, for 16-byte loads of aligned float rows (the
// host binds W at an offset that is a multiple of 16).
layout(binding = 0) readonly buffer Weights4 { uvec4 weights4[]; };
layout(binding = 1) readonly buffer X { float x[]; };
// The same binding as vec4s: x is read in 16-byte loads when k % 4 == 0 (the
// host binds x at an offset that is a multiple of 16).
layout(binding = 1) readonly buffer X4 { vec4 x4[]; };
layout(binding = 4) readonly buffer NormW { float normW[]; };
layout(binding = 4) readonly buffer NormW4 { vec4 normW4[]; };
layout(binding = 5) readonly buffer NormScales { float normScales[]; };
#endif
layout(binding = 2) buffer Y { float y[]; };
layout(binding = 3) readonly buffer Bias { float bias[]; };

#define READS_WEIGHTS
#include "common.glsl"
#include "dequant.glsl"

const uint WG = gl_WorkGroupSize.x;

#ifndef MATMUL_TEXEL
// dot(w, x[xo .. xo + 31]) for xo a multiple of 4.
float dot_chunk4(float w[32], uint xo)
{
    float s = 0.0;
    [[unroll]] for (uint j = 0u; j < 8u; ++j) {
        const vec4 v = x4[(xo >> 2) + j];
        s += w[4u * j] * v.x + w[4u * j + 1u] * v.y + w[4u * j + 2u] * v.z + w[4u * j + 3u] * v.w;
    }
    return s;
}

// dot(w, x[xo .. xo + n - 1]): the float types' tail chunks and odd k.
float dot_chunk_scalar(float w[32], uint xo, uint n)
{
    float s = 0.0;
    [[unroll]] for (uint i = 0u; i < 32u; ++i)
        if (i < n) // never read past the row (the next token, or the buffer's end)
            s += w[i] * x[xo + i];
    return s;
}

#endif // !MATMUL_TEXEL

// partial[v * WG + lane]: value v = rr * nt + tt (row rr, token tt of the
// workgroup, nt active tokens; with FLAG_GLU rows rr ≥ nr are the up rows),
// one slot per thread.
shared float partial[2 * MATMUL_ROWS * MATMUL_TOKENS * WG];
// FLAG_NORM: the RMSNorm scale of each token of the workgroup.
shared float normScale[MATMUL_TOKENS];

// Tree reduction of values 0..nv-1 over the WG lanes into partial[v * WG].
// Halves the live lanes each step; every thread takes a share of the
// nv · (live - upper) additions, so no thread idles while values remain.
// Uniform control flow only (barriers).
void reduce_partials(uint nv)
{
    const uint lane = gl_LocalInvocationID.x;
    for (uint live = WG; live > 1u;) {
        const uint upper = (live + 1u) / 2u, pairs = live - upper;
        for (uint i = lane; i < nv * pairs; i += WG) {
            const uint v = i / pairs, l = i % pairs;
            partial[v * WG + l] += partial[v * WG + l + upper];
        }
        barrier();
        live = upper;
    }
}

// normScale[tt] = 1 / sqrt(mean(x[t0 + tt]²) + eps) for the nt tokens.
void compute_norm_scales(uint t0, uint nt)
{
    const uint lane = gl_LocalInvocationID.x;
    for (uint tt = 0u; tt < nt; ++tt) {
        float ss = 0.0;
#ifdef MATMUL_TEXEL
        const uint k4 = pc.k >> 2;
        for (uint i = lane; i < k4; i += WG) {
            const vec4 v = texelFetch(xTexel, int((t0 + tt) * k4 + i));
            ss += dot(v, v);
        }
#else
        for (uint i = lane; i < pc.k; i += WG) {
            const float v = x[(t0 + tt) * pc.k + i];
            ss += v * v;
        }
#endif
        partial[tt * WG + lane] = ss;
    }
    barrier();
    reduce_partials(nt);
    if (lane < nt)
        normScale[lane] = 1.0 / sqrt(partial[lane * WG] / float(pc.k) + pc.eps);
    barrier();
}

// The stored row that virtual row vr of the group starting at r0 reads:
// with FLAG_GLU, rows vr ≥ nr are the up rows (pc.rows further on).
uint stored_row(uint r0, uint vr, uint nr, bool glu)
{
    return glu && vr >= nr ? r0 + (vr - nr) + pc.rows : r0 + vr;
}

// y for output row r and token t from the finished dot products.
void write_output(uint r, uint tt, uint t, float gate, float up, bool norm, bool glu)
{
    const uint yi = t * pc.yStride + pc.yOffset + r;
    const float scale = norm ? normScale[tt] : 1.0;
    float value = gate * scale;
    if ((pc.flags & FLAG_BIAS) != 0u)
        value += bias[pc.yOffset + r];
    if (glu) {
        const float u = up * scale;
        value = value / (1.0 + exp(-value)) * u; // silu(gate) · up
    }
    y[yi] = ((pc.flags & FLAG_ACCUMULATE) != 0u ? y[yi] : 0.0) + value;
}

#ifdef MATMUL_SUBGROUP
#include "matmul_subgroup.glsl"
#endif

#ifdef MATMUL_TEXEL
#include "matmul_texel.glsl"
#else
// FLAG_ROW_PER_THREAD: invocation i computes rows i, i + grid width, ...
// for the workgroup's tokens (no barriers after the norm scales).
void main_row_per_thread(uint t0, uint nt, bool norm, bool glu)
{
    const uint nChunks = (pc.k + 31u) / 32u;
    const uint stride = gl_NumWorkGroups.x * WG;
    for (uint r = gl_GlobalInvocationID.x; r < pc.rows; r += stride) {
        float acc[2 * MATMUL_TOKENS];
        [[unroll]] for (uint i = 0u; i < 2u * MATMUL_TOKENS; ++i)
            acc[i] = 0.0;
        for (uint c = 0u; c < nChunks; ++c) {
            const uint e0 = 32u * c;
#if CHUNK_MAY_BE_PARTIAL
            const uint n = min(32u, pc.k - e0);
            const bool vectorX = n == 32u && (pc.k & 3u) == 0u;
#else
            const bool vectorX = true;
#endif
            for (uint v = 0u; v < (glu ? 2u : 1u); ++v) {
                float w[32];
                dequant_chunk((v == 1u ? r + pc.rows : r) * pc.rowBytes, c, pc.k, w);
                if (norm) {
                    [[unroll]] for (uint i = 0u; i < 32u; ++i)
                        w[i] *= normW[min(e0 + i, pc.k - 1u)];
                }
                for (uint tt = 0u; tt < nt; ++tt) {
                    const uint xo = (t0 + tt) * pc.k + e0;
#if CHUNK_MAY_BE_PARTIAL
                    acc[v * MATMUL_TOKENS + tt] += vectorX ? dot_chunk4(w, xo) : dot_chunk_scalar(w, xo, n);
#else
                    acc[v * MATMUL_TOKENS + tt] += dot_chunk4(w, xo);
#endif
                }
            }
        }
        for (uint tt = 0u; tt < nt; ++tt)
            write_output(r, tt, t0 + tt, acc[tt], acc[MATMUL_TOKENS + tt], norm, glu);
    }
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint t0 = gl_WorkGroupID.y * MATMUL_TOKENS;
    if (t0 >= pc.nTokens)
        return;
    const uint nt = min(uint(MATMUL_TOKENS), pc.nTokens - t0); // active tokens
    const uint nChunks = (pc.k + 31u) / 32u;
    const uint nRowGroups = (pc.rows + MATMUL_ROWS - 1u) / MATMUL_ROWS;
    const bool norm = (pc.flags & FLAG_NORM) != 0u;
    const bool glu = (pc.flags & FLAG_GLU) != 0u;
    if (norm && (pc.flags & FLAG_NORM_SCALE) != 0u) {
        if (lane < nt)
            normScale[lane] = normScales[t0 + lane];
        barrier();
    } else if (norm) {
        compute_norm_scales(t0, nt);
    }
    if ((pc.flags & FLAG_ROW_PER_THREAD) != 0u) {
        main_row_per_thread(t0, nt, norm, glu);
        return;
    }
#ifdef MATMUL_SUBGROUP
    if (pc.nTokens == 1u) {
        main_decode_subgroup(norm, glu);
        return;
    }
#endif

    for (uint group = gl_WorkGroupID.x; group < nRowGroups; group += gl_NumWorkGroups.x) {
        const uint r0 = group * MATMUL_ROWS;
        const uint nr = min(uint(MATMUL_ROWS), pc.rows - r0); // output rows of this group
        const uint nvr = glu ? 2u * nr : nr;                   // rows read (gate and up)
        const uint nv = nvr * nt;

        // The previous group's writers may still read partial[].
        barrier();
        for (uint v = 0u; v < nv; ++v)
            partial[v * WG + lane] = 0.0;

        // Each thread only touches its own slots until the reduction, so no
        // barrier is needed in this loop. The rows and tokens are runtime
        // loops: one copy of the dequantization and of the dot product keeps
        // the pipeline small (fast to compile, light on registers).
        for (uint c = lane; c < nChunks; c += WG) {
            const uint e0 = 32u * c;
#if CHUNK_MAY_BE_PARTIAL
            const uint n = min(32u, pc.k - e0); // the row's last chunk may be short
            const bool vectorX = n == 32u && (pc.k & 3u) == 0u;
#else
            const bool vectorX = true; // k is a multiple of the block (32 or 256)
#endif
            if (nt == 1u && vectorX) {
                // Decode (one token): load the chunk of x once for all the
                // rows, with the norm weights folded in.
                vec4 xv[8];
                [[unroll]] for (uint j = 0u; j < 8u; ++j) {
                    xv[j] = x4[((t0 * pc.k + e0) >> 2) + j];
                    if (norm)
                        xv[j] *= normW4[(e0 >> 2) + j];
                }
                for (uint vr = 0u; vr < nvr; ++vr) {
                    float w[32];
                    dequant_chunk(stored_row(r0, vr, nr, glu) * pc.rowBytes, c, pc.k, w);
                    float s = 0.0;
                    [[unroll]] for (uint j = 0u; j < 8u; ++j)
                        s += dot(vec4(w[4u * j], w[4u * j + 1u], w[4u * j + 2u], w[4u * j + 3u]), xv[j]);
                    partial[vr * WG + lane] += s;
                }
                continue;
            }
            for (uint vr = 0u; vr < nvr; ++vr) {
                float w[32];
                dequant_chunk(stored_row(r0, vr, nr, glu) * pc.rowBytes, c, pc.k, w);
                if (norm) {
                    [[unroll]] for (uint i = 0u; i < 32u; ++i)
                        w[i] *= normW[min(e0 + i, pc.k - 1u)]; // past k: w is 0 there
                }
                for (uint tt = 0u; tt < nt; ++tt) {
                    const uint xo = (t0 + tt) * pc.k + e0;
#if CHUNK_MAY_BE_PARTIAL
                    const float s = vectorX ? dot_chunk4(w, xo) : dot_chunk_scalar(w, xo, n);
#else
                    const float s = dot_chunk4(w, xo);
#endif
                    partial[(vr * nt + tt) * WG + lane] += s;
                }
            }
        }
        barrier();
        reduce_partials(nv);

        for (uint v = lane; v < nr * nt; v += WG) {
            const uint r = r0 + v / nt, tt = v % nt;
            write_output(r, tt, t0 + tt, partial[v * WG], glu ? partial[(v + nr * nt) * WG] : 0.0, norm, glu);
        }
    }
}
#endif // MATMUL_TEXEL
