#include "backend/vulkan/kernels.h"

#include "common/error.h"
#include "embedded_spirv.h"

#include <algorithm>

namespace vela::backend::vulkan {

namespace {

// Tiles, from the shaders' own header so host and shaders cannot disagree.
// Workgroup sizes (specialization constant 0) are the plan's
// (KernelPlan::workgroups: embedded_spirv.h's within the device's limits).
constexpr uint32_t kMatmulRows = shaders::kMatmulRows;
constexpr uint32_t kMatmulTokens = shaders::kMatmulTokens;
constexpr uint32_t kPrefillWg = shaders::kWorkgroupAttentionPrefill;
constexpr uint32_t kMatmulSubgroupWg = shaders::kWorkgroupMatmulSubgroup;
// Vulkan guarantees 65535 workgroups per dimension; the kernels loop past it.
constexpr uint32_t kMaxGroups = 65535;

uint32_t ceilDiv(uint64_t a, uint32_t b) { return uint32_t((a + b - 1) / b); }

BufferSlice orFallback(const BufferSlice* s, const BufferSlice& fallback) { return s && s->buffer ? *s : fallback; }

} // namespace

std::string typeSuffix(gguf::TensorType type)
{
    std::string s = gguf::typeName(type);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool roundsActivations(gguf::TensorType t)
{
    using T = gguf::TensorType;
    return t == T::Q4_0 || t == T::Q4_1 || t == T::Q5_0 || t == T::Q5_1 || t == T::Q8_0;
}

namespace kernels {

void embedding(CommandRecorder& r, const DeviceMatrix& table, const BufferSlice& step, const BufferSlice& out,
               uint32_t nTokens)
{
    const std::string name = "embedding_" + typeSuffix(table.type);
    const uint32_t wg = r.context().plan().workgroups.embedding;
    for (const DeviceMatrix::Part& part : table.parts) {
        EmbeddingParams p{table.k, part.rowStart, part.rowCount, table.rowBytes};
        r.dispatch(name.c_str(), {part.slice, step, out}, p, wg, ceilDiv(table.k, 32), nTokens);
    }
}

void rmsNorm(CommandRecorder& r, const BufferSlice& x, const BufferSlice& w, const BufferSlice& y, uint32_t width,
             float eps, uint32_t nTokens, bool roundQ8)
{
    if (roundQ8 && width % 32 != 0)
        throw InvalidInput("rms_norm_q8: width " + std::to_string(width) + " is not a multiple of 32");
    RmsNormParams p{width, eps};
    r.dispatch(roundQ8 ? "rms_norm_q8" : "rms_norm", {x, w, y}, p, r.context().plan().workgroups.rmsNorm, nTokens);
}

void rmsScale(CommandRecorder& r, const BufferSlice& x, const BufferSlice& scales, uint32_t width, float eps,
              uint32_t nTokens)
{
    RmsNormParams p{width, eps};
    r.dispatch("rms_scale", {x, x, scales}, p, r.context().plan().workgroups.rmsNorm, nTokens);
}

MatmulLayout matmul(CommandRecorder& r, const DeviceMatrix& w, const BufferSlice& x, const BufferSlice& y,
                    const BufferSlice* bias, uint32_t nTokens, bool accumulate, const MatmulFusion& fusion)
{
    const KernelPlan& plan = r.context().plan();
    const MatmulLayout asked = fusion.layout == MatmulLayout::Auto ? plan.matmulFor(nTokens) : fusion.layout;
    // The texel and subgroup variants read x and normW as vec4s bound at
    // 16-byte aligned offsets (texel buffers: the device may need less;
    // lavapipe asks for 16).
    const bool vec4Inputs = w.k % 4 == 0 && x.offset % 16 == 0 && (!fusion.norm || fusion.norm->offset % 16 == 0);
    // Every texel view within maxTexelBufferElements: W's R32 view of each
    // part, x's and the norm weights' RGBA32F views. A part is up to
    // min(maxStorageBufferRange, 1 GiB): a 151,936 × 4096 Q8_0 output matrix
    // in one part is 165 M words, past the 2^27 elements of many GPUs
    // (lavapipe splits it in 128 MiB parts; SwiftShader allows 65,536).
    bool texelViewsFit = plan.texelFits(x.size, 16) && (!fusion.norm || plan.texelFits(fusion.norm->size, 16));
    for (const DeviceMatrix::Part& part : w.parts)
        texelViewsFit = texelViewsFit && plan.texelFits(part.slice.size, 4);
    const bool texel = asked == MatmulLayout::Texel && vec4Inputs && plan.texelBuffers && texelViewsFit;
    const bool blockType = w.type != gguf::TensorType::F32 && w.type != gguf::TensorType::F16 &&
                           w.type != gguf::TensorType::BF16;
    const bool subgroup = asked == MatmulLayout::Subgroup && nTokens == 1 && blockType && vec4Inputs &&
                          plan.subgroupArithmetic;
    const std::string name =
        (texel ? "matmul_texel_" : subgroup ? "matmul_subgroup_" : "matmul_") + typeSuffix(w.type);
    if (fusion.glu && (w.parts.size() != 1 || w.rows % 2 != 0))
        throw InvalidInput("matmul: a fused gate/up matrix must be one part with an even row count");
    const bool norm = fusion.norm && fusion.norm->buffer;
    const bool rowPerThread = asked == MatmulLayout::RowPerThread || asked == MatmulLayout::Texel;
    const KernelPlan::Workgroups& wgs = plan.workgroups;
    const uint32_t matmulWg = texel ? wgs.matmulTexel : subgroup ? wgs.matmulSubgroup : wgs.matmul;
    const bool tiled = asked == MatmulLayout::Tiled || asked == MatmulLayout::TiledInt8;
    // The int8 variant has no folded norm (the host never folds one into these types).
    const bool tiledInt8 = tiled && plan.integerDotProduct && fusion.q8Input && roundsActivations(w.type) && !norm;
    const MatmulTile& tile = fusion.tile ? *fusion.tile : plan.tile;
    if (tiled) {
        if (tile.bm % tile.tm || tile.bn % tile.tn || tile.workgroup() < tile.bn)
            throw InvalidInput("matmul: a tile needs bm % tm == 0, bn % tn == 0 and (bm/tm)·(bn/tn) >= bn");
        if (tile.sharedBytes(fusion.glu) > plan.sharedMemoryBytes)
            throw InvalidInput("matmul: the tile needs " + std::to_string(tile.sharedBytes(fusion.glu)) +
                               " bytes of shared memory, above the device's maxComputeSharedMemorySize");
    }
    const MatmulLayout used = tiledInt8      ? MatmulLayout::TiledInt8
                              : tiled        ? MatmulLayout::Tiled
                              : texel        ? MatmulLayout::Texel
                              : subgroup     ? MatmulLayout::Subgroup
                              : rowPerThread ? MatmulLayout::RowPerThread
                                             : MatmulLayout::SplitK;
    for (const DeviceMatrix::Part& part : w.parts) {
        MatmulParams p{};
        p.k = w.k;
        p.rows = fusion.glu ? part.rowCount / 2 : part.rowCount;
        p.yOffset = part.rowStart;
        p.yStride = fusion.glu ? w.rows / 2 : w.rows;
        p.nTokens = nTokens;
        p.rowBytes = w.rowBytes;
        p.flags = (bias && bias->buffer ? kMatmulBias : 0u) | (accumulate ? kMatmulAccumulate : 0u) |
                  (norm ? kMatmulNorm : 0u) | (fusion.glu ? kMatmulGlu : 0u) | (rowPerThread ? kMatmulRowPerThread : 0u) |
                  (norm && !texel && fusion.normScale && fusion.normScale->buffer ? kMatmulNormScale : 0u);
        p.eps = fusion.eps;
        const uint32_t groups = ceilDiv(p.rows, rowPerThread ? matmulWg : kMatmulRows);
        if (tiled) {
            // matmul_tiled.comp: constants 1-5 are the tile and GLU_ROWS.
            r.dispatch(((tiledInt8 ? "matmul_tiled_int8_" : "matmul_tiled_") + typeSuffix(w.type)).c_str(),
                       Specialization{tile.bm, tile.bn, tile.tm, tile.tn, fusion.glu ? 2u : 1u},
                       {part.slice, x, y, orFallback(bias, y), orFallback(fusion.norm, x)}, p, tile.workgroup(),
                       std::min(kMaxGroups, ceilDiv(p.rows, tile.bm)), std::min(kMaxGroups, ceilDiv(nTokens, tile.bn)));
            continue;
        }
        if (texel) {
            // Specialization (matmul_texel.glsl): tokens per workgroup (1 for
            // decode: no token loop), GLU, NORM, and GROUPED: 8 chunks' bytes
            // fetched at once (Q8_0 rows of whole 16-byte units, Q4_K, Q6_K;
            // binding 5 is the RGBA32UI view those read).
            const uint32_t tokens = nTokens == 1 ? 1 : kMatmulTokens;
            // Grouped reads help decode only: with the token loop inside the
            // 8 unrolled chunks, prefill spills (measured 2-3x slower).
            const bool grouped = tokens == 1 && ((w.type == gguf::TensorType::Q8_0 && w.k % 256 == 0) ||
                                  w.type == gguf::TensorType::Q4_K || w.type == gguf::TensorType::Q6_K) &&
                                 part.slice.offset % 16 == 0;
            const uint32_t rowsPerInvocation =
                tokens == 1 ? shaders::kTexelDecodeRows / (fusion.glu ? 2 : 1)
                            : (fusion.glu ? shaders::kTexelPrefillGluRows : shaders::kTexelPrefillRows);
            const uint32_t texelGroups = ceilDiv(p.rows, matmulWg * rowsPerInvocation);
            r.dispatch(name.c_str(), Specialization{tokens, fusion.glu ? 1u : 0u, norm ? 1u : 0u, grouped ? 1u : 0u},
                       {Binding(part.slice, VK_FORMAT_R32_UINT), Binding(x, VK_FORMAT_R32G32B32A32_SFLOAT), y,
                        orFallback(bias, y), Binding(orFallback(fusion.norm, x), VK_FORMAT_R32G32B32A32_SFLOAT),
                        Binding(part.slice, VK_FORMAT_R32G32B32A32_UINT)},
                       p, matmulWg, std::min(kMaxGroups, texelGroups), ceilDiv(nTokens, tokens));
            continue;
        }
        if (subgroup) {
            // Whole subgroups only: the shape's 64 (two subgroups of 32, one
            // wave64) where the device's shared memory allows it (the module
            // also holds split-k's partials), else split-k's workgroup.
            const uint32_t wg = wgs.matmulSubgroup >= kMatmulSubgroupWg ? kMatmulSubgroupWg : wgs.matmul;
            r.dispatch(name.c_str(),
                       {part.slice, x, y, orFallback(bias, y), orFallback(fusion.norm, x), orFallback(fusion.normScale, x)},
                       p, wg, std::min(kMaxGroups, ceilDiv(p.rows, shaders::kMatmulSubgroupRows)), 1);
            continue;
        }
        r.dispatch(name.c_str(),
                   {part.slice, x, y, orFallback(bias, y), orFallback(fusion.norm, x), orFallback(fusion.normScale, x)},
                   p, matmulWg, std::min(kMaxGroups, groups), ceilDiv(nTokens, kMatmulTokens));
    }
    return used;
}

void qkNormRope(CommandRecorder& r, const BufferSlice& q, const BufferSlice& k, const BufferSlice& v,
                const BufferSlice* qNorm, const BufferSlice* kNorm, const BufferSlice& kCache,
                const BufferSlice& vCache, const BufferSlice& step, const QkNormRopeParams& p, uint32_t nTokens)
{
    r.dispatch("qk_norm_rope", {q, k, v, orFallback(qNorm, q), orFallback(kNorm, k), kCache, vCache, step}, p,
               r.context().plan().workgroups.qkNormRope, p.nHead + p.nHeadKv, nTokens);
}

uint64_t attentionPartialBytes(uint32_t nTokens, uint32_t nHead, uint32_t headDim, uint32_t nSplit)
{
    return uint64_t(nTokens) * nHead * nSplit * (headDim + 2) * 4;
}

AttentionLayout attention(CommandRecorder& r, const BufferSlice& q, const BufferSlice& kCache,
                          const BufferSlice& vCache, const BufferSlice& out, const BufferSlice& partial,
                          const BufferSlice& step, const AttentionParams& p, uint32_t nTokens, AttentionLayout layout)
{
    if (p.headDim > 256)
        throw InvalidInput("head dimension " + std::to_string(p.headDim) + " is above the Vulkan kernels' 256");
    const KernelPlan& plan = r.context().plan();
    const AttentionLayout asked =
        layout != AttentionLayout::Auto ? layout : nTokens > 1 ? plan.prefillAttention : plan.attention;
    // Prefill needs its fixed workgroup and a tile within the device's
    // shared memory; elsewhere the tiled kernel runs (any device has it).
    const std::optional<KernelPlan::PrefillTile> tile =
        asked == AttentionLayout::Prefill ? KernelPlan::attentionPrefillTile(p.headDim, plan.sharedMemoryBytes)
                                          : std::nullopt;
    if (tile && kPrefillWg <= plan.maxWorkgroupInvocations) {
        // Tiles of query rows (token-major over the GQA group) per KV head;
        // HEAD_DIM, ROWS and KEYS as specialization constants 1-3.
        static_assert(kPrefillWg % KernelPlan::PrefillTile{}.rows == 0);
        AttentionPrefillParams pp{p.nHead, p.nHeadKv, p.scale};
        r.dispatch("attention_prefill", Specialization{p.headDim, tile->rows, tile->keys},
                   {q, kCache, vCache, out, step}, pp, kPrefillWg,
                   ceilDiv(uint64_t(nTokens) * (p.nHead / p.nHeadKv), tile->rows), p.nHeadKv);
        return AttentionLayout::Prefill;
    }
    const bool texel = asked == AttentionLayout::Texel && p.headDim % 8 == 0 && q.offset % 16 == 0 &&
                       kCache.offset % 16 == 0 && vCache.offset % 16 == 0 && plan.texelBuffers &&
                       plan.texelFits(q.size, 16) && plan.texelFits(kCache.size, 16) && plan.texelFits(vCache.size, 16);
    const KernelPlan::Workgroups& wgs = plan.workgroups;
    if (texel) {
        // Eight query heads (one per invocation) per workgroup; HEAD_DIM
        // (constant 1) lets the shader keep q and o in registers.
        const uint32_t headsPerGroup = wgs.attentionTexel;
        r.dispatch("attention_texel", Specialization{p.headDim},
                   {Binding(q, VK_FORMAT_R32G32B32A32_SFLOAT), Binding(kCache, VK_FORMAT_R32G32B32A32_UINT),
                    Binding(vCache, VK_FORMAT_R32G32B32A32_UINT), out, partial, step},
                   p, headsPerGroup, ceilDiv(p.nHead, headsPerGroup), nTokens, p.nSplit);
    } else {
        r.dispatch("attention", {q, kCache, vCache, out, partial, step}, p, wgs.attention, p.nHead, nTokens, p.nSplit);
    }
    if (p.nSplit > 1) {
        r.barrier();
        AttentionMergeParams m{p.nHead, p.headDim, p.nSplit};
        r.dispatch("attention_merge", {partial, out}, m, wgs.attentionMerge, p.nHead, nTokens);
    }
    return texel ? AttentionLayout::Texel : AttentionLayout::Tiled;
}

void swiglu(CommandRecorder& r, const BufferSlice& gate, const BufferSlice& up, const BufferSlice& out, uint32_t n)
{
    SwigluParams p{n};
    const uint32_t wg = r.context().plan().workgroups.swiglu;
    r.dispatch("swiglu", {gate, up, out}, p, wg, std::min(kMaxGroups, ceilDiv(n, wg)));
}

void roundQ8(CommandRecorder& r, const BufferSlice& x, const BufferSlice& y, uint32_t n)
{
    RoundQ8Params p{n};
    const uint32_t wg = r.context().plan().workgroups.roundQ8;
    r.dispatch("round_q8", {x, y}, p, wg, std::min(kMaxGroups, ceilDiv(n / 32, wg)));
}

namespace {
// Candidates written by each level of top_k_sort: level 0 reads the n logits,
// level i + 1 the pairs of level i, until one workgroup writes the result
// (which is not counted here).
std::vector<uint32_t> sortLevels(uint32_t n, uint32_t k)
{
    std::vector<uint32_t> groups;
    for (uint32_t items = n;;) {
        const uint32_t g = ceilDiv(items, shaders::kTopKSortSlice);
        if (g <= 1)
            return groups;
        groups.push_back(g);
        items = g * k;
    }
}
// Bytes of a level's region in the scratch buffer: each starts at a bindable offset.
VkDeviceSize levelBytes(uint32_t groups, uint32_t k)
{
    const VkDeviceSize a = SlicePlanner::kAlignment;
    return (VkDeviceSize(groups) * k * 8 + a - 1) / a * a;
}
} // namespace

uint64_t topKScratchBytes(uint32_t n, uint32_t k)
{
    uint64_t sortBytes = 0;
    for (uint32_t g : sortLevels(n, k))
        sortBytes += levelBytes(g, k);
    return std::max(uint64_t(ceilDiv(n, kTopKSlice)) * k * 8, sortBytes);
}

void topK(CommandRecorder& r, const BufferSlice& logits, const BufferSlice& scratch, const BufferSlice& result,
          uint32_t n, uint32_t k)
{
    if (k == 0 || k > kTopKMax)
        throw InvalidInput("top_k: k = " + std::to_string(k) + " is outside 1.." + std::to_string(kTopKMax));
    const uint32_t wg = r.context().plan().workgroups.topK;
    if (k < kTopKSortMinK) {
        // k rounds per workgroup, then one workgroup over the winners.
        const uint32_t groups = ceilDiv(n, kTopKSlice);
        TopKParams p{n, k, kTopKSlice};
        r.dispatch("top_k", {logits, scratch}, p, wg, groups);
        r.barrier();
        TopKParams m{groups * k, k, 0};
        r.dispatch("top_k_merge", {scratch, result}, m, wg, 1);
        return;
    }
    // A merge tree of sorted slices: each level's k best per workgroup go to
    // the next region of the scratch buffer, the last level to `result`.
    const std::vector<uint32_t> levels = sortLevels(n, k);
    BufferSlice in = logits;
    uint32_t items = n;
    VkDeviceSize at = 0;
    for (size_t level = 0; level <= levels.size(); ++level) {
        const bool last = level == levels.size();
        const uint32_t groups = last ? 1u : levels[level];
        const VkDeviceSize bytes = VkDeviceSize(groups) * k * 8;
        const BufferSlice out = last ? result : subslice(scratch, at, bytes);
        TopKParams p{items, k, shaders::kTopKSortSlice};
        r.dispatch(level == 0 ? "top_k_sort" : "top_k_sort_merge", {in, out}, p, wg, groups);
        if (!last)
            r.barrier();
        in = out;
        items = groups * k;
        at += levelBytes(groups, k);
    }
}

} // namespace kernels
} // namespace vela::backend::vulkan
