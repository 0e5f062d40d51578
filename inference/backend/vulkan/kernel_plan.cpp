#include "backend/vulkan/kernel_plan.h"

#include "backend/vulkan/context.h"

namespace vela::backend::vulkan {

KernelPlan KernelPlan::forDevice(const DeviceInfo& device)
{
    KernelPlan p;
    const DeviceLimits& l = device.limits;
    p.texelBuffers = l.minTexelBufferOffsetAlignment <= 16;
    p.maxTexelBufferElements = l.maxTexelBufferElements;
    auto wg = [&](const char* kernel) { return workgroupFor(kernelShape(kernel), l); };
    p.workgroups = {wg("embedding"),  wg("matmul"),          wg("matmul_subgroup"), wg("matmul_texel"),
                    wg("rms_norm"),   wg("qk_norm_rope"),    wg("attention"),       wg("attention_texel"),
                    wg("attention_merge"), wg("swiglu"),     wg("round_q8"),        wg("top_k")};
    p.subgroupArithmetic = device.subgroupArithmetic;
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

} // namespace vela::backend::vulkan
