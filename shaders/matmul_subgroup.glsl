// matmul_subgroup_<type>: matmul.comp's decode (one token) for GPUs with
// subgroup arithmetic, an alternative to its split-k layout that the GPU run
// measures against it (docs/performance.md, "GPU run"; the host picks it
// only when asked: MatmulFusion::Layout::Subgroup). Prefill in the same
// module keeps the split-k path.
//
// What differs from split-k decode, and why:
//   - A workgroup owns SUBGROUP_ROWS rows (with FLAG_GLU, as many gate rows
//     and their up rows) and each thread reads the same chunk of every row
//     in one unrolled loop, so SUBGROUP_ROWS chunks of loads are in flight
//     per thread instead of one row's (split-k runs its rows in a runtime
//     loop to keep the module small).
//   - The per-row sums are added by subgroupAdd, then across the
//     workgroup's subgroups through SUBGROUP_ROWS · 2 shared floats per
//     subgroup: two barriers per row group instead of a shared-memory tree
//     of log2(workgroup size) barriers.
//
// Block types only (every 32-element chunk is whole) and k % 4 == 0 (x read
// as vec4); the host falls back to split-k otherwise. Grid:
// (ceil(rows / SUBGROUP_ROWS) capped, 1), workgroup any size.
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require

// The most subgroups a workgroup may have (its size over the smallest
// subgroup size, 1).
#define WG_MAX_SUBGROUPS 64
// Sums of each subgroup: [value v][subgroup], value v < 2 · SUBGROUP_ROWS.
shared float subgroupSums[2 * SUBGROUP_ROWS * WG_MAX_SUBGROUPS];

void main_decode_subgroup(bool norm, bool glu)
{
    const uint lane = gl_LocalInvocationID.x;
    const uint nChunks = pc.k / 32u;
    const uint nRowGroups = (pc.rows + SUBGROUP_ROWS - 1u) / SUBGROUP_ROWS;
    const uint nv = glu ? 2u * SUBGROUP_ROWS : SUBGROUP_ROWS; // gate rows, then their up rows
    for (uint group = gl_WorkGroupID.x; group < nRowGroups; group += gl_NumWorkGroups.x) {
        const uint r0 = group * SUBGROUP_ROWS;
        const uint nr = min(uint(SUBGROUP_ROWS), pc.rows - r0);
        float acc[2 * SUBGROUP_ROWS];
        [[unroll]] for (uint v = 0u; v < 2u * SUBGROUP_ROWS; ++v)
            acc[v] = 0.0;
        for (uint c = lane; c < nChunks; c += WG) {
            vec4 xv[8];
            [[unroll]] for (uint j = 0u; j < 8u; ++j) {
                xv[j] = x4[8u * c + j];
                if (norm)
                    xv[j] *= normW4[8u * c + j];
            }
            [[unroll]] for (uint v = 0u; v < 2u * SUBGROUP_ROWS; ++v) {
                const uint rr = v % SUBGROUP_ROWS;
                if (v >= nv || rr >= nr) // uniform: the same for every thread
                    continue;
                float w[32];
                dequant_chunk((r0 + rr + (v >= SUBGROUP_ROWS ? pc.rows : 0u)) * pc.rowBytes, c, pc.k, w);
                float s = 0.0;
                [[unroll]] for (uint j = 0u; j < 8u; ++j)
                    s += dot(vec4(w[4u * j], w[4u * j + 1u], w[4u * j + 2u], w[4u * j + 3u]), xv[j]);
                acc[v] += s;
            }
        }
        [[unroll]] for (uint v = 0u; v < 2u * SUBGROUP_ROWS; ++v) {
            const float s = subgroupAdd(acc[v]);
            if (subgroupElect())
                subgroupSums[v * WG_MAX_SUBGROUPS + gl_SubgroupID] = s;
        }
        barrier();
        if (lane < nr) {
            float gate = 0.0, up = 0.0;
            for (uint i = 0u; i < gl_NumSubgroups; ++i) {
                gate += subgroupSums[lane * WG_MAX_SUBGROUPS + i];
                if (glu)
                    up += subgroupSums[(lane + SUBGROUP_ROWS) * WG_MAX_SUBGROUPS + i];
            }
            write_output(r0 + lane, 0u, 0u, gate, up, norm, glu);
        }
        barrier(); // the next group reuses subgroupSums
    }
}
