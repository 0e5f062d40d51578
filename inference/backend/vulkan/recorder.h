// CommandRecorder: records compute dispatches into one command buffer, with
// the descriptor sets they need, so that it can be submitted many times
// (a decode step is one recorded buffer reused for every token).
#pragma once

#include "backend/vulkan/memory.h"
#include "backend/vulkan/pipelines.h"

#include <initializer_list>
#include <vector>

namespace vela::backend::vulkan {

class CommandRecorder {
public:
    explicit CommandRecorder(Pipelines& pipelines);
    ~CommandRecorder();
    CommandRecorder(const CommandRecorder&) = delete;
    CommandRecorder& operator=(const CommandRecorder&) = delete;

    // Starts a new recording (frees the previous one's descriptor sets).
    void begin();
    // Binds `bindings` in order (binding i = slice i), pushes `params` and
    // dispatches (gx, gy, gz) workgroups of `workgroupSize` threads.
    template <typename Params>
    void dispatch(const char* kernel, std::initializer_list<BufferSlice> bindings, const Params& params,
                  uint32_t workgroupSize, uint32_t gx, uint32_t gy = 1, uint32_t gz = 1)
    {
        dispatchRaw(kernel, bindings, &params, sizeof(Params), workgroupSize, gx, gy, gz);
    }
    // Makes every earlier dispatch's writes visible to later dispatches.
    void barrier();
    void end();
    void submitAndWait();

    uint32_t dispatches() const { return dispatches_; }
    VkCommandBuffer handle() const { return cmd_; }
    Context& context() { return pipelines_.context(); }

private:
    void dispatchRaw(const char* kernel, std::initializer_list<BufferSlice> bindings, const void* params,
                     uint32_t pushBytes, uint32_t workgroupSize, uint32_t gx, uint32_t gy, uint32_t gz);
    VkDescriptorSet allocateSet(VkDescriptorSetLayout layout);

    Pipelines& pipelines_;
    VkCommandBuffer cmd_ = VK_NULL_HANDLE;
    std::vector<VkDescriptorPool> pools_;
    size_t currentPool_ = 0;
    uint32_t dispatches_ = 0;
};

} // namespace vela::backend::vulkan
