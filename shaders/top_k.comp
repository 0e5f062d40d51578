#version 450
#extension GL_GOOGLE_include_directive : require
// top_k / top_k_merge: the k largest logits with their token ids, in
// descending order, ties broken by the lower id (the order of the CPU
// sampler's sort), so that sampling reads k pairs instead of copying the
// whole vocabulary's logits (151,936 floats for Qwen3) to the host
// (contract: TopKParams in inference/backend/vulkan/kernel_params.h).
//
// Two passes. top_k: workgroup g selects the k best of the logits
// [g · slice, (g + 1) · slice) and writes them as candidates
// out[g · k + j]. top_k_merge (define MERGE): one workgroup selects the k
// best of those n = groups · k candidates. A candidate is a pair of words
// (token id, float bits); id 0xFFFFFFFF marks "none" (a slice shorter than
// k). A logit that is not finite (NaN, +inf or -inf: exponent bits all
// ones, tested on the bits so that a fast-math compiler cannot fold the test
// away) is no candidate: it never appears in the output, and when fewer than
// k logits are finite the rest of the output is "none" (value bits
// NEG_SENTINEL, common.glsl). Finite logits of any size, -FLT_MAX included,
// are ranked as they are.
//
// Selection: k rounds; in each, every thread finds the best element of its
// strided share that comes after the previous winner in the (value desc,
// id asc) order — a strict total order, so nothing needs marking — and a
// shared-memory tree picks the round's winner. k is small (≤ 128: greedy is
// k = 1, Qwen3's presets k = 20 plus penalized tokens).
//
// Bindings: 0 input (float logits, or uint candidate pairs with MERGE),
// 1 out (uint pairs). Grid: top_k (ceil(n / slice)), top_k_merge (1).
// Workgroup: any size, 256 by default.
layout(local_size_x = 256, local_size_x_id = 0) in;

layout(push_constant) uniform TopKParams {
    uint n;     // logits (top_k) or candidates (top_k_merge)
    uint k;
    uint slice; // top_k: logits per workgroup
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

shared float bestValue[WG];
shared uint bestId[WG];

// Whether (v, i) comes before (bv, bi) in the (value desc, id asc) order;
// NONE comes after everything.
bool before(float v, uint i, float bv, uint bi)
{
    if (i == NONE)
        return false;
    if (bi == NONE)
        return true;
    return v > bv || (v == bv && i < bi);
}

void load(uint e, out float v, out uint id)
{
#ifdef MERGE
    id = candidates[2u * e];
    v = uintBitsToFloat(candidates[2u * e + 1u]);
#else
    v = logits[e];
    id = (floatBitsToUint(v) & 0x7F800000u) == 0x7F800000u ? NONE : e;
#endif
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
#ifdef MERGE
    const uint begin = 0u, end = pc.n, outBase = 0u;
#else
    const uint begin = gl_WorkGroupID.x * pc.slice;
    const uint end = min(pc.n, begin + pc.slice);
    const uint outBase = gl_WorkGroupID.x * pc.k;
#endif
    float lastValue = 0.0;
    uint lastId = NONE; // the previous round's winner
    for (uint j = 0u; j < pc.k; ++j) {
        float bv = NEG_SENTINEL; // never compared: bi = NONE comes after everything
        uint bi = NONE;
        for (uint e = begin + lane; e < end; e += WG) {
            float v;
            uint id;
            load(e, v, id);
            const bool after = lastId == NONE || before(lastValue, lastId, v, id);
            if (after && before(v, id, bv, bi)) {
                bv = v;
                bi = id;
            }
        }
        barrier(); // every thread has read the previous round's winner
        bestValue[lane] = bv;
        bestId[lane] = bi;
        barrier();
        for (uint live = WG; live > 1u;) {
            const uint upper = (live + 1u) / 2u;
            if (lane < live - upper && before(bestValue[lane + upper], bestId[lane + upper], bestValue[lane], bestId[lane])) {
                bestValue[lane] = bestValue[lane + upper];
                bestId[lane] = bestId[lane + upper];
            }
            barrier();
            live = upper;
        }
        lastValue = bestValue[0];
        lastId = bestId[0];
        if (lastId == NONE) {
            // Fewer than k elements: the rest of the output is "none".
            for (uint r = j + lane; r < pc.k; r += WG) {
                outPairs[2u * (outBase + r)] = NONE;
                outPairs[2u * (outBase + r) + 1u] = floatBitsToUint(NEG_SENTINEL);
            }
            return; // uniform: every thread read the same winner
        }
        if (lane == 0u) {
            outPairs[2u * (outBase + j)] = lastId;
            outPairs[2u * (outBase + j) + 1u] = floatBitsToUint(lastValue);
        }
    }
}
