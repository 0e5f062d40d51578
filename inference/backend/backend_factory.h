// The one place that decides which backend runs a model: vela-cli
// (--backend/--device/--threads/--matmul) and the desktop app (its backend
// setting) both describe what they want as BackendOptions and call
// createBackend().
#pragma once

#include "backend/backend.h"
#include "backend/vulkan/vulkan_backend.h"
#include "common/error.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace vela::backend {

namespace vulkan {
struct DeviceInfo;
}

struct BackendOptions {
    // Auto: the best Vulkan device (vulkan::chooseDefaultDevice) when one
    // exists, else the CPU. Never Auto in Backend::kind().
    BackendKind kind = BackendKind::Auto;
    // A Vulkan device index from vulkan::listDevices() (Auto or Vulkan;
    // default: the best one). Ignored by the CPU backend.
    std::optional<uint32_t> device;
    unsigned threads = 0;     // CPU backend; 0: one per hardware thread
    uint64_t memoryLimit = 0; // Vulkan: VulkanOptions::memoryLimit
    vulkan::VulkanOptions::Matmul matmul = vulkan::VulkanOptions::Matmul::Auto;
    double submissionTargetMs = vulkan::kSubmissionTargetMs; // Vulkan: VulkanOptions::submissionTargetMs
    // Vulkan: VulkanOptions::progress (bytes uploaded, total); may throw to
    // cancel the load.
    std::function<void(uint64_t done, uint64_t total)> progress;
};

// Vulkan was asked for (kind Vulkan, or a device index) and there is no such
// device: none at all, none usable (DeviceInfo::usable), the index is past
// the list or names an unusable device. The message says which, how many
// devices there are or why they cannot run Vela. Auto without an index
// takes the CPU when no device is usable.
class NoDevice : public InvalidInput {
public:
    using InvalidInput::InvalidInput;
};

// Which backend `options` select given the Vulkan devices present (Cpu or
// Vulkan, never Auto); throws NoDevice as above. Pure, so that it is tested
// without the machine's devices.
BackendKind chooseBackend(const BackendOptions& options, const std::vector<vulkan::DeviceInfo>& devices);

// chooseBackend() over vulkan::listDevices(), then the backend it names.
// Throws NoDevice, and what the backends throw (OutOfDeviceMemory naming a
// tensor, RuntimeFailure when Vulkan fails to start).
std::unique_ptr<Backend> createBackend(std::shared_ptr<const model::Model> model, const BackendOptions& options);

} // namespace vela::backend
