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
    main_texel(t0, nt);
}
