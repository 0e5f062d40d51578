#version 450
// swiglu: out[i] = gate[i] / (1 + e^-gate[i]) * up[i], i < n (contract:
// SwigluParams in inference/backend/vulkan/kernel_params.h). out may alias
// gate or up (each element is read and written by one thread).
//
// Bindings: 0 gate, 1 up, 2 out (float). Grid: (ceil(n / workgroup size)),
// or fewer workgroups (e.g. capped at maxComputeWorkGroupCount[0]): threads
// loop with the grid's stride. Workgroup: any size, 256 by default.
layout(local_size_x = 256, local_size_x_id = 0) in;

layout(push_constant) uniform SwigluParams {
    uint n;
} pc;

layout(binding = 0) readonly buffer Gate { float gate[]; };
layout(binding = 1) readonly buffer Up { float up[]; };
layout(binding = 2) writeonly buffer Out { float outData[]; };

void main()
{
    const uint stride = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    for (uint i = gl_GlobalInvocationID.x; i < pc.n; i += stride) {
        const float g = gate[i];
        outData[i] = g / (1.0 + exp(-g)) * up[i];
    }
}
