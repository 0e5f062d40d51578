#include "backend/vulkan/kernel_plan.h"

#include "backend/vulkan/context.h"

#include <algorithm>

namespace vela::backend::vulkan {

std::optional<KernelPlan::PrefillTile> KernelPlan::attentionPrefillTile(uint32_t headDim, uint32_t sharedBytes)
{
    PrefillTile tile;
    const uint32_t limit = std::min(sharedBytes, kPortableSharedBytes);
    while (tile.keys > 8 && attentionPrefillSharedBytes(headDim, tile) > limit)
        tile.keys /= 2;
    if (attentionPrefillSharedBytes(headDim, tile) > limit)
        return std::nullopt; // the device has less shared memory than the smallest tile needs
    return tile;
}

uint32_t KernelPlan::attentionPrefillSharedBytes(uint32_t headDim, PrefillTile tile)
{
    return 4 * (tile.rows * headDim + 2 * tile.keys * (headDim / 2 + 1) + tile.rows * tile.keys);
}

KernelPlan KernelPlan::forDevice(const DeviceInfo& device)
{
    KernelPlan p;
    const DeviceLimits& l = device.limits;
    p.texelBuffers = l.minTexelBufferOffsetAlignment <= 16;
    p.maxTexelBufferElements = l.maxTexelBufferElements;
    p.sharedMemoryBytes = l.maxComputeSharedMemorySize;
    p.maxWorkgroupInvocations = std::min(l.maxComputeWorkGroupInvocations, l.maxComputeWorkGroupSize[0]);
    auto wg = [&](const char* kernel) { return workgroupFor(kernelShape(kernel), l); };
    p.workgroups = {wg("embedding"),  wg("matmul"),          wg("matmul_subgroup"), wg("matmul_texel"),
                    wg("rms_norm"),   wg("qk_norm_rope"),    wg("attention"),       wg("attention_texel"),
                    wg("attention_merge"), wg("swiglu"),     wg("round_q8"),        wg("top_k")};
    p.subgroupArithmetic = device.subgroupArithmetic;
    p.integerDotProduct = device.integerDotProduct;
    if (device.subgroupArithmetic)
        p.matmul = kernels::MatmulLayout::Subgroup;
    constexpr uint32_t kAmdVendor = 0x1002, kWave64 = 64;
    if (device.vendorId == kAmdVendor && device.subgroupSizeControl && device.minSubgroupSize <= kWave64 &&
        kWave64 <= device.maxSubgroupSize)
        p.matmulSubgroupSize = kWave64;
    if (device.isCpu()) {
        p.deviceClass = DeviceClass::Cpu;
        p.matmul = kernels::MatmulLayout::Texel;
        p.attention = kernels::AttentionLayout::Texel;
        p.prefillAttention = kernels::AttentionLayout::Texel;
        p.topKOnHost = true;
        p.foldNorms = false;
        p.decodeSplits = 2;
        p.tile = MatmulTile{32, 32, 4, 4};
        p.tiledMinTokens = 0;
    }
    // A device whose shared memory or workgroups are below what the tile
    // needs (Vulkan only guarantees 16 KiB and 128 invocations; the GPU tile
    // takes 25 KiB with GLU and 256 threads) gets the small tile, or no GEMM
    // when even that does not fit (kernels::matmul refuses such a tile).
    auto fits = [&](const MatmulTile& t) {
        return t.sharedBytes(true) <= p.sharedMemoryBytes && t.workgroup() <= p.maxWorkgroupInvocations;
    };
    if (!fits(p.tile))
        p.tile = MatmulTile{32, 32, 4, 4};
    if (!fits(p.tile))
        p.tiledMinTokens = 0;
    return p;
}

uint32_t KernelPlan::decodeSplitsFor(uint32_t nCtx) const
{
    const uint32_t wanted = (std::max(nCtx, 1u) + kKeysPerDecodeSplit - 1) / kKeysPerDecodeSplit;
    return std::clamp(wanted, 1u, std::clamp(decodeSplits, 1u, kMaxDecodeSplits));
}

} // namespace vela::backend::vulkan
