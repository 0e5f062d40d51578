// The texel variant of matmul.comp (matmul_texel_<type>), for CPU devices
// such as lavapipe, which run a workgroup on one core and its invocations in
// SIMD lanes. Included by matmul.comp with MATMUL_TEXEL defined.
//
// Why a variant: on lavapipe a storage-buffer load is a loop over the lanes
// with a branch per lane, while a texel fetch is one vector gather (see
// WEIGHTS_TEXEL in common.glsl), so W (R32_UINT view), x and the norm
// weights (RGBA32F views) are uniform texel buffers here. y and the bias,
// touched once per row, stay storage buffers.
//
// Layout: row per thread (as FLAG_ROW_PER_THREAD in matmul.comp): invocation
// i computes rows i, i + grid width, ... for the workgroup's tokens, with no
// shared memory after the norm scales. Each 32-element chunk of a row is
// dequantized once into registers and multiplied with every token's x; the
// norm weights are folded into the chunk as in the storage-buffer path.
//
// Contract: as matmul.comp (MatmulParams), plus k % 4 == 0 (x is read four
// floats at a time) and x, normW bound at 16-byte aligned offsets; the host
// (kernels::matmul) uses this variant only then. Every fusion flag applies,
// set also as a specialization constant (below); FLAG_ROW_PER_THREAD is
// implied. Grid: (ceil(rows / workgroup size), ceil(nTokens / TOKENS)).

// lavapipe executes both sides of an `if` under a lane mask (gallivm keeps
// no real branches for them), and loops cost too (every store inside one is
// blended with the lane mask). Code that is merely present can also halve
// the speed (register pressure): measured on a 24576 × 1024 Q8_0 product,
// an unused up-row path in a zero-trip loop took it from 0.83 to 0.46 GB/s
// on one core. So what varies between dispatches of one product is fixed by
// specialization constants, which the driver folds before compiling:
//   TOKENS (1): tokens per workgroup, MATMUL_TOKENS for prefill and 1 for
//     decode, which then has no token loop;
//   GLU (2), NORM (3): FLAG_GLU and FLAG_NORM (the host sets both the flags
//     and these).
layout(constant_id = 1) const uint TOKENS = MATMUL_TOKENS;
layout(constant_id = 2) const bool GLU = false;
layout(constant_id = 3) const bool NORM = false;

// Q8_0 rows that are whole 16-byte units (k % 256 == 0: 8 blocks are 272
// bytes) are also read through an RGBA32UI view (binding 5) when W16 (4) is
// set: on lavapipe a fetch costs about the same whatever its width, and 17
// 16-byte fetches per 8 blocks replace 72 word fetches (measured: 1.1 to
// 1.6 GB/s on one core for a 24576 × 1024 product). Other types: a 144-byte
// Q4_K block would fit too; not done yet (docs/performance.md).
#ifdef TYPE_Q8_0
layout(constant_id = 4) const bool W16 = false;
layout(binding = 5) uniform usamplerBuffer weights16;

// The 17 texels of blocks 8g .. 8g + 7 of the row at byte offset rowOffset.
void load_q8_0_group(uint rowOffset, uint g, out uvec4 u[17])
{
    const uint base = (rowOffset + 272u * g) >> 4;
    [[unroll]] for (uint i = 0u; i < 17u; ++i)
        u[i] = texelFetch(weights16, int(base + i));
}

// Block b (0..7) of a group loaded by load_q8_0_group, as dequant_chunk
// writes it; every word index is a constant once b is unrolled.
void q8_0_chunk_of_group(uvec4 u[17], uint b, out float w[32])
{
    const uint o = 34u * b, wi = o >> 2;
    const bool high = (o & 3u) != 0u;
    const uint w0 = u[wi >> 2][wi & 3u];
    const float d = half_to_float(high ? w0 >> 16 : w0);
    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
        const uint a = wi + i, n = a + 1u;
        const uint q = high ? u[n >> 2][n & 3u] : splice(u[a >> 2][a & 3u], u[n >> 2][n & 3u], 16u);
        [[unroll]] for (uint j = 0u; j < 4u; ++j)
            w[4u * i + j] = float(byte_as_int8(q, j)) * d;
    }
}
#define W16_PATH W16
#else
#define W16_PATH false
#endif

#ifndef DECODE_ROWS
#define DECODE_ROWS 4
#endif

// acc[tt] += dot(w ∘ nw, x[t0 + tt][e0 .. e0 + 31]) for the nt tokens; w is
// the dequantized chunk of elements e0 .. e0 + 31 of a row.
float chunk_dot(vec4 wv[8], uint xo, uint e0)
{
    vec4 s = vec4(0.0);
    [[unroll]] for (uint j = 0u; j < 8u; ++j) {
#if CHUNK_MAY_BE_PARTIAL
        // Past the row (a float type's last chunk) x is the next token's or
        // beyond the buffer: the fetch is clamped and the term dropped.
        const vec4 xv = texelFetch(xTexel, int(xo + min(j, (pc.k - e0 + 3u) / 4u - 1u)));
        s += e0 + 4u * j < pc.k ? wv[j] * xv : vec4(0.0);
#else
        s += wv[j] * texelFetch(xTexel, int(xo + j));
#endif
    }
    return (s.x + s.y) + (s.z + s.w);
}

void accumulate_chunk(float w[32], vec4 nw[8], uint e0, uint t0, uint nt, inout float acc[TOKENS])
{
    const uint k4 = pc.k >> 2, c4 = e0 >> 2;
    vec4 wv[8];
    [[unroll]] for (uint j = 0u; j < 8u; ++j)
        wv[j] = vec4(w[4u * j], w[4u * j + 1u], w[4u * j + 2u], w[4u * j + 3u]) * nw[j];
    if (TOKENS == 1u) {
        acc[0] += chunk_dot(wv, t0 * k4 + c4, e0);
    } else {
        for (uint tt = 0u; tt < nt; ++tt)
            acc[tt] += chunk_dot(wv, (t0 + tt) * k4 + c4, e0);
    }
}

// Decode (TOKENS == 1): each invocation computes DECODE_ROWS adjacent rows,
// so that the chunk of x, fetched once, serves them all (a texel fetch of
// x costs as much as one of W on lavapipe, though every lane reads the same
// address). Not with GLU, which already reads two rows per chunk.
void main_decode_rows(uint t0)
{
    const uint nChunks = (pc.k + 31u) / 32u, k4 = pc.k >> 2;
    const uint stride = gl_NumWorkGroups.x * WG * DECODE_ROWS;
    for (uint r0 = gl_GlobalInvocationID.x * DECODE_ROWS; r0 < pc.rows; r0 += stride) {
        float acc[DECODE_ROWS];
        [[unroll]] for (uint i = 0u; i < DECODE_ROWS; ++i)
            acc[i] = 0.0;
        // The last group of rows may be short: its missing rows re-read the
        // group's first row (in bounds) and are not written.
        uint rowOffset[DECODE_ROWS];
        [[unroll]] for (uint i = 0u; i < DECODE_ROWS; ++i)
            rowOffset[i] = (r0 + i < pc.rows ? r0 + i : r0) * pc.rowBytes;
        for (uint c = 0u; c < nChunks; ++c) {
            const uint e0 = 32u * c, c4 = e0 >> 2;
            vec4 xv[8];
            [[unroll]] for (uint j = 0u; j < 8u; ++j) {
#if CHUNK_MAY_BE_PARTIAL
                xv[j] = e0 + 4u * j < pc.k ? texelFetch(xTexel, int(t0 * k4 + min(c4 + j, k4 - 1u))) : vec4(0.0);
#else
                xv[j] = texelFetch(xTexel, int(t0 * k4 + c4 + j));
#endif
                if (NORM)
                    xv[j] *= texelFetch(normWTexel, int(min(c4 + j, k4 - 1u)));
            }
            [[unroll]] for (uint i = 0u; i < DECODE_ROWS; ++i) {
                float w[32];
                dequant_chunk(rowOffset[i], c, pc.k, w);
                vec4 s = vec4(0.0);
                [[unroll]] for (uint j = 0u; j < 8u; ++j)
                    s += vec4(w[4u * j], w[4u * j + 1u], w[4u * j + 2u], w[4u * j + 3u]) * xv[j];
                acc[i] += (s.x + s.y) + (s.z + s.w);
            }
        }
        [[unroll]] for (uint i = 0u; i < DECODE_ROWS; ++i) {
            if (r0 + i < pc.rows)
                write_output(r0 + i, 0u, t0, acc[i], 0.0, NORM, false);
        }
    }
}

void main_texel(uint t0, uint nt)
{
    const uint nChunks = (pc.k + 31u) / 32u, k4 = pc.k >> 2;
    const uint stride = gl_NumWorkGroups.x * WG;
    for (uint r = gl_GlobalInvocationID.x; r < pc.rows; r += stride) {
        float gate[TOKENS], up[TOKENS]; // up: FLAG_GLU's up rows
        [[unroll]] for (uint i = 0u; i < TOKENS; ++i) {
            gate[i] = 0.0;
            up[i] = 0.0;
        }
#ifdef TYPE_Q8_0
        if (W16) {
            for (uint g = 0u; g < nChunks / 8u; ++g) {
                uvec4 u[17], uu[17];
                load_q8_0_group(r * pc.rowBytes, g, u);
                if (GLU)
                    load_q8_0_group((r + pc.rows) * pc.rowBytes, g, uu);
                [[unroll]] for (uint b = 0u; b < 8u; ++b) {
                    const uint e0 = 256u * g + 32u * b, c4 = e0 >> 2;
                    vec4 nw[8];
                    [[unroll]] for (uint j = 0u; j < 8u; ++j)
                        nw[j] = NORM ? texelFetch(normWTexel, int(c4 + j)) : vec4(1.0);
                    float w[32];
                    q8_0_chunk_of_group(u, b, w);
                    accumulate_chunk(w, nw, e0, t0, nt, gate);
                    if (GLU) {
                        q8_0_chunk_of_group(uu, b, w);
                        accumulate_chunk(w, nw, e0, t0, nt, up);
                    }
                }
            }
        } else
#endif
        for (uint c = 0u; c < nChunks; ++c) {
            const uint e0 = 32u * c, c4 = e0 >> 2;
            vec4 nw[8];
            [[unroll]] for (uint j = 0u; j < 8u; ++j)
                nw[j] = NORM ? texelFetch(normWTexel, int(min(c4 + j, k4 - 1u))) : vec4(1.0); // past k: w is 0
            float w[32];
            dequant_chunk(r * pc.rowBytes, c, pc.k, w);
            accumulate_chunk(w, nw, e0, t0, nt, gate);
            if (GLU) {
                dequant_chunk((r + pc.rows) * pc.rowBytes, c, pc.k, w);
                accumulate_chunk(w, nw, e0, t0, nt, up);
            }
        }
        if (TOKENS == 1u) {
            write_output(r, 0u, t0, gate[0], up[0], NORM, GLU);
        } else {
            for (uint tt = 0u; tt < nt; ++tt)
                write_output(r, tt, t0 + tt, gate[tt], up[tt], NORM, GLU);
        }
    }
}

void main()
{
    const uint t0 = gl_WorkGroupID.y * TOKENS;
    if (t0 >= pc.nTokens)
        return;
    const uint nt = min(TOKENS, pc.nTokens - t0); // active tokens
    if (NORM)
        compute_norm_scales(t0, nt);
    if (TOKENS == 1u && !GLU && !W16_PATH)
        main_decode_rows(t0);
    else
        main_texel(t0, nt);
}
