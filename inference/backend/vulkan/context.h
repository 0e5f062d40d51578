// Context: the Vulkan instance, the chosen physical device, its logical
// device, one compute queue and a command pool. Shared by every model loaded
// on that device.
//
// Device choice: by default the usable devices only (DeviceInfo::usable(),
// the rule in device_requirements.h), discrete GPU > integrated GPU >
// virtual GPU > CPU (lavapipe), the first of each kind in enumeration order;
// an explicit index overrides, and fails naming the reason when that device
// is unusable. Setting VELA_VULKAN_VALIDATION=1 enables the Khronos
// validation layer when installed; its errors are printed and counted
// (validationErrors()) so tests can fail on them.
#pragma once

#include "backend/vulkan/device_requirements.h"
#include "backend/vulkan/fault_injection.h"
#include "backend/vulkan/kernel_plan.h"

#include <vulkan/vulkan.h>

#include <array>
#include <atomic>
#include <chrono>
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
    bool hostVisible = false; // the heap has a host-visible memory type
    // What this process may allocate in the heap: the budget, else the size.
    uint64_t available() const { return budget ? budget : size; }
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
    // isUnifiedMemory (memory_types.h): device memory is mapped and written
    // directly.
    bool unifiedMemory = false;
    DeviceLimits limits; // read once when the device is described
    // Empty when the device can run Vela, else why not (unusableReason of
    // device_requirements.h).
    std::string unusableReason;
    bool usable() const { return unusableReason.empty(); }
    // "Vulkan device N 'name' cannot run Vela: <reason>" (errors of an
    // explicit choice of an unusable device).
    std::string refusal() const;
    uint32_t vendorId = 0; // VkPhysicalDeviceProperties::vendorID (PCI vendor: 0x1002 AMD, 0x10DE NVIDIA)
    // VK_EXT_subgroup_size_control with compute in requiredSubgroupSizeStages:
    // a pipeline may ask for any power of two in [min, max]SubgroupSize.
    bool subgroupSizeControl = false;
    uint32_t minSubgroupSize = 0, maxSubgroupSize = 0;
    uint64_t deviceLocalBytes() const;
    // THE rule for what a model may use on this device (the fit estimate,
    // app/library/memory_budgets.cpp, and out-of-memory messages): the
    // device-local heaps' available(), plus on a unified-memory device
    // (integrated GPU, APU, lavapipe) the host-visible heaps that are not
    // device-local — the Allocator falls back to them when device-local
    // memory runs out and on such a device they are the same RAM at about
    // the same speed. A discrete card's host heap is left out: the model
    // would still load there, but every token would cross the bus.
    uint64_t budgetBytes() const;
};

// Lists the Vulkan devices (empty when there is no loader or driver).
std::vector<DeviceInfo> listDevices();
// Index of the default device in `devices` (see the file comment); the first
// device when none is usable.
uint32_t chooseDefaultDevice(const std::vector<DeviceInfo>& devices);

class Context {
public:
    // Throws vela::RuntimeFailure when Vulkan is unavailable or no device is
    // usable, and vela::InvalidInput for a device index that does not exist
    // or names an unusable device (with the reason).
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
    // vela::DeviceLost, and every later submission throws it too). A
    // submission not finished within fenceTimeout() is treated as a lost
    // device as well (vela::DeviceLost saying so): the app's recovery
    // recreates the context instead of waiting forever on a hung GPU.
    void submitAndWait(VkCommandBuffer cmd);

    // How long submitAndWait() waits. On a GPU the backend bounds every
    // submission to about kSubmissionTargetMs (submission_plan.h) and the
    // driver resets a GPU stuck for about 2 s (Windows TDR; Linux hang
    // checks take a few seconds more), so 10 s is far past any legitimate
    // submission and still before a user gives up on the app. A CPU device
    // (lavapipe) shares the cores with everything else, a loaded machine or
    // a sanitizer build slows it tens of times, and it cannot hang the
    // desktop: 10 minutes.
    static constexpr std::chrono::seconds kFenceTimeoutGpu{10};
    static constexpr std::chrono::seconds kFenceTimeoutCpu{600};
    std::chrono::nanoseconds fenceTimeout() const { return fenceTimeout_; }
    // Tests: a timeout short enough that a real submission passes it.
    void setFenceTimeout(std::chrono::nanoseconds timeout) { fenceTimeout_ = timeout; }
    // After a loss (a timeout included) the queue may still run the work
    // submitted before it: waits once for the device to go idle (a lost
    // device returns at once), so that the command buffers and memory it
    // uses can be freed. Called by the owners of such objects before they
    // free them; a no-op while the device is not lost.
    void settleAfterLoss();

    // The queue family's timestampValidBits (0: no timestamps, so no
    // kernel profile; else timestamps wrap at 2^bits).
    uint32_t timestampValidBits() const { return timestampValidBits_; }

    // Device loss: true after a submission reported VK_ERROR_DEVICE_LOST.
    // The owner recovers by destroying everything on this context and
    // creating a new one. simulateDeviceLoss() makes the next submissions
    // fail as a lost device does (tests; the fault-injection switch).
    bool lost() const { return lost_.load(); }
    void simulateDeviceLoss() { lost_.store(true); }

    // Bytes of MemoryKind::Device memory (weights, KV caches, activations)
    // that allocators may hold together, in whichever heap it lands (0: no
    // limit but the device's own), e.g. to leave room for other programs.
    void setMemoryLimit(uint64_t bytes) { memoryLimit_.store(bytes); }
    uint64_t memoryLimit() const { return memoryLimit_.load(); }
    // Accounts a block of Device memory (in any heap); throws
    // vela::OutOfDeviceMemory naming `what` when it would pass the limit (or
    // a fault is injected: VELA_FAULT_INJECTION alloc=N counts these calls).
    void reserveDeviceMemory(uint64_t bytes, const std::string& what);
    void releaseDeviceMemory(uint64_t bytes) { deviceBytes_.fetch_sub(bytes); }
    // Accounts a block of any kind in memory heap `heap` (every allocator
    // block counts against its heap). Returns false, reserving nothing, when
    // the heap would pass its available() (the budget) unless `pastBudget`:
    // the allocator then tries the next memory type of memoryTypeOrder, and
    // only when every heap is past its budget asks vkAllocateMemory anyway
    // (lavapipe reports a 2 GiB heap whatever the RAM, and allocates past it).
    bool reserveHeap(uint32_t heap, uint64_t bytes, bool pastBudget = false);
    void releaseHeap(uint32_t heap, uint64_t bytes);
    // Bytes held in `heap`, and of Device memory in all heaps.
    uint64_t heapBytes(uint32_t heap) const { return heap < heapBytes_.size() ? heapBytes_[heap].load() : 0; }
    uint64_t deviceBytes() const { return deviceBytes_.load(); }

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
    std::atomic<bool> settled_{false};
    std::chrono::nanoseconds fenceTimeout_{kFenceTimeoutGpu};
    uint32_t timestampValidBits_ = 0;
    std::atomic<uint64_t> memoryLimit_{0}, deviceBytes_{0};
    std::array<std::atomic<uint64_t>, VK_MAX_MEMORY_HEAPS> heapBytes_{};
    FaultPlan faults_;
    std::atomic<uint32_t> allocations_{0}, submissions_{0};
    bool creationFeedback_ = false;
    bool subgroupSizeControl_ = false;
};

} // namespace vela::backend::vulkan
