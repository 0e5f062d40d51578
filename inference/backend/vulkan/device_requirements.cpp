#include "backend/vulkan/device_requirements.h"

#include "common/error.h"
#include "embedded_spirv.h"

#include <vulkan/vulkan.h>

#include <algorithm>
#include <cstring>

namespace vela::backend::vulkan {

namespace {

using namespace vela::shaders;

// Shared memory, from each shader's `shared` declarations (4-byte floats and
// uints): embedding chunk[32]; matmul partial[2 · MATMUL_ROWS · MATMUL_TOKENS
// · WG] + normScale[MATMUL_TOKENS]; matmul_subgroup subgroupSums[2 ·
// SUBGROUP_ROWS · 64] and, in the same module, split-k's partials; rms_norm / qk_norm_rope reduceScratch[WG] (reduce.glsl),
// qk_norm_rope also rotated[256]; attention qScaled[256] + scores[WG] +
// probs[WG]; top_k bestValue[WG] + bestId[WG]. The texel variants keep
// matmul.comp's norm scales at most.
constexpr KernelShape kShapes[] = {
    {"embedding", kWorkgroupEmbedding, false, 0, 4 * 32, 0},
    {"matmul", kWorkgroupMatmul, false, 0, 4 * kMatmulTokens, 4 * 2 * kMatmulRows * kMatmulTokens},
    {"matmul_subgroup", kWorkgroupMatmulSubgroup, false, 64, 4 * 2 * kMatmulSubgroupRows * 64,
     4 * 2 * kMatmulRows * kMatmulTokens, false},
    {"matmul_texel", kWorkgroupMatmul, false, 0, 4 * kMatmulTokens, 0},
    {"rms_norm", kWorkgroupRmsNorm, false, 0, 0, 4},
    {"qk_norm_rope", kWorkgroupQkNormRope, false, 0, 4 * 256, 4},
    // The workgroup is also the key tile and must be ≥ headDim / 2 (≤ 256).
    {"attention", kWorkgroupAttention, true, 0, 4 * 256, 8},
    // One query head per invocation, eight heads per workgroup (kernels.cpp).
    {"attention_texel", 8, true, 0, 0, 0},
    {"attention_merge", kWorkgroupAttentionMerge, false, 0, 0, 0},
    {"swiglu", kWorkgroupElementwise, false, 0, 0, 0},
    {"round_q8", 64, false, 0, 0, 0},
    {"top_k", kWorkgroupTopK, false, 0, 0, 8},
};

uint64_t sharedBytes(const KernelShape& s, uint32_t wg) { return s.sharedFixed + uint64_t(s.sharedPerInvocation) * wg; }

std::string version(uint32_t v)
{
    return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v));
}

} // namespace

std::span<const KernelShape> kernelShapes() { return kShapes; }

const KernelShape& kernelShape(const char* name)
{
    for (const KernelShape& s : kShapes)
        if (std::strcmp(s.name, name) == 0)
            return s;
    throw RuntimeFailure(std::string("no kernel shape named ") + name);
}

std::string unusableReason(const DeviceLimits& l)
{
    if (l.apiVersion < VK_API_VERSION_1_2)
        return "Vulkan " + version(l.apiVersion) + " is older than the 1.2 Vela's kernels need (update the GPU driver)";
    if (!l.computeQueue)
        return "no compute queue";
    for (int d = 0; d < 3; ++d)
        if (l.maxComputeWorkGroupCount[d] < 65535)
            return "maxComputeWorkGroupCount[" + std::to_string(d) + "] " + std::to_string(l.maxComputeWorkGroupCount[d]) +
                   " is below the 65535 the kernels need";
    if (l.maxStorageBufferRange < (uint64_t(1) << 27))
        return "maxStorageBufferRange " + std::to_string(l.maxStorageBufferRange) +
               " bytes is below the 134217728 the kernels need";
    for (const KernelShape& s : kShapes) {
        if (!s.required)
            continue;
        const uint32_t wg = s.fixed ? s.workgroup : 1;
        if (wg > l.maxComputeWorkGroupSize[0] || wg > l.maxComputeWorkGroupInvocations)
            return "kernel " + std::string(s.name) + " needs a workgroup of " + std::to_string(wg) +
                   " invocations, the device allows " +
                   std::to_string(std::min(l.maxComputeWorkGroupSize[0], l.maxComputeWorkGroupInvocations));
        if (sharedBytes(s, wg) > l.maxComputeSharedMemorySize)
            return "kernel " + std::string(s.name) + " needs " + std::to_string(sharedBytes(s, wg)) +
                   " bytes of shared memory, the device has " + std::to_string(l.maxComputeSharedMemorySize);
    }
    return {};
}

uint32_t workgroupFor(const KernelShape& s, const DeviceLimits& l)
{
    if (s.fixed)
        return s.workgroup;
    uint32_t wg = std::min({s.workgroup, l.maxComputeWorkGroupSize[0], l.maxComputeWorkGroupInvocations});
    if (s.maxWorkgroup)
        wg = std::min(wg, s.maxWorkgroup);
    if (s.sharedPerInvocation && sharedBytes(s, wg) > l.maxComputeSharedMemorySize)
        wg = l.maxComputeSharedMemorySize > s.sharedFixed
                 ? uint32_t((l.maxComputeSharedMemorySize - s.sharedFixed) / s.sharedPerInvocation)
                 : 0;
    return std::max(wg, 1u);
}

} // namespace vela::backend::vulkan
