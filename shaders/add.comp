#version 450
// add: a[i] += b[i], i < n — the residual connections (contract: AddParams in
// inference/backend/vulkan/kernel_params.h).
//
// Bindings: 0 a (float, read and written), 1 b (float). Grid:
// (ceil(n / workgroup size)), or fewer workgroups (e.g. capped at
// maxComputeWorkGroupCount[0]): threads loop with the grid's stride.
// Workgroup: any size, 256 by default.
layout(local_size_x = 256, local_size_x_id = 0) in;

layout(push_constant) uniform AddParams {
    uint n;
} pc;

layout(binding = 0) buffer A { float a[]; };
layout(binding = 1) readonly buffer B { float b[]; };

void main()
{
    const uint stride = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    for (uint i = gl_GlobalInvocationID.x; i < pc.n; i += stride)
        a[i] += b[i];
}
