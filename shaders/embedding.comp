#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_GOOGLE_include_directive : require
// embedding_<type>: the rows of the token embedding table picked by the
// step's token ids, dequantized to float (contract: EmbeddingParams in
// inference/backend/vulkan/kernel_params.h).
//
//   out[t][i] = dequant(W row step.tokens[t] - rowStart)[i], i < width,
//   for tokens in [rowStart, rowStart + rowCount); other tokens are left
//   untouched (they belong to another part of a split table, written by
//   another dispatch).
//
// Bindings: 0 W (uint, raw GGUF rows of rowBytes), 1 step (uint), 2 out
// (float, nTokens × width). Grid: (ceil(width / 32), nTokens): workgroup
// (c, t) writes the 32-element chunk c of token t. Workgroup: any size, 32 by
// default; thread 0 dequantizes the chunk into shared memory (embedding runs
// once per forward call, so its cost is negligible) and the threads store it.
// Define: one TYPE_* (see dequant.glsl).
layout(local_size_x = 32, local_size_x_id = 0) in;

layout(push_constant) uniform EmbeddingParams {
    uint width;
    uint rowStart;
    uint rowCount;
    uint rowBytes;
} pc;

layout(binding = 0) readonly buffer Weights { uint weights[]; };
// The same binding as uvec4s, for 16-byte loads of aligned float rows (the
// host binds W at an offset that is a multiple of 16).
layout(binding = 0) readonly buffer Weights4 { uvec4 weights4[]; };
layout(binding = 1) readonly buffer Step { uint step[]; }; // [0] pos0, [1] nTokens, [2 + t] token t
layout(binding = 2) writeonly buffer Out { float outData[]; };

#define READS_WEIGHTS
#include "common.glsl"
#include "dequant.glsl"

shared float chunk[32];

void main()
{
    const uint c = gl_WorkGroupID.x, t = gl_WorkGroupID.y;
    if (t >= step[1])
        return; // a grid recorded for more tokens than this step has
    const uint token = step[2u + t];
    if (token < pc.rowStart || token - pc.rowStart >= pc.rowCount)
        return; // not in this part of the table (uniform: the whole workgroup leaves)

    if (gl_LocalInvocationID.x == 0u) {
        float w[32];
        dequant_chunk((token - pc.rowStart) * pc.rowBytes, c, pc.width, w);
        [[unroll]] for (uint i = 0u; i < 32u; ++i)
            chunk[i] = w[i];
    }
    barrier();

    const uint e0 = 32u * c, n = min(32u, pc.width - e0);
    for (uint i = gl_LocalInvocationID.x; i < n; i += gl_WorkGroupSize.x)
        outData[t * pc.width + e0 + i] = chunk[i];
}
