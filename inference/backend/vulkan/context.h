// Context: the Vulkan instance, the chosen physical device, its logical
// device, one compute queue and a command pool. Shared by every model loaded
// on that device.
//
// Device choice: by default discrete GPU > integrated GPU > virtual GPU >
// CPU (lavapipe), the first of each kind in enumeration order; an explicit
// index overrides. Setting VELA_VULKAN_VALIDATION=1 enables the Khronos
// validation layer when installed; its errors are printed and counted
// (validationErrors()) so tests can fail on them.
#pragma once

#include "backend/vulkan/fault_injection.h"
#include "backend/vulkan/kernel_plan.h"

#include <vulkan/vulkan.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vela::backend::vulkan {

struct MemoryHeapInfo {
    uint64_t size = 0;
    uint64_t budget = 0; // VK_EXT_memory_budget; 0 when unknown
    uint64_t usage = 0;
    bool deviceLocal = false;
};

struct DeviceInfo {
    uint32_t index = 0;
    std::string name;
    std::string type; // "discrete", "integrated", "virtual", "cpu", "other"
    // A CPU device (lavapipe, SwiftShader): KernelPlan::forDevice gives it
    // its own kernels.
    bool isCpu() const { return type == "cpu"; }
    std::string driver;
    std::string apiVersion;
    std::vector<MemoryHeapInfo> heaps;
    uint32_t subgroupSize = 0;
    bool storage16Bit = false;      // storageBuffer16BitAccess
    bool float16Arithmetic = false; // shaderFloat16
    bool integerDotProduct = false; // VK_KHR_shader_integer_dot_product
    bool subgroupArithmetic = false;
    uint32_t vendorId = 0; // VkPhysicalDeviceProperties::vendorID (PCI vendor: 0x1002 AMD, 0x10DE NVIDIA)
    // VK_EXT_subgroup_size_control with compute in requiredSubgroupSizeStages:
    // a pipeline may ask for any power of two in [min, max]SubgroupSize.
    bool subgroupSizeControl = false;
    uint32_t minSubgroupSize = 0, maxSubgroupSize = 0;
    uint64_t maxStorageBufferRange = 0;
    uint64_t deviceLocalBytes() const;
    uint64_t budgetBytes() const; // sum of device-local budgets (or sizes when no budget)
};

// Lists the Vulkan devices (empty when there is no loader or driver).
std::vector<DeviceInfo> listDevices();
// Index of the default device in `devices` (see the file comment).
uint32_t chooseDefaultDevice(const std::vector<DeviceInfo>& devices);

class Context {
public:
    // Throws vela::RuntimeFailure when Vulkan is unavailable and
    // vela::InvalidInput for a device index that does not exist.
    static std::shared_ptr<Context> create(std::optional<uint32_t> deviceIndex = std::nullopt);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    VkInstance instance() const { return instance_; }
    VkPhysicalDevice physicalDevice() const { return physical_; }
    VkDevice device() const { return device_; }
    VkQueue queue() const { return queue_; }
    uint32_t queueFamily() const { return queueFamily_; }
    VkCommandPool commandPool() const { return commandPool_; }
    const DeviceInfo& info() const { return info_; }
    const VkPhysicalDeviceLimits& limits() const { return limits_; }
    const VkPhysicalDeviceMemoryProperties& memoryProperties() const { return memory_; }
    // The kernels this device runs, decided once at creation.
    const KernelPlan& plan() const { return plan_; }
    VkPipelineCache pipelineCache() const { return pipelineCache_; }

    uint32_t validationErrors() const { return validationErrors_.load(); }
    void countValidationError() { ++validationErrors_; }

    // Submits one command buffer and waits for it (VK_ERROR_DEVICE_LOST →
    // vela::DeviceLost, and every later submission throws it too).
    void submitAndWait(VkCommandBuffer cmd);

    // Device loss: true after a submission reported VK_ERROR_DEVICE_LOST.
    // The owner recovers by destroying everything on this context and
    // creating a new one. simulateDeviceLoss() makes the next submissions
    // fail as a lost device does (tests; the fault-injection switch).
    bool lost() const { return lost_.load(); }
    void simulateDeviceLoss() { lost_.store(true); }

    // Device-local bytes that allocators may hold together (0: no limit but
    // the device's own), e.g. to leave room for other programs.
    void setMemoryLimit(uint64_t bytes) { memoryLimit_.store(bytes); }
    uint64_t memoryLimit() const { return memoryLimit_.load(); }
    // Accounts an allocation of device-local memory; throws
    // vela::OutOfDeviceMemory naming `what` when it would pass the limit.
    void reserveDeviceMemory(uint64_t bytes, const std::string& what);
    void releaseDeviceMemory(uint64_t bytes) { deviceBytes_.fetch_sub(bytes); }

    // Whether pipeline creation reports cache hits (VK_EXT_pipeline_creation_feedback).
    bool creationFeedback() const { return creationFeedback_; }
    // VK_EXT_subgroup_size_control's feature was enabled (the plan asks for
    // a subgroup size and the device supports it).
    bool subgroupSizeControl() const { return subgroupSizeControl_; }

private:
    Context() = default;
    void savePipelineCache();

    VkInstance instance_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    uint32_t queueFamily_ = 0;
    VkCommandPool commandPool_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
    VkPipelineCache pipelineCache_ = VK_NULL_HANDLE;
    std::string pipelineCachePath_;
    DeviceInfo info_;
    VkPhysicalDeviceLimits limits_{};
    VkPhysicalDeviceMemoryProperties memory_{};
    KernelPlan plan_;
    std::atomic<uint32_t> validationErrors_{0};
    std::atomic<bool> lost_{false};
    std::atomic<uint64_t> memoryLimit_{0}, deviceBytes_{0};
    FaultPlan faults_;
    std::atomic<uint32_t> allocations_{0}, submissions_{0};
    bool creationFeedback_ = false;
    bool subgroupSizeControl_ = false;
};

} // namespace vela::backend::vulkan
