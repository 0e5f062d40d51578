#version 450
#extension GL_GOOGLE_include_directive : require
// attention_merge: combines the nSplit slices written by attention
// (contract: AttentionMergeParams in inference/backend/vulkan/kernel_params.h):
//   out[t][h] = Σ_z o_z e^(m_z - M) / Σ_z l_z e^(m_z - M),  M = max_z m_z.
// Slice z of (t, h) is (m_z, l_z, o_z[headDim]) at
// partial[((t·nHead + h)·nSplit + z)·(headDim + 2)]. Empty slices (m = NEG_SENTINEL,
// l = 0, o = 0: common.glsl) weigh e^(NEG_SENTINEL - M) = 0 next to a real M;
// slice 0 always holds key 0, so M is a real score. Were every slice empty,
// the weights would be e^0 = 1 against l = 0: the denominator test below
// writes 0 instead of 0 / 0.
//
// Bindings: 0 partial (float), 1 out (float, nTokens × nHead × headDim).
// Grid: (nHead, nTokens). Workgroup: any size, 128 by default; threads
// stride over headDim (each computes M and the denominator itself: nSplit is
// small).
layout(local_size_x = 128, local_size_x_id = 0) in;

layout(push_constant) uniform AttentionMergeParams {
    uint nHead;
    uint headDim;
    uint nSplit;
} pc;

layout(binding = 0) readonly buffer Partial { float partial[]; };
layout(binding = 1) writeonly buffer Out { float outData[]; };

#include "common.glsl"

void main()
{
    const uint h = gl_WorkGroupID.x, t = gl_WorkGroupID.y;
    const uint stride = pc.headDim + 2u;
    const uint base = (t * pc.nHead + h) * pc.nSplit * stride;

    float mMax = NEG_SENTINEL;
    for (uint z = 0u; z < pc.nSplit; ++z)
        mMax = max(mMax, partial[base + z * stride]);
    float denom = 0.0;
    for (uint z = 0u; z < pc.nSplit; ++z)
        denom += partial[base + z * stride + 1u] * exp(partial[base + z * stride] - mMax);
    const float inv = denom > 0.0 ? 1.0 / denom : 0.0;

    const uint outBase = (t * pc.nHead + h) * pc.headDim;
    for (uint d = gl_LocalInvocationID.x; d < pc.headDim; d += gl_WorkGroupSize.x) {
        float acc = 0.0;
        for (uint z = 0u; z < pc.nSplit; ++z)
            acc += partial[base + z * stride + 2u + d] * exp(partial[base + z * stride] - mMax);
        outData[outBase + d] = acc * inv;
    }
}
