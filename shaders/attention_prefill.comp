#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
// attention_prefill: causal grouped-query attention for many query tokens at
// once, in tiles (flash-attention style): a workgroup owns ROWS query rows of
// one KV head and streams that head's keys through shared memory KEYS at a
// time, so each K and V row is read from global memory once per ROWS query
// rows instead of once per (query head, token) as in attention.comp
// (contract: AttentionPrefillParams in inference/backend/vulkan/kernel_params.h).
//
// Rows: the query heads of KV head j are the group G = nHead / nHeadKv heads
// jG .. jG + G - 1. Row R = t·G + g is query head jG + g of token t (token
// major, so the rows of one token sit together and every G divides evenly);
// workgroup (w, j) owns rows [w·ROWS, (w + 1)·ROWS). Row R sees keys
// [0, pos0 + t] (causal by position); rows with t ≥ step[1] are idle (a grid
// recorded for more tokens than this step has), and a workgroup with none
// live exits. The workgroup walks keys [0, pos0 + its last live token].
//
// Per tile of KEYS keys:
//   1. load: the threads copy the tile's K and V rows (F16 pairs as uints,
//      coalesced: consecutive threads read consecutive words of a row) into
//      shared memory; keys past the range are not read (stored as 0);
//   2. scores: s[r][j] = (q_r · scale) · k_j for the keys row r sees, the
//      ROWS × KEYS products spread over the threads (q rows pre-scaled in
//      shared memory since the start);
//   3. online softmax: thread (r, u) — row r = lane / TPR, u = lane % TPR —
//      owns output pairs u, u + TPR, ... of row r; it finds the row's new max
//      m' over the tile, rescales its sums by e^(m - m') and adds
//      e^(s_j - m') · v_j for the keys row r sees (each of the row's TPR
//      threads keeps an identical copy of m and l). The score matrix beyond
//      one tile is never stored.
// The output out[t][jG + g] = o / l is written normalized (no key splits, no
// attention_merge). Every live row sees key 0 in the first tile, so m is a
// real score from then on and masked or later keys weigh e^(... - m) = 0.
//
// Bindings: 0 q (float, nTokens × nHead × headDim), 1 kCache, 2 vCache (uint,
// [position][nHeadKv][headDim] halves, packHalf2x16 pairs), 3 out (float,
// nTokens × nHead × headDim), 4 step (uint). Grid: (ceil(nTokens · G / ROWS),
// nHeadKv). Specialization: 0 workgroup size (128; a multiple of ROWS),
// 1 HEAD_DIM (even, ≤ 256), 2 ROWS, 3 KEYS — the host's tile
// (KernelPlan::attentionPrefillTile) keeps the shared memory,
// 4 · (ROWS · HEAD_DIM + 2 · KEYS · (HEAD_DIM / 2 + 1) + ROWS · KEYS) bytes,
// within 32 KiB.
layout(local_size_x = 128, local_size_x_id = 0) in;
layout(constant_id = 1) const uint HEAD_DIM = 128;
layout(constant_id = 2) const uint ROWS = 16;
layout(constant_id = 3) const uint KEYS = 32;

layout(push_constant) uniform AttentionPrefillParams {
    uint nHead;
    uint nHeadKv;
    float scale;
} pc;

layout(binding = 0) readonly buffer Q { float q[]; };
layout(binding = 1) readonly buffer KCache { uint kCache[]; };
layout(binding = 2) readonly buffer VCache { uint vCache[]; };
layout(binding = 3) writeonly buffer Out { float outData[]; };
layout(binding = 4) readonly buffer Step { uint step[]; }; // [0] pos0, [1] nTokens

#include "common.glsl"

const uint WG = gl_WorkGroupSize.x;
const uint PAIRS = HEAD_DIM / 2u;
// K and V rows padded by one word: in the score step consecutive threads
// read the same word of consecutive keys, which then fall in different
// shared-memory banks.
const uint KV_STRIDE = PAIRS + 1u;
const uint TPR = WG / ROWS;                          // threads per row in step 3
const uint PAIRS_PER_THREAD = (PAIRS + TPR - 1u) / TPR;

shared float qRows[ROWS * HEAD_DIM]; // q · scale of the workgroup's rows
shared uint kTile[KEYS * KV_STRIDE];
shared uint vTile[KEYS * KV_STRIDE];
shared float scores[ROWS * KEYS];

void main()
{
    const uint lane = gl_LocalInvocationID.x;
    const uint kvHead = gl_WorkGroupID.y;
    const uint group = pc.nHead / pc.nHeadKv;
    const uint pos0 = step[0], liveRows = step[1] * group;
    const uint row0 = gl_WorkGroupID.x * ROWS;
    if (row0 >= liveRows)
        return; // uniform: no live row (tokens beyond step[1])
    const uint rows = min(ROWS, liveRows - row0);
    const uint nKeys = pos0 + (row0 + rows - 1u) / group + 1u; // through the last live token

    for (uint i = lane; i < ROWS * HEAD_DIM; i += WG) {
        const uint r = i / HEAD_DIM, d = i % HEAD_DIM;
        float v = 0.0;
        if (r < rows) {
            const uint R = row0 + r, t = R / group, h = kvHead * group + R % group;
            v = q[(t * pc.nHead + h) * HEAD_DIM + d] * pc.scale;
        }
        qRows[i] = v;
    }

    // Step 3's role: row myRow, output pairs sub + TPR·c.
    const uint myRow = lane / TPR, sub = lane % TPR;
    const bool myRowLive = myRow < rows;
    const uint myLastKey = pos0 + (row0 + myRow) / group; // causal: keys 0 .. p
    float m = NEG_SENTINEL, l = 0.0;
    vec2 o[PAIRS_PER_THREAD];
    [[unroll]] for (uint c = 0u; c < PAIRS_PER_THREAD; ++c)
        o[c] = vec2(0.0);

    const uint posStride = pc.nHeadKv * PAIRS, headBase = kvHead * PAIRS; // in uints
    for (uint tile = 0u; tile < nKeys; tile += KEYS) {
        const uint n = min(KEYS, nKeys - tile);
        barrier(); // q is stored; every thread is done with the previous tile
        for (uint i = lane; i < KEYS * PAIRS; i += WG) {
            const uint j = i / PAIRS, c = i % PAIRS;
            uint kw = 0u, vw = 0u;
            if (j < n) {
                const uint a = (tile + j) * posStride + headBase + c;
                kw = kCache[a];
                vw = vCache[a];
            }
            kTile[j * KV_STRIDE + c] = kw;
            vTile[j * KV_STRIDE + c] = vw;
        }
        barrier();

        for (uint i = lane; i < ROWS * KEYS; i += WG) {
            const uint r = i / KEYS, j = i % KEYS;
            float s = NEG_SENTINEL;
            if (r < rows && j < n && tile + j <= pos0 + (row0 + r) / group) {
                s = 0.0;
                const uint qBase = r * HEAD_DIM, kBase = j * KV_STRIDE;
                for (uint c = 0u; c < PAIRS; ++c) {
                    const vec2 k = unpackHalf2x16(kTile[kBase + c]);
                    s += qRows[qBase + 2u * c] * k.x + qRows[qBase + 2u * c + 1u] * k.y;
                }
            }
            scores[i] = s;
        }
        barrier();

        // Keys of this tile that myRow sees: [tile, min(tile + n, p + 1)).
        const uint seen = !myRowLive || myLastKey < tile ? 0u : min(n, myLastKey + 1u - tile);
        const uint sBase = myRow * KEYS;
        float mNew = m;
        for (uint j = 0u; j < seen; ++j)
            mNew = max(mNew, scores[sBase + j]);
        const float alpha = exp(m - mNew); // 0 on the first tile (m = NEG_SENTINEL); 1 when nothing is seen
        l *= alpha;
        [[unroll]] for (uint c = 0u; c < PAIRS_PER_THREAD; ++c)
            o[c] *= alpha;
        for (uint j = 0u; j < seen; ++j) {
            const float pj = exp(scores[sBase + j] - mNew);
            l += pj;
            const uint vBase = j * KV_STRIDE + sub;
            [[unroll]] for (uint c = 0u; c < PAIRS_PER_THREAD; ++c)
                if (sub + TPR * c < PAIRS)
                    o[c] += pj * unpackHalf2x16(vTile[vBase + TPR * c]);
        }
        m = mNew;
    }

    if (!myRowLive)
        return;
    const uint R = row0 + myRow, t = R / group, h = kvHead * group + R % group;
    const uint outBase = (t * pc.nHead + h) * HEAD_DIM;
    const float inv = 1.0 / l; // l ≥ 1: the row's max key weighs e^0
    [[unroll]] for (uint c = 0u; c < PAIRS_PER_THREAD; ++c) {
        const uint pair = sub + TPR * c;
        if (pair < PAIRS) {
            outData[outBase + 2u * pair] = o[c].x * inv;
            outData[outBase + 2u * pair + 1u] = o[c].y * inv;
        }
    }
}
