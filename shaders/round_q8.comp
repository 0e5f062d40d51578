#version 450
// round_q8: y = x rounded to 8-bit blocks, the activation precision of the
// established runtime's quantized matrix-vector products (its Vulkan and
// CPU backends quantize activations to Q8 blocks of 32 before integer dot
// products: d = amax / 127 stored as a half, q = round-half-even(x / d)).
// Vela's matmul kernels take float activations; rounding them first makes
// its logits follow the reference runtime's to the last bit that matters for
// greedy continuations (contract: RoundQ8Params in kernel_params.h).
//
// Bindings: 0 x, 1 y (float, n values, n a multiple of 32). Grid:
// (ceil(n / 32 / workgroup size)), one thread per block of 32; threads loop
// with the grid's stride. Workgroup: any size, 64 by default.
layout(local_size_x = 64, local_size_x_id = 0) in;

layout(push_constant) uniform RoundQ8Params {
    uint n;
} pc;

layout(binding = 0) readonly buffer X { float x[]; };
layout(binding = 1) writeonly buffer Y { float y[]; };

void main()
{
    const uint blocks = pc.n / 32u;
    const uint stride = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    for (uint b = gl_GlobalInvocationID.x; b < blocks; b += stride) {
        float amax = 0.0;
        for (uint j = 0u; j < 32u; ++j)
            amax = max(amax, abs(x[32u * b + j]));
        const float d = amax / 127.0;
        const float id = d != 0.0 ? 1.0 / d : 0.0;
        const float dh = unpackHalf2x16(packHalf2x16(vec2(d, 0.0))).x;
        for (uint j = 0u; j < 32u; ++j)
            y[32u * b + j] = roundEven(x[32u * b + j] * id) * dh;
    }
}
