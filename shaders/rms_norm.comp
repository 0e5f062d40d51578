#version 450
#extension GL_GOOGLE_include_directive : require
// rms_norm: y[t] = x[t] / sqrt(mean(x[t]^2) + eps) * w (contract:
// RmsNormParams in inference/backend/vulkan/kernel_params.h).
//
// Variant rms_norm_q8 (define ROUND_Q8): y is then also rounded to 8-bit
// blocks of 32 exactly as round_q8.comp does, in the same pass: the input of
// the products whose reference rounds activations to Q8 (width % 32 == 0).
//
// Variant rms_scale (define SCALE_ONLY): y[t] = 1 / sqrt(mean(x[t]^2) + eps)
// only (w unused, any buffer): the scale that products with the norm folded
// in read (matmul's FLAG_NORM_SCALE) instead of each workgroup recomputing it.
//
// Bindings: 0 x, 1 w (width), 2 y (float; nTokens × width, may alias x;
// rms_scale: nTokens).
// Grid: (nTokens), one workgroup per token. Workgroup: any size, 256 by
// default; threads stride over the row, then a shared-memory sum.
layout(local_size_x = 256, local_size_x_id = 0) in;

layout(push_constant) uniform RmsNormParams {
    uint width;
    float eps;
} pc;

layout(binding = 0) readonly buffer X { float x[]; };
layout(binding = 1) readonly buffer W { float w[]; };
layout(binding = 2) writeonly buffer Y { float y[]; };

#include "reduce.glsl"

void main()
{
    const uint base = gl_WorkGroupID.x * pc.width;
    float ss = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < pc.width; i += gl_WorkGroupSize.x) {
        const float v = x[base + i];
        ss += v * v;
    }
    const float scale = 1.0 / sqrt(workgroup_sum(ss) / float(pc.width) + pc.eps);
#ifdef SCALE_ONLY
    if (gl_LocalInvocationID.x == 0u)
        y[gl_WorkGroupID.x] = scale;
    return;
#endif
    // In place (y aliasing x) is safe: each element is read and written by
    // the same thread, after every thread has read it for the sum.
#ifdef ROUND_Q8
    for (uint b = gl_LocalInvocationID.x; b < pc.width / 32u; b += gl_WorkGroupSize.x) {
        float v[32];
        float amax = 0.0;
        for (uint j = 0u; j < 32u; ++j) {
            v[j] = x[base + 32u * b + j] * scale * w[32u * b + j];
            amax = max(amax, abs(v[j]));
        }
        const float d = amax / 127.0;
        const float id = d != 0.0 ? 1.0 / d : 0.0;
        const float dh = unpackHalf2x16(packHalf2x16(vec2(d, 0.0))).x; // the block scale is stored as a half
        for (uint j = 0u; j < 32u; ++j)
            y[base + 32u * b + j] = roundEven(v[j] * id) * dh;
    }
#else
    for (uint i = gl_LocalInvocationID.x; i < pc.width; i += gl_WorkGroupSize.x)
        y[base + i] = x[base + i] * scale * w[i];
#endif
}
