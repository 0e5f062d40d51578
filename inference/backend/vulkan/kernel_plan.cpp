#include "backend/vulkan/kernel_plan.h"

#include "backend/vulkan/context.h"

namespace vela::backend::vulkan {

KernelPlan KernelPlan::forDevice(const DeviceInfo& device, uint64_t minTexelBufferOffsetAlignment)
{
    KernelPlan p;
    p.texelBuffers = minTexelBufferOffsetAlignment <= 16;
    p.subgroupArithmetic = device.subgroupArithmetic;
    p.integerDotProduct = device.integerDotProduct;
    if (device.isCpu()) {
        p.deviceClass = DeviceClass::Cpu;
        p.matmul = kernels::MatmulLayout::Texel;
        p.attention = kernels::AttentionLayout::Texel;
        p.topKOnHost = true;
        p.foldNorms = false;
        p.decodeSplits = 2;
        p.tile = MatmulTile{32, 32, 4, 4};
        p.tiledMinTokens = 0;
    }
    return p;
}

} // namespace vela::backend::vulkan
