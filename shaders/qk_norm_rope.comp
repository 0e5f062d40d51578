#version 450
#extension GL_GOOGLE_include_directive : require
// qk_norm_rope: Qwen3's per-head RMS norm of q and k, NEOX rotary position
// embedding, and the store of k and v into the F16 KV cache (contract:
// QkNormRopeParams in inference/backend/vulkan/kernel_params.h).
//
// Workgroup (h, t), token t at position p = pos0 + t:
//   h < nHead: q head h ← rope(hasNorm ? rms_norm(q) * qNorm : q), in place;
//   h ≥ nHead: kv head j = h - nHead:
//              kCache[p][j] ← f16(rope(hasNorm ? rms_norm(k) * kNorm : k)),
//              vCache[p][j] ← f16(v).
// NEOX RoPE rotates the pairs (i, i + headDim/2) by θ = p · ropeBase^(-2i/headDim).
// Cache layout: [position][nHeadKv][headDim] halves, element pairs (2i, 2i+1)
// packed in one uint (packHalf2x16): uint index (p·nHeadKv·headDim + j·headDim)/2 + i.
//
// Bindings: 0 q (float, nTokens × nHead × headDim, in place), 1 k, 2 v (float,
// nTokens × nHeadKv × headDim), 3 qNorm, 4 kNorm (float, headDim; any buffer
// when hasNorm = 0), 5 kCache, 6 vCache (uint), 7 step (uint).
// Grid: (nHead + nHeadKv, nTokens). Workgroup: any size, 64 by default (one
// rotation pair per thread at headDim 128). headDim even, ≤ 256.
layout(local_size_x = 64, local_size_x_id = 0) in;

layout(push_constant) uniform QkNormRopeParams {
    uint nHead;
    uint nHeadKv;
    uint headDim;
    uint hasNorm;
    float eps;
    float ropeBase;
} pc;

layout(binding = 0) buffer Q { float q[]; };
layout(binding = 1) readonly buffer K { float k[]; };
layout(binding = 2) readonly buffer V { float v[]; };
layout(binding = 3) readonly buffer QNorm { float qNorm[]; };
layout(binding = 4) readonly buffer KNorm { float kNorm[]; };
layout(binding = 5) writeonly buffer KCache { uint kCache[]; };
layout(binding = 6) writeonly buffer VCache { uint vCache[]; };
layout(binding = 7) readonly buffer Step { uint step[]; }; // [0] pos0, [1] nTokens

#include "reduce.glsl"

const float TWO_PI = 6.283185307179586;

// The rotated k head, staged so that the cache pairs (2i, 2i+1) can be packed
// while RoPE pairs (i, i + headDim/2).
shared float rotated[256];

float load_head(bool isQ, uint i) { return isQ ? q[i] : k[i]; }
float norm_weight(bool isQ, uint i) { return isQ ? qNorm[i] : kNorm[i]; }

// θ reduced to about [-π, π]. The Vulkan precision requirements of sin/cos
// hold on [-π, π] only, and θ reaches the context length in radians.
// Cody–Waite: 2π = 6.28125 (8 significant bits, so k · 6.28125 is exact for
// k < 2^16) + 1.9353071795864769e-3; `precise` keeps the order of operations.
float reduce_angle(float theta)
{
    precise float turns = round(theta * (1.0 / TWO_PI));
    precise float r = (theta - turns * 6.28125) - turns * 1.9353071795864769e-3;
    return r;
}

void main()
{
    const uint h = gl_WorkGroupID.x, t = gl_WorkGroupID.y, lane = gl_LocalInvocationID.x;
    if (t >= step[1])
        return; // a grid recorded for more tokens than this step has
    const uint p = step[0] + t;
    const uint hd = pc.headDim, half_ = hd / 2u;
    const bool isQ = h < pc.nHead; // uniform over the workgroup
    const uint j = h - pc.nHead;   // kv head when !isQ
    const uint base = isQ ? (t * pc.nHead + h) * hd : (t * pc.nHeadKv + j) * hd;
    const bool hasNorm = pc.hasNorm != 0u;

    float scale = 1.0;
    if (hasNorm) {
        float ss = 0.0;
        for (uint i = lane; i < hd; i += gl_WorkGroupSize.x) {
            const float x = load_head(isQ, base + i);
            ss += x * x;
        }
        // workgroup_sum's barriers also order these reads before the in-place writes below.
        scale = 1.0 / sqrt(workgroup_sum(ss) / float(hd) + pc.eps);
    }

    const float log2Base = log2(pc.ropeBase);
    for (uint i = lane; i < half_; i += gl_WorkGroupSize.x) {
        float a = load_head(isQ, base + i), b = load_head(isQ, base + i + half_);
        if (hasNorm) {
            a = a * scale * norm_weight(isQ, i);
            b = b * scale * norm_weight(isQ, i + half_);
        }
        const float invFreq = exp2(-float(2u * i) / float(hd) * log2Base);
        const float theta = reduce_angle(float(p) * invFreq);
        const float c = cos(theta), s = sin(theta);
        const float ra = a * c - b * s, rb = a * s + b * c;
        if (isQ) {
            q[base + i] = ra;
            q[base + i + half_] = rb;
        } else {
            rotated[i] = ra;
            rotated[i + half_] = rb;
        }
    }
    if (isQ)
        return;

    barrier();
    const uint cacheBase = (p * pc.nHeadKv * hd + j * hd) / 2u;
    for (uint i = lane; i < half_; i += gl_WorkGroupSize.x) {
        kCache[cacheBase + i] = packHalf2x16(vec2(rotated[2u * i], rotated[2u * i + 1u]));
        vCache[cacheBase + i] = packHalf2x16(vec2(v[base + 2u * i], v[base + 2u * i + 1u]));
    }
}
