// Entry point of the Vulkan backend (see vulkan_backend.cpp).
#pragma once

#include "backend/backend.h"

#include <memory>
#include <optional>

namespace vela::backend::vulkan {

class Context;

struct VulkanOptions {
    std::optional<uint32_t> device;   // index from listDevices(); default: the best GPU
    std::shared_ptr<Context> context; // share an existing device instead
};

// Uploads the model's weights; throws vela::OutOfDeviceMemory naming the
// tensor that did not fit, vela::RuntimeFailure when Vulkan is unavailable.
std::unique_ptr<Backend> createVulkanBackend(std::shared_ptr<const model::Model> model,
                                             const VulkanOptions& options = {});

} // namespace vela::backend::vulkan
