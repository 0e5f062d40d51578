#include "backend/backend_factory.h"

#include "backend/vulkan/context.h"

#include <string>

namespace vela::backend {

BackendKind chooseBackend(const BackendOptions& options, const std::vector<vulkan::DeviceInfo>& devices)
{
    if (options.kind == BackendKind::Cpu)
        return BackendKind::Cpu;
    if (devices.empty()) {
        if (options.kind == BackendKind::Vulkan)
            throw NoDevice("no Vulkan device is available (install a GPU driver, or Mesa's lavapipe: "
                           "mesa-vulkan-drivers)");
        return BackendKind::Cpu; // Auto without a device: the CPU, whatever the index
    }
    if (options.device && *options.device >= devices.size())
        throw NoDevice("Vulkan device " + std::to_string(*options.device) + " does not exist (" +
                       std::to_string(devices.size()) + " found; see vela-cli devices)");
    if (options.device) {
        const vulkan::DeviceInfo& d = devices[*options.device];
        if (!d.usable())
            throw NoDevice(d.refusal() + " (see vela-cli devices)");
        return BackendKind::Vulkan;
    }
    std::string reasons;
    for (const vulkan::DeviceInfo& d : devices) {
        if (d.usable())
            return BackendKind::Vulkan;
        reasons += (reasons.empty() ? "" : "; ") + d.name + ": " + d.unusableReason;
    }
    if (options.kind == BackendKind::Vulkan)
        throw NoDevice("no usable Vulkan device (" + reasons + ")");
    return BackendKind::Cpu; // Auto with no usable device: the CPU
}

std::unique_ptr<Backend> createBackend(std::shared_ptr<const model::Model> model, const BackendOptions& options)
{
    if (chooseBackend(options, options.kind == BackendKind::Cpu ? std::vector<vulkan::DeviceInfo>{}
                                                                : vulkan::listDevices()) == BackendKind::Cpu)
        return createCpuBackend(std::move(model), {.threads = options.threads, .roundActivations = true});
    return vulkan::createVulkanBackend(std::move(model), {.device = options.device,
                                                          .context = nullptr,
                                                          .progress = options.progress,
                                                          .memoryLimit = options.memoryLimit,
                                                          .topK = vulkan::VulkanOptions::TopK::Auto,
                                                          .matmul = options.matmul,
                                                          .submissionTargetMs = options.submissionTargetMs});
}

} // namespace vela::backend
