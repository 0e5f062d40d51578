#include "backend/vulkan/kernel_plan.h"

#include "backend/vulkan/context.h"

namespace vela::backend::vulkan {

KernelPlan::PrefillTile KernelPlan::attentionPrefillTile(uint32_t headDim)
{
    PrefillTile tile;
    while (tile.keys > 8 && attentionPrefillSharedBytes(headDim, tile) > kAttentionPrefillSharedBytes)
        tile.keys /= 2;
    return tile;
}

uint32_t KernelPlan::attentionPrefillSharedBytes(uint32_t headDim, PrefillTile tile)
{
    return 4 * (tile.rows * headDim + 2 * tile.keys * (headDim / 2 + 1) + tile.rows * tile.keys);
}

KernelPlan KernelPlan::forDevice(const DeviceInfo& device, uint64_t minTexelBufferOffsetAlignment)
{
    KernelPlan p;
    p.texelBuffers = minTexelBufferOffsetAlignment <= 16;
    p.subgroupArithmetic = device.subgroupArithmetic;
    if (device.isCpu()) {
        p.deviceClass = DeviceClass::Cpu;
        p.matmul = kernels::MatmulLayout::Texel;
        p.attention = kernels::AttentionLayout::Texel;
        p.prefillAttention = kernels::AttentionLayout::Texel;
        p.topKOnHost = true;
        p.foldNorms = false;
        p.decodeSplits = 2;
    }
    return p;
}

} // namespace vela::backend::vulkan
