// The texel variant of attention.comp (attention_texel), for CPU devices such
// as lavapipe. Included by attention.comp with ATTENTION_TEXEL defined; the
// result is the same (contract: AttentionParams, the same grid semantics for
// tokens and slices, the same partial layout for attention_merge).
//
// Why a variant: the shared-memory tile of attention.comp costs little on a
// GPU, but on lavapipe every shared or storage-buffer load is a loop over the
// SIMD lanes with a branch per lane, and every thread re-reads the whole
// tile's scores. Here each invocation owns one query head of one token and
// walks the keys alone with its own online softmax (m, l, o in registers):
// no shared memory, no barrier. q, K and V are read through texel buffers
// (q as RGBA32F, the F16 caches as RGBA32UI: 8 halves per fetch).
//
// Workgroup (g, t, z): query heads 8g .. 8g + 7 (one per invocation; lanes
// past nHead idle) of token t, key slice z. The heads of one workgroup share
// the token, so every lane walks the same number of keys, and the heads of a
// GQA group read the same cache rows. HEAD_DIM (specialization constant 1)
// is the head dimension, a multiple of 8 (the host checks).
layout(constant_id = 1) const uint HEAD_DIM = 128;
const uint HD4 = HEAD_DIM / 4u, HD8 = HEAD_DIM / 8u;

layout(push_constant) uniform AttentionParams {
    uint nHead;
    uint nHeadKv;
    uint headDim;
    uint nSplit;
    float scale;
} pc;

layout(binding = 0) uniform samplerBuffer qTexel;       // RGBA32F: nTokens × nHead × headDim floats
layout(binding = 1) uniform usamplerBuffer kCacheTexel; // RGBA32UI: [position][nHeadKv][headDim] halves
layout(binding = 2) uniform usamplerBuffer vCacheTexel;
layout(binding = 3) writeonly buffer Out { float outData[]; };
layout(binding = 4) writeonly buffer Partial { float partial[]; };
layout(binding = 5) readonly buffer Step { uint step[]; }; // [0] pos0, [1] nTokens

#include "common.glsl"

// The 8 halves of texel u as two vec4s.
void unpack8(uvec4 u, out vec4 a, out vec4 b)
{
    a = vec4(unpackHalf2x16(u.x), unpackHalf2x16(u.y));
    b = vec4(unpackHalf2x16(u.z), unpackHalf2x16(u.w));
}

void main()
{
    const uint t = gl_WorkGroupID.y, z = gl_WorkGroupID.z;
    const uint h = gl_WorkGroupID.x * gl_WorkGroupSize.x + gl_LocalInvocationID.x;
    if (t >= step[1] || h >= pc.nHead)
        return; // a grid recorded for more tokens than this step has; lanes past the heads
    const uint nKeys = step[0] + t + 1u; // causal: positions 0 .. p
    const uint perSlice = (nKeys + pc.nSplit - 1u) / pc.nSplit;
    const uint begin = min(z * perSlice, nKeys), end = min(begin + perSlice, nKeys);

    const uint qBase4 = (t * pc.nHead + h) * HD4;
    vec4 q[HD4];
    [[unroll]] for (uint i = 0u; i < HD4; ++i)
        q[i] = texelFetch(qTexel, int(qBase4 + i)) * pc.scale;

    const uint kvHead = h / (pc.nHead / pc.nHeadKv);
    const uint posStride8 = pc.nHeadKv * HD8; // texels per cache position
    float m = NEG_SENTINEL, l = 0.0;
    vec4 o[HD4];
    [[unroll]] for (uint i = 0u; i < HD4; ++i)
        o[i] = vec4(0.0);
    for (uint j = begin; j < end; ++j) {
        const uint row = j * posStride8 + kvHead * HD8;
        vec4 acc = vec4(0.0);
        [[unroll]] for (uint i = 0u; i < HD8; ++i) {
            vec4 a, b;
            unpack8(texelFetch(kCacheTexel, int(row + i)), a, b);
            acc += q[2u * i] * a + q[2u * i + 1u] * b;
        }
        const float s = (acc.x + acc.y) + (acc.z + acc.w);
        const float mNew = max(m, s);
        const float alpha = exp(m - mNew), p = exp(s - mNew); // alpha = 0 for the first key
        l = l * alpha + p;
        [[unroll]] for (uint i = 0u; i < HD8; ++i) {
            vec4 a, b;
            unpack8(texelFetch(vCacheTexel, int(row + i)), a, b);
            o[2u * i] = o[2u * i] * alpha + p * a;
            o[2u * i + 1u] = o[2u * i + 1u] * alpha + p * b;
        }
        m = mNew;
    }

    const uint outBase = (t * pc.nHead + h) * HEAD_DIM;
    if (pc.nSplit == 1u) {
        const float inv = 1.0 / l;
        [[unroll]] for (uint i = 0u; i < HD4; ++i) {
            outData[outBase + 4u * i] = o[i].x * inv;
            outData[outBase + 4u * i + 1u] = o[i].y * inv;
            outData[outBase + 4u * i + 2u] = o[i].z * inv;
            outData[outBase + 4u * i + 3u] = o[i].w * inv;
        }
    } else {
        // As attention.comp: (m, l, o not normalized) per slice; an empty
        // slice writes m = NEG_SENTINEL, l = 0, o = 0.
        const uint pBase = ((t * pc.nHead + h) * pc.nSplit + z) * (HEAD_DIM + 2u);
        partial[pBase] = m;
        partial[pBase + 1u] = l;
        [[unroll]] for (uint i = 0u; i < HD4; ++i) {
            partial[pBase + 2u + 4u * i] = o[i].x;
            partial[pBase + 3u + 4u * i] = o[i].y;
            partial[pBase + 4u + 4u * i] = o[i].z;
            partial[pBase + 5u + 4u * i] = o[i].w;
        }
    }
}
