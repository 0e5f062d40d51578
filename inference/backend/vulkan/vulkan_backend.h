// Entry point of the Vulkan backend (see vulkan_backend.cpp).
#pragma once

#include "backend/backend.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace vela::backend::vulkan {

class Context;

struct VulkanOptions {
    std::optional<uint32_t> device;   // index from listDevices(); default: the best GPU
    std::shared_ptr<Context> context; // share an existing device instead
    // Called after each uploaded tensor with (bytes uploaded, total bytes),
    // so that a GUI can show load progress. Runs on the loading thread.
    std::function<void(uint64_t done, uint64_t total)> progress;
    // Device-local bytes this device may hold (0: as much as it has); past
    // it, loading fails with vela::OutOfDeviceMemory as a full GPU would.
    uint64_t memoryLimit = 0;
    // Where forwardTop() selects the best logits. Auto: the device's
    // KernelPlan::topKOnHost (on the device for GPUs, whose logits stay in
    // device memory; on the host for CPU devices such as lavapipe).
    enum class TopK { Auto, Device, Host } topK = TopK::Auto;
    // The matrix products' layout (kernels::MatmulLayout). Auto: the device's
    // KernelPlan. SplitK and Subgroup (decode with subgroup reductions,
    // where the device and the weight type allow; split-k otherwise) are
    // there to measure one against the other (`vela-cli bench --matmul`).
    enum class Matmul { Auto, SplitK, Subgroup } matmul = Matmul::Auto;
};

// Uploads the model's weights; throws vela::OutOfDeviceMemory naming the
// tensor that did not fit, vela::RuntimeFailure when Vulkan is unavailable.
// After vela::DeviceLost from forward(), the backend (and every other user
// of its Context) is dead: destroy it and create a new one to recover.
std::unique_ptr<Backend> createVulkanBackend(std::shared_ptr<const model::Model> model,
                                             const VulkanOptions& options = {});

} // namespace vela::backend::vulkan
