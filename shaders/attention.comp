#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
// attention: causal grouped-query attention over the F16 KV cache, with an
// online softmax over tiles of keys, so the score matrix is never stored
// (contract: AttentionParams in inference/backend/vulkan/kernel_params.h).
//
// Workgroup (h, t, z): query head h of token t (position p = pos0 + t), KV
// head h / (nHead / nHeadKv), keys [0, p] cut into nSplit equal slices of
// ceil((p + 1) / nSplit) keys, slice z. Per tile of WG keys:
//   1. thread j scores key j of the tile: s_j = (q · scale) · k_j;
//   2. every thread scans the tile's scores for the new running max m';
//   3. thread j stores P_j = e^(s_j - m');
//   4. thread i, owner of output dims (2i, 2i+1), rescales its running sums
//      by e^(m - m') and adds Σ_j P_j · v_j[2i, 2i+1]; l likewise (each thread
//      keeps an identical copy of m and l).
// nSplit = 1: out[t][h] = o / l. Otherwise slice z writes (m, l, o[headDim])
// at partial[((t·nHead + h)·nSplit + z)·(headDim + 2)] (o not normalized; an
// empty slice writes m = NEG_SENTINEL, l = 0, o = 0) and attention_merge combines them.
//
// Bindings: 0 q (float, nTokens × nHead × headDim), 1 kCache, 2 vCache (uint,
// [position][nHeadKv][headDim] halves), 3 out (float, nTokens × nHead ×
// headDim), 4 partial (float), 5 step (uint). Grid: (nHead, nTokens, nSplit).
// Workgroup: 128 by default; it is also the tile (one key per thread) and must
// be ≥ headDim / 2 (one output pair per thread), so 128 serves headDim ≤ 256.
// Shared memory: 4 · (256 + 2 · WG) bytes.
layout(local_size_x = 128, local_size_x_id = 0) in;

#ifdef ATTENTION_TEXEL
#include "attention_texel.glsl"
#else

layout(push_constant) uniform AttentionParams {
    uint nHead;
    uint nHeadKv;
    uint headDim;
    uint nSplit;
    float scale;
} pc;

layout(binding = 0) readonly buffer Q { float q[]; };
layout(binding = 1) readonly buffer KCache { uint kCache[]; };
// The same binding as uvec4s (8 halves a load) when headDim % 8 == 0, so that
// every key row starts on a 16-byte boundary.
layout(binding = 1) readonly buffer KCache4 { uvec4 kCache4[]; };
layout(binding = 2) readonly buffer VCache { uint vCache[]; };
layout(binding = 3) writeonly buffer Out { float outData[]; };
layout(binding = 4) writeonly buffer Partial { float partial[]; };
layout(binding = 5) readonly buffer Step { uint step[]; }; // [0] pos0, [1] nTokens

#include "common.glsl"

const uint WG = gl_WorkGroupSize.x;

shared float qScaled[256];
shared float scores[WG]; // s_j of the current tile
shared float probs[WG];  // P_j of the current tile

void main()
{
    const uint h = gl_WorkGroupID.x, t = gl_WorkGroupID.y, z = gl_WorkGroupID.z;
    const uint lane = gl_LocalInvocationID.x;
    if (t >= step[1])
        return; // a grid recorded for more tokens than this step has
    const uint hd = pc.headDim, pairs = hd / 2u;
    const uint nKeys = step[0] + t + 1u; // causal: positions 0 .. p
    const uint perSlice = (nKeys + pc.nSplit - 1u) / pc.nSplit;
    const uint begin = min(z * perSlice, nKeys), end = min(begin + perSlice, nKeys);

    const uint qBase = (t * pc.nHead + h) * hd;
    for (uint d = lane; d < hd; d += WG)
        qScaled[d] = q[qBase + d] * pc.scale;
    barrier();

    // Cache addressing in uints (two halves each).
    const uint posStride = pc.nHeadKv * pairs;
    const uint headBase = (h / (pc.nHead / pc.nHeadKv)) * pairs;

    float m = NEG_SENTINEL, l = 0.0;
    vec2 o = vec2(0.0); // output dims (2·lane, 2·lane + 1) when lane < pairs

    for (uint tile = begin; tile < end; tile += WG) {
        const uint n = min(WG, end - tile); // keys in this tile
        float s = NEG_SENTINEL;
        if (lane < n) {
            const uint kBase = (tile + lane) * posStride + headBase;
            s = 0.0;
            if ((hd & 7u) == 0u) {
                for (uint i = 0u; i < pairs / 4u; ++i) {
                    const uvec4 u = kCache4[(kBase >> 2) + i];
                    const uint d = 8u * i;
                    const vec2 k0 = unpackHalf2x16(u.x), k1 = unpackHalf2x16(u.y);
                    const vec2 k2 = unpackHalf2x16(u.z), k3 = unpackHalf2x16(u.w);
                    s += qScaled[d] * k0.x + qScaled[d + 1u] * k0.y + qScaled[d + 2u] * k1.x
                       + qScaled[d + 3u] * k1.y + qScaled[d + 4u] * k2.x + qScaled[d + 5u] * k2.y
                       + qScaled[d + 6u] * k3.x + qScaled[d + 7u] * k3.y;
                }
            } else {
                for (uint i = 0u; i < pairs; ++i) {
                    const vec2 kv = unpackHalf2x16(kCache[kBase + i]);
                    s += qScaled[2u * i] * kv.x + qScaled[2u * i + 1u] * kv.y;
                }
            }
        }
        scores[lane] = s;
        barrier();

        // Every thread computes the same max in the same order, so m stays
        // identical across the workgroup.
        float mNew = m;
        for (uint j = 0u; j < n; ++j)
            mNew = max(mNew, scores[j]);
        probs[lane] = lane < n ? exp(s - mNew) : 0.0;
        barrier();

        const float alpha = exp(m - mNew); // 0 for the first tile (m = NEG_SENTINEL)
        float lTile = 0.0;
        vec2 oTile = vec2(0.0);
        const uint vBase = tile * posStride + headBase + lane;
        for (uint j = 0u; j < n; ++j) {
            const float pj = probs[j];
            lTile += pj;
            if (lane < pairs)
                oTile += pj * unpackHalf2x16(vCache[vBase + j * posStride]);
        }
        l = l * alpha + lTile;
        o = o * alpha + oTile;
        m = mNew;
        // The next tile writes scores before its first barrier; every thread
        // has finished reading scores (above) and reads probs only after
        // that barrier, so one more barrier is not needed here.
    }

    if (lane >= pairs)
        return;
    if (pc.nSplit == 1u) {
        const float inv = 1.0 / l;
        outData[qBase + 2u * lane] = o.x * inv;
        outData[qBase + 2u * lane + 1u] = o.y * inv;
    } else {
        const uint pBase = ((t * pc.nHead + h) * pc.nSplit + z) * (hd + 2u);
        if (lane == 0u) {
            partial[pBase] = m;
            partial[pBase + 1u] = l;
        }
        partial[pBase + 2u + 2u * lane] = o.x;
        partial[pBase + 3u + 2u * lane] = o.y;
    }
}
#endif // ATTENTION_TEXEL
