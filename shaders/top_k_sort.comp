#version 450
#extension GL_GOOGLE_include_directive : require
// top_k_sort / top_k_sort_merge: the k best of a slice of TOPK_SORT_SLICE
// logits (or candidate pairs with MERGE) by a bitonic sort in shared memory,
// the parallel selection for k ≥ kTopKSortMinK (kernels::topK): log2(S) ·
// (log2(S) + 1) / 2 = 66 barrier steps for S = 2048, whatever k, where
// top_k.comp's k rounds take about 9 · k (contract: TopKParams in
// inference/backend/vulkan/kernel_params.h; the same order and output).
//
// Workgroup g sorts items [g · S, (g + 1) · S) of the input — padded with
// "none" (id 0xFFFFFFFF, value NEG_SENTINEL, common.glsl) past n — into the
// (value desc, id asc) order, none last, and writes the first k as
// out[g · k + j]. The host runs levels of it (a merge tree): logits →
// groups · k candidates → … → one group, whose k pairs are the result. As in
// top_k.comp, a logit that is not finite (exponent bits all ones, tested on
// the bits) is no candidate: it becomes "none".
//
// Bindings: 0 input (float logits, or uint pairs with MERGE), 1 out (uint
// pairs). Grid: (ceil(n / S)). Workgroup: any size, 256 by default.
// Shared memory: 8 · S bytes (16 KiB, the least every device has).
layout(local_size_x = 256, local_size_x_id = 0) in;

#ifndef TOPK_SORT_SLICE
#define TOPK_SORT_SLICE 2048
#endif

layout(push_constant) uniform TopKParams {
    uint n;
    uint k;
    uint slice; // unused: the slice is TOPK_SORT_SLICE
} pc;

#ifdef MERGE
layout(binding = 0) readonly buffer Input { uint candidates[]; };
#else
layout(binding = 0) readonly buffer Input { float logits[]; };
#endif
layout(binding = 1) writeonly buffer Out { uint outPairs[]; };

#include "common.glsl"

const uint NONE = 0xFFFFFFFFu;
const uint WG = gl_WorkGroupSize.x;
const uint S = TOPK_SORT_SLICE;

shared float sortValue[S];
shared uint sortId[S];

// Whether (v, i) comes before (bv, bi): value desc, id asc, none last.
bool before(float v, uint i, float bv, uint bi)
{
    if (i == NONE)
        return false;
    if (bi == NONE)
        return true;
    return v > bv || (v == bv && i < bi);
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint begin = gl_WorkGroupID.x * S;
    for (uint e = lane; e < S; e += WG) {
        float v = NEG_SENTINEL;
        uint id = NONE;
        if (begin + e < pc.n) {
#ifdef MERGE
            id = candidates[2u * (begin + e)];
            v = uintBitsToFloat(candidates[2u * (begin + e) + 1u]);
#else
            id = begin + e;
            v = logits[begin + e];
            if ((floatBitsToUint(v) & 0x7F800000u) == 0x7F800000u) {
                v = NEG_SENTINEL;
                id = NONE;
            }
#endif
        }
        sortValue[e] = v;
        sortId[e] = id;
    }
    barrier();
    // Bitonic sort: runs of `size` alternate direction (bit `size` of the
    // index), each step compares pairs `stride` apart; the last run (size S)
    // leaves everything in the order above.
    for (uint size = 2u; size <= S; size <<= 1u) {
        for (uint stride = size >> 1u; stride > 0u; stride >>= 1u) {
            for (uint p = lane; p < S / 2u; p += WG) {
                const uint i = 2u * p - (p & (stride - 1u)), j = i + stride;
                const float vi = sortValue[i], vj = sortValue[j];
                const uint ii = sortId[i], ij = sortId[j];
                const bool forward = (i & size) == 0u;
                if (forward ? before(vj, ij, vi, ii) : before(vi, ii, vj, ij)) {
                    sortValue[i] = vj;
                    sortId[i] = ij;
                    sortValue[j] = vi;
                    sortId[j] = ii;
                }
            }
            barrier();
        }
    }
    const uint outBase = gl_WorkGroupID.x * pc.k;
    for (uint r = lane; r < pc.k; r += WG) {
        outPairs[2u * (outBase + r)] = sortId[r];
        outPairs[2u * (outBase + r) + 1u] = floatBitsToUint(sortValue[r]);
    }
}
