// What a Vulkan device must offer to run Vela's kernels, and the workgroup
// sizes each kernel gets within a device's limits: pure functions over
// DeviceLimits (recorded once per device by listDevices / Context::create,
// tested with synthetic limits in tst_vulkan_device_rules.cpp).
//
// The rule (unusableReason): Vulkan 1.2 or newer (the shaders are SPIR-V 1.5,
// glslangValidator --target-env vulkan1.2, and the instance asks for 1.2), a
// compute queue, the spec's minimum 65535 workgroups per grid dimension (the
// kernels loop past that, never beyond), maxStorageBufferRange of at least
// the spec's 2^27 bytes (weight matrices are split to fit it, other
// bindings are not), and for every kernel with a fixed workgroup size (the
// table in kernelShapes(); shaders/README.md's kernel table) that size in
// maxComputeWorkGroupSize[0] and maxComputeWorkGroupInvocations and its
// shared memory in maxComputeSharedMemorySize. Kernels whose workgroup is
// "any" are clamped instead (workgroupFor) and never make a device unusable
// unless even one invocation's shared memory does not fit.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace vela::backend::vulkan {

// The VkPhysicalDeviceLimits (and version, queue) the backend reads.
struct DeviceLimits {
    uint32_t apiVersion = 0; // VK_MAKE_API_VERSION of the device
    bool computeQueue = false;
    uint32_t maxComputeSharedMemorySize = 0;
    uint32_t maxComputeWorkGroupInvocations = 0;
    std::array<uint32_t, 3> maxComputeWorkGroupSize{};
    std::array<uint32_t, 3> maxComputeWorkGroupCount{};
    uint64_t maxStorageBufferRange = 0;
    uint64_t maxTexelBufferElements = 0; // elements of one texel buffer view
    uint64_t minTexelBufferOffsetAlignment = 0;
    uint64_t nonCoherentAtomSize = 0;
};

// One kernel's workgroup and shared memory, from its shader's declarations:
// shared bytes = sharedFixed + sharedPerInvocation · workgroup.
struct KernelShape {
    const char* name;
    uint32_t workgroup;    // what the host dispatches (embedded_spirv.h)
    bool fixed;            // true: the kernel needs exactly this size; false: "any", clamped
    uint32_t maxWorkgroup; // an upper bound of "any" (0: none)
    uint32_t sharedFixed;
    uint32_t sharedPerInvocation;
    // false: an optional layout (matmul_subgroup) that is not a reason to
    // refuse the device.
    bool required = true;
};
std::span<const KernelShape> kernelShapes();
// The shape named `name` (a kernel of kernelShapes(); throws otherwise).
const KernelShape& kernelShape(const char* name);

// Empty when the device can run Vela, else why not ("Vulkan 1.1 is older
// than the 1.2 the kernels need").
std::string unusableReason(const DeviceLimits& limits);

// The workgroup size `shape` runs with on a device with `limits`: a fixed
// one as it is, an "any" one its default clamped to maxComputeWorkGroupSize[0],
// maxComputeWorkGroupInvocations, its own maximum and the largest size whose
// shared memory fits maxComputeSharedMemorySize (never below 1).
uint32_t workgroupFor(const KernelShape& shape, const DeviceLimits& limits);

} // namespace vela::backend::vulkan
