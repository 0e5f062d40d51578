// Workgroup-wide sum through shared memory (the baseline has no subgroup
// operations). Call from uniform control flow only: it holds barriers.
//
// The tree halves the live lanes each step, rounding up, so any workgroup
// size works (not only powers of two).
#ifndef VELA_REDUCE_GLSL
#define VELA_REDUCE_GLSL

shared float reduceScratch[gl_WorkGroupSize.x];

// Returns the sum of `v` over the workgroup, to every thread.
float workgroup_sum(float v)
{
    const uint lane = gl_LocalInvocationID.x;
    barrier(); // a previous call's threads have read reduceScratch[0]
    reduceScratch[lane] = v;
    barrier();
    for (uint live = gl_WorkGroupSize.x; live > 1u;) {
        const uint upper = (live + 1u) / 2u;
        if (lane < live - upper)
            reduceScratch[lane] += reduceScratch[lane + upper];
        barrier();
        live = upper;
    }
    return reduceScratch[0];
}

#endif // VELA_REDUCE_GLSL
