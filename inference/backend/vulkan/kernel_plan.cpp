#include "backend/vulkan/kernel_plan.h"

#include "backend/vulkan/context.h"

#include <algorithm>

namespace vela::backend::vulkan {

KernelPlan KernelPlan::forDevice(const DeviceInfo& device, uint64_t minTexelBufferOffsetAlignment)
{
    KernelPlan p;
    p.texelBuffers = minTexelBufferOffsetAlignment <= 16;
    p.subgroupArithmetic = device.subgroupArithmetic;
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
        p.topKOnHost = true;
        p.foldNorms = false;
        p.decodeSplits = 2;
    }
    return p;
}

uint32_t KernelPlan::decodeSplitsFor(uint32_t nCtx) const
{
    const uint32_t wanted = (std::max(nCtx, 1u) + kKeysPerDecodeSplit - 1) / kKeysPerDecodeSplit;
    return std::clamp(wanted, 1u, std::clamp(decodeSplits, 1u, kMaxDecodeSplits));
}

} // namespace vela::backend::vulkan
