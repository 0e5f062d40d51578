// Entry point of the Vulkan backend (see vulkan_backend.cpp).
#pragma once

#include "backend/backend.h"
#include "backend/vulkan/submission_plan.h"

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
    // Tiled runs the prefill GEMM for every product, decode included (to
    // check and measure it on any device).
    enum class Matmul { Auto, SplitK, Subgroup, Tiled } matmul = Matmul::Auto;
    // The device time a submission aims at (submission_plan.h): a step
    // (prefill chunk or decoded token) is split by layers into as few
    // submissions as keep each within it. Tests set it tiny to force one
    // submission per layer, or huge for one per step.
    double submissionTargetMs = kSubmissionTargetMs;
    // Attention of a forward pass over more than one token. Auto: the
    // device's KernelPlan::prefillAttention; Prefill: attention_prefill
    // on any device (tests run it on lavapipe, whose plan picks the texel
    // kernel).
    enum class PrefillAttention { Auto, Prefill } prefillAttention = PrefillAttention::Auto;
};

// What the backend allocates, known without a device (the library's fit
// estimate). Device-local memory comes in blocks: kWeightBlockBytes for a
// model's weights, kStateBlockBytes for a state's (BackendStats::deviceBytes
// counts whole blocks).
inline constexpr uint64_t kWeightBlockBytes = uint64_t(256) << 20;
inline constexpr uint64_t kStateBlockBytes = uint64_t(64) << 20;
// Device bytes of one uploaded tensor: matrices in their GGUF type, vectors
// (norms, biases) dequantized to F32.
uint64_t deviceTensorBytes(const gguf::TensorInfo& tensor);
// A state for nCtx positions (createState): the same on every device.
struct StateMemory {
    uint64_t kvCache = 0;      // the F16 KV cache's slices
    uint64_t scratch = 0;      // the other device-local slices (activations, logits, scratch)
    uint64_t host = 0;         // host-visible slices: logits read-back, top-k result, step parameters
    uint64_t deviceBlocks = 0; // device-local memory as allocated (whole blocks)
};
StateMemory stateMemory(const model::Config& config, uint32_t nCtx);

// Uploads the model's weights; throws vela::OutOfDeviceMemory naming the
// tensor that did not fit, vela::RuntimeFailure when Vulkan is unavailable.
// After vela::DeviceLost from forward(), the backend (and every other user
// of its Context) is dead: destroy it and create a new one to recover.
std::unique_ptr<Backend> createVulkanBackend(std::shared_ptr<const model::Model> model,
                                             const VulkanOptions& options = {});

} // namespace vela::backend::vulkan
