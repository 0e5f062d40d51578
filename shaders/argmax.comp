#version 450
#extension GL_GOOGLE_include_directive : require
// argmax: result[0] = index of the largest logit, lowest index on ties (as
// std::max_element in the CPU greedy sampler); result[1] = its float bits
// (contract: ArgmaxParams in inference/backend/vulkan/kernel_params.h).
// NaN logits never win unless every logit is NaN (then index 0); n = 0
// writes index 0xFFFFFFFF and the bits of -inf.
//
// Bindings: 0 logits (float), 1 result (uint[2]). Grid: (1), one workgroup.
// Workgroup: any size, 256 by default (1024 at most, the Vulkan minimum of
// maxComputeWorkGroupInvocations).
layout(local_size_x = 256, local_size_x_id = 0) in;

layout(push_constant) uniform ArgmaxParams {
    uint n;
} pc;

layout(binding = 0) readonly buffer Logits { float logits[]; };
layout(binding = 1) writeonly buffer Result { uint result[]; };

#include "common.glsl"

const uint NONE = 0xFFFFFFFFu;

shared float bestValue[gl_WorkGroupSize.x];
shared uint bestIndex[gl_WorkGroupSize.x];

// Whether candidate (v, i) beats the current best (bv, bi).
bool better(float v, uint i, float bv, uint bi)
{
    if (bi == NONE)
        return true;
    if (isnan(v))
        return isnan(bv) && i < bi;
    if (isnan(bv))
        return true;
    return v > bv || (v == bv && i < bi);
}

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    // Each thread scans a strided slice in increasing index order.
    float bv = NEG_INF;
    uint bi = NONE;
    for (uint i = lane; i < pc.n; i += gl_WorkGroupSize.x) {
        const float v = logits[i];
        if (better(v, i, bv, bi)) {
            bv = v;
            bi = i;
        }
    }
    bestValue[lane] = bv;
    bestIndex[lane] = bi;
    barrier();
    for (uint live = gl_WorkGroupSize.x; live > 1u;) {
        const uint upper = (live + 1u) / 2u;
        if (lane < live - upper) {
            const float v = bestValue[lane + upper];
            const uint i = bestIndex[lane + upper];
            if (i != NONE && better(v, i, bestValue[lane], bestIndex[lane])) {
                bestValue[lane] = v;
                bestIndex[lane] = i;
            }
        }
        barrier();
        live = upper;
    }
    if (lane == 0u) {
        result[0] = bestIndex[0];
        result[1] = floatBitsToUint(bestValue[0]);
    }
}
