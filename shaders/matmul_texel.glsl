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
// Layout: rows per thread, no shared memory after the norm scales. Each
// 32-element chunk of a row is dequantized once into registers and
// multiplied with every token's x; the norm weights are folded into the
// chunk (prefill) or into x (decode). Three paths, chosen by constants:
//   main_decode_rows  (TOKENS 1): kTexelDecodeRows rows per invocation;
//   main_prefill_rows (TOKENS > 1): kTexelPrefillRows rows per invocation
//     (kTexelPrefillGluRows with GLU);
// with GLU the rows read are gate rows and as many up rows.
//
// Contract: as matmul.comp (MatmulParams), plus k % 4 == 0 (x is read four
// floats at a time) and x, normW bound at 16-byte aligned offsets; the host
// (kernels::matmul) uses this variant only then. Every fusion flag applies,
// set also as a specialization constant (below); FLAG_ROW_PER_THREAD is
// implied. Grid: (ceil(rows / (workgroup size · rows per invocation)),
// ceil(nTokens / TOKENS)); the row loops stride over any grid.

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

// Grouped reads (GROUPED, constant 4; decode only): the bytes of 8 chunks of
// a row are fetched at once into registers and the chunks dotted from there
// with constant word indices, instead of a chunk's words being fetched one by one
// (and each straddled word twice). On lavapipe a fetch costs about the same
// whatever its width, so wide and few is what counts (measured on a 24576 ×
// 1024 Q8_0 product on one core: 1.1 → 1.6 GB/s).
//   Q8_0 (k % 256 == 0): 8 blocks = 272 bytes = 17 RGBA32UI texels (binding 5).
//   Q4_K: one 144-byte super-block = 9 RGBA32UI texels (always 16-byte aligned).
//   Q6_K: one 210-byte super-block = 53 words (2-byte aligned: `high` says
//     whether it starts in the upper half of its first word).
// Other types read chunk by chunk (dequant_chunk). In prefill the token loop
// inside the 8 unrolled chunks spilled (2-3x slower), so prefill reads chunk
// by chunk for every type.
#if defined(TYPE_Q8_0) || defined(TYPE_Q4_K) || defined(TYPE_Q6_K)
#define HAS_GROUPED 1
layout(constant_id = 4) const bool GROUPED = false;
layout(binding = 5) uniform usamplerBuffer weights16;
#if defined(TYPE_Q6_K)
#define GROUP_WORDS 54
#elif defined(TYPE_Q4_K)
#define GROUP_WORDS 36
#else
#define GROUP_WORDS 68
#endif

// The words of group g (8 chunks) of the row at byte offset rowOffset.
void load_group(uint rowOffset, uint g, out uint words[GROUP_WORDS], out bool high)
{
#if defined(TYPE_Q6_K)
    const uint b = rowOffset + 210u * g, base = b >> 2;
    high = (b & 3u) != 0u;
    [[unroll]] for (uint i = 0u; i < 53u; ++i)
        words[i] = WEIGHT_WORD(base + i);
    words[53] = 0u; // only ever the unused half of a splice
#else
    const uint base = (rowOffset + uint(GROUP_WORDS * 4) * g) >> 4;
    high = false;
    [[unroll]] for (uint i = 0u; i < uint(GROUP_WORDS / 4); ++i) {
        const uvec4 u = texelFetch(weights16, int(base + i));
        words[4u * i] = u.x;
        words[4u * i + 1u] = u.y;
        words[4u * i + 2u] = u.z;
        words[4u * i + 3u] = u.w;
    }
#endif
}

// The 32 bits at byte `rel` of the group (rel a constant once unrolled).
uint group_u32(uint words[GROUP_WORDS], bool high, uint rel)
{
    const uint a = rel >> 2, sa = (rel & 3u) * 8u;
    const uint h = (rel + 2u) >> 2, sh = ((rel + 2u) & 3u) * 8u;
    const uint low = sa == 0u ? words[a] : splice(words[a], words[a + 1u], sa);
    return high ? splice(words[h], words[h + 1u], sh) : low;
}

// dot(chunk b of the group, x) without writing the 32 weights: the block's
// scale (and Q4_K's min, Q6_K's offset of 32) multiply sums over the chunk
// instead of every element (decode's hot loop). xs0, xs1: the sums of x over
// the chunk's first and last 16 elements.
float hsum(vec4 v) { return (v.x + v.y) + (v.z + v.w); }

float dot_chunk_of_group(uint words[GROUP_WORDS], bool high, uint b, vec4 xv[8], float xs0, float xs1)
{
#if defined(TYPE_Q8_0)
    const float d = half_to_float(group_u32(words, high, 34u * b));
    vec4 s = vec4(0.0);
    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
        const uint q = group_u32(words, high, 34u * b + 2u + 4u * i);
        s += vec4(ivec4(int(q << 24), int(q << 16), int(q << 8), int(q)) >> 24) * xv[i];
    }
    return d * hsum(s);
#elif defined(TYPE_Q4_K)
    const uint dd = words[0];
    const float d = half_to_float(dd), dmin = half_to_float(dd >> 16);
    const uint s = b;
    uint sc, mn;
    if (s < 4u) {
        sc = byte_of(group_u32(words, false, 4u + s), 0u) & 63u;
        mn = byte_of(group_u32(words, false, 8u + s), 0u) & 63u;
    } else {
        const uint hi = byte_of(group_u32(words, false, 8u + s), 0u);
        sc = (hi & 15u) | ((byte_of(group_u32(words, false, s), 0u) >> 6) << 4);
        mn = (hi >> 4) | ((byte_of(group_u32(words, false, 4u + s), 0u) >> 6) << 4);
    }
    const uint shift = 4u * (s & 1u);
    vec4 acc = vec4(0.0);
    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
        const uint q = words[4u + 8u * (s >> 1) + i] >> shift;
        acc += vec4((uvec4(q, q >> 8, q >> 16, q >> 24)) & 15u) * xv[i];
    }
    return d * float(sc) * hsum(acc) - dmin * float(mn) * (xs0 + xs1);
#else // Q6_K
    const uint h = b >> 2, kk = b & 3u;
    const float d = half_to_float(group_u32(words, high, 208u));
    const uint sc = group_u32(words, high, 192u + 8u * h + 2u * kk);
    const uint lowShift = 4u * (kk >> 1), highShift = 2u * kk;
    vec4 s0 = vec4(0.0), s1 = vec4(0.0);
    [[unroll]] for (uint i = 0u; i < 8u; ++i) {
        const uint ql = group_u32(words, high, 64u * h + 32u * (kk & 1u) + 4u * i) >> lowShift;
        const uint qh = group_u32(words, high, 128u + 32u * h + 4u * i) >> highShift;
        const uvec4 v = (uvec4(ql, ql >> 8, ql >> 16, ql >> 24) & 15u) |
                        ((uvec4(qh, qh >> 8, qh >> 16, qh >> 24) & 3u) << 4);
        if (i < 4u) // constant once unrolled
            s0 += vec4(v) * xv[i];
        else
            s1 += vec4(v) * xv[i];
    }
    return d * float(byte_as_int8(sc, 0u)) * (hsum(s0) - 32.0 * xs0) +
           d * float(byte_as_int8(sc, 1u)) * (hsum(s1) - 32.0 * xs1);
#endif
}
#define GROUPED_PATH GROUPED
#else
#define GROUPED_PATH false
#endif

#ifndef PREFILL_ROWS
#define PREFILL_ROWS 4 // CMake passes kTexelPrefillRows (embedded_spirv.h)
#endif
#ifndef PREFILL_GLU_ROWS
#define PREFILL_GLU_ROWS 1 // CMake passes kTexelPrefillGluRows (embedded_spirv.h)
#endif
#ifndef DECODE_ROWS
#define DECODE_ROWS 4 // CMake passes kTexelDecodeRows (embedded_spirv.h)
#endif

// The 32 weights of a chunk as 8 vec4s.
vec4[8] as_vec4s(float w[32])
{
    vec4 v[8];
    [[unroll]] for (uint j = 0u; j < 8u; ++j)
        v[j] = vec4(w[4u * j], w[4u * j + 1u], w[4u * j + 2u], w[4u * j + 3u]);
    return v;
}

// dot(wv, xv) for one 32-element chunk.
float chunk_dot(vec4 wv[8], vec4 xv[8])
{
    vec4 s = vec4(0.0);
    [[unroll]] for (uint j = 0u; j < 8u; ++j)
        s += wv[j] * xv[j];
    return (s.x + s.y) + (s.z + s.w);
}

// The chunk of x of token t at elements e0 .. e0 + 31; past the row (a float
// type's last chunk) it reads as 0 (the next token's x or beyond the buffer).
void load_x_chunk(uint t, uint e0, out vec4 xv[8])
{
    const uint k4 = pc.k >> 2, c4 = e0 >> 2;
    [[unroll]] for (uint j = 0u; j < 8u; ++j) {
#if CHUNK_MAY_BE_PARTIAL
        xv[j] = e0 + 4u * j < pc.k ? texelFetch(xTexel, int(t * k4 + min(c4 + j, k4 - 1u))) : vec4(0.0);
#else
        xv[j] = texelFetch(xTexel, int(t * k4 + c4 + j));
#endif
    }
}

// Byte offset of the i-th row an invocation reads for nOut output rows from
// r0 (matmul.comp's stored_row: with GLU, i ≥ nOut are the up rows). Past
// the end of a short last group it re-reads row r0 or its up row (in
// bounds; not written).
uint stored_row_offset(uint r0, uint i, uint nOut)
{
    const uint vr = r0 + i % nOut < pc.rows ? i : i - i % nOut;
    return stored_row(r0, vr, nOut, GLU) * pc.rowBytes;
}

// Decode (TOKENS == 1): each invocation computes DECODE_ROWS adjacent rows,
// so that the chunk of x, fetched once, serves them all (a texel fetch of
// x costs as much as one of W on lavapipe, though every lane reads the same
// address); with GLU, DECODE_ROWS / 2 gate rows and their up rows.
void main_decode_rows(uint t0)
{
    // With GLU the DECODE_ROWS rows read are OUT gate rows and their up rows.
    const uint OUT = GLU ? DECODE_ROWS / 2u : DECODE_ROWS;
    const uint nChunks = (pc.k + 31u) / 32u, k4 = pc.k >> 2;
    const uint stride = gl_NumWorkGroups.x * WG * OUT;
    for (uint r0 = gl_GlobalInvocationID.x * OUT; r0 < pc.rows; r0 += stride) {
        float acc[DECODE_ROWS];
        [[unroll]] for (uint i = 0u; i < DECODE_ROWS; ++i)
            acc[i] = 0.0;
        uint rowOffset[DECODE_ROWS];
        [[unroll]] for (uint i = 0u; i < DECODE_ROWS; ++i)
            rowOffset[i] = stored_row_offset(r0, i, OUT);
#ifdef HAS_GROUPED
        if (GROUPED) {
            // The rows' groups in registers; each chunk of x serves them all.
            for (uint g = 0u; g < nChunks / 8u; ++g) {
                uint words[DECODE_ROWS][GROUP_WORDS];
                bool high[DECODE_ROWS];
                [[unroll]] for (uint i = 0u; i < DECODE_ROWS; ++i)
                    load_group(rowOffset[i], g, words[i], high[i]);
                [[unroll]] for (uint b = 0u; b < 8u; ++b) {
                    const uint c4 = 64u * g + 8u * b;
                    vec4 xv[8];
                    [[unroll]] for (uint j = 0u; j < 8u; ++j)
                        xv[j] = texelFetch(xTexel, int(t0 * k4 + c4 + j)) *
                                (NORM ? texelFetch(normWTexel, int(c4 + j)) : vec4(1.0));
                    const float xs0 = hsum((xv[0] + xv[1]) + (xv[2] + xv[3]));
                    const float xs1 = hsum((xv[4] + xv[5]) + (xv[6] + xv[7]));
                    [[unroll]] for (uint i = 0u; i < DECODE_ROWS; ++i)
                        acc[i] += dot_chunk_of_group(words[i], high[i], b, xv, xs0, xs1);
                }
            }
        } else
#endif
        for (uint c = 0u; c < nChunks; ++c) {
            const uint e0 = 32u * c, c4 = e0 >> 2;
            vec4 xv[8];
            load_x_chunk(t0, e0, xv);
            [[unroll]] for (uint j = 0u; j < 8u; ++j)
                xv[j] *= NORM ? texelFetch(normWTexel, int(min(c4 + j, k4 - 1u))) : vec4(1.0);
            [[unroll]] for (uint i = 0u; i < DECODE_ROWS; ++i) {
                float w[32];
                dequant_chunk(rowOffset[i], c, pc.k, w);
                acc[i] += chunk_dot(as_vec4s(w), xv);
            }
        }
        [[unroll]] for (uint i = 0u; i < OUT; ++i) {
            if (r0 + i < pc.rows)
                write_output(r0 + i, 0u, t0, acc[i], GLU ? acc[i + OUT] : 0.0, NORM, GLU);
        }
    }
}

// Prefill: PREFILL_ROWS rows per invocation (with GLU, PREFILL_GLU_ROWS gate
// rows and their up rows: one pair measured faster than two), each chunk of each token's x fetched once for all
// of them (x fetches dominate prefill: 8 per chunk and token against one
// dequantization per chunk and row).
void main_prefill_rows(uint t0, uint nt)
{
    const uint OUT = GLU ? PREFILL_GLU_ROWS : PREFILL_ROWS, READ = GLU ? 2u * OUT : OUT;
    const uint nChunks = (pc.k + 31u) / 32u, k4 = pc.k >> 2;
    const uint stride = gl_NumWorkGroups.x * WG * OUT;
    for (uint r0 = gl_GlobalInvocationID.x * OUT; r0 < pc.rows; r0 += stride) {
        float acc[PREFILL_ROWS * TOKENS]; // [i * TOKENS + tt]
        [[unroll]] for (uint i = 0u; i < PREFILL_ROWS * TOKENS; ++i)
            acc[i] = 0.0;
        uint rowOffset[PREFILL_ROWS]; // as main_decode_rows
        [[unroll]] for (uint i = 0u; i < PREFILL_ROWS; ++i)
            rowOffset[i] = stored_row_offset(r0, i % READ, OUT);
        for (uint c = 0u; c < nChunks; ++c) {
            const uint e0 = 32u * c, c4 = e0 >> 2;
            vec4 nw[8];
            [[unroll]] for (uint j = 0u; j < 8u; ++j)
                nw[j] = NORM ? texelFetch(normWTexel, int(min(c4 + j, k4 - 1u))) : vec4(1.0); // past k: w is 0
            vec4 wv[PREFILL_ROWS][8];
            [[unroll]] for (uint i = 0u; i < PREFILL_ROWS; ++i) {
                if (i >= READ)
                    break; // constant once specialized and unrolled
                float w[32];
                dequant_chunk(rowOffset[i], c, pc.k, w);
                wv[i] = as_vec4s(w);
                [[unroll]] for (uint j = 0u; j < 8u; ++j)
                    wv[i][j] *= nw[j];
            }
            for (uint tt = 0u; tt < nt; ++tt) {
                vec4 xv[8];
                load_x_chunk(t0 + tt, e0, xv);
                [[unroll]] for (uint i = 0u; i < PREFILL_ROWS; ++i) {
                    if (i >= READ)
                        break;
                    acc[i * TOKENS + tt] += chunk_dot(wv[i], xv);
                }
            }
        }
        for (uint tt = 0u; tt < nt; ++tt) {
            [[unroll]] for (uint i = 0u; i < PREFILL_ROWS; ++i) {
                if (i < OUT && r0 + i < pc.rows)
                    write_output(r0 + i, tt, t0 + tt, acc[i * TOKENS + tt], GLU ? acc[(i + OUT) * TOKENS + tt] : 0.0,
                                 NORM, GLU);
            }
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
    if (TOKENS == 1u)
        main_decode_rows(t0);
    else
        main_prefill_rows(t0, nt);
}
