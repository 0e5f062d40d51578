// CommandRecorder: records compute dispatches into one command buffer, with
// the descriptor sets they need, so that it can be submitted many times
// (a decode step is one recorded buffer reused for every token).
#pragma once

#include "backend/vulkan/memory.h"
#include "backend/vulkan/pipelines.h"

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace vela::backend::vulkan {

// One binding of a dispatch: a storage buffer, or (texelFormat set) a
// uniform texel buffer viewing the slice in that format. The recorder makes
// the VkBufferView and keeps it until the next begin(). Texel bindings need
// a 16-byte aligned offset (minTexelBufferOffsetAlignment is at most 256 and
// the allocator aligns to 256; callers keep sub-offsets 16-aligned where the
// device asks for 16) and are what CPU devices read fastest (matmul.comp).
struct Binding {
    BufferSlice slice;
    VkFormat texelFormat = VK_FORMAT_UNDEFINED;
    Binding(const BufferSlice& s) : slice(s) {} // NOLINT: a storage buffer by default
    Binding(const BufferSlice& s, VkFormat f) : slice(s), texelFormat(f) {}
};

// Ticks from timestamp `start` to `end` when only the bits in validMask
// (2^timestampValidBits - 1) are defined and the counter wraps there.
uint64_t timestampTicks(uint64_t start, uint64_t end, uint64_t validMask);

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
    void dispatch(const char* kernel, std::initializer_list<Binding> bindings, const Params& params,
                  uint32_t workgroupSize, uint32_t gx, uint32_t gy = 1, uint32_t gz = 1)
    {
        dispatchRaw(kernel, {}, bindings, &params, sizeof(Params), workgroupSize, gx, gy, gz);
    }
    // The same with specialization constants 1, 2, ... set to `constants`
    // (constant 0 is the workgroup size): one pipeline per distinct set.
    template <typename Params>
    void dispatch(const char* kernel, const Specialization& constants, std::initializer_list<Binding> bindings,
                  const Params& params, uint32_t workgroupSize, uint32_t gx, uint32_t gy = 1, uint32_t gz = 1)
    {
        dispatchRaw(kernel, constants, bindings, &params, sizeof(Params), workgroupSize, gx, gy, gz);
    }
    // Makes every earlier dispatch's storage writes visible to later
    // dispatches' reads and writes (compute → compute, shader access only).
    // Its first scope is every command earlier in submission order, so a
    // recording (or each of several submissions it is split into) begins
    // with one to order it after the previous submission's dispatches.
    // A barrier right after another one (or a copy) records nothing.
    void barrier();
    // Copies `bytes` from src + srcOffset to dst + dstOffset on the device,
    // ordered after the earlier dispatches and before the later ones by its
    // own compute → transfer and transfer → compute barriers.
    void copy(const BufferSlice& src, VkDeviceSize srcOffset, const BufferSlice& dst, VkDeviceSize dstOffset,
              VkDeviceSize bytes);
    // Makes the earlier dispatches' and copies' writes visible to the host
    // (read after submitAndWait): recorded once, at the end of a recording
    // whose results the host reads (logits, top-k).
    void hostReadBarrier();
    void end();
    void submitAndWait();

    uint32_t dispatches() const { return dispatches_; }
    uint32_t barriers() const { return barriers_; } // vkCmdPipelineBarrier calls of this recording

    // Profiling (vela-cli bench --profile): with `enabled`, the next
    // recording writes a GPU timestamp around every dispatch, and each
    // submitAndWait() adds the time of every kernel (by name) to `totals`.
    // Costs two timestamps per dispatch; off by default, and stays off on a
    // queue without timestamps (Context::timestampValidBits() == 0).
    void setProfiling(std::map<std::string, double>* totals);
    VkCommandBuffer handle() const { return cmd_; }
    Context& context() { return pipelines_.context(); }

private:
    void dispatchRaw(const char* kernel, const Specialization& constants, std::initializer_list<Binding> bindings,
                     const void* params,
                     uint32_t pushBytes, uint32_t workgroupSize, uint32_t gx, uint32_t gy, uint32_t gz);
    VkDescriptorSet allocateSet(VkDescriptorSetLayout layout);
    void memoryBarrier(VkPipelineStageFlags srcStages, VkAccessFlags srcAccess, VkPipelineStageFlags dstStages,
                       VkAccessFlags dstAccess);

    Pipelines& pipelines_;
    VkCommandBuffer cmd_ = VK_NULL_HANDLE;
    std::vector<VkDescriptorPool> pools_;
    std::vector<VkBufferView> views_; // texel bindings of the current recording
    size_t currentPool_ = 0;
    uint32_t dispatches_ = 0;
    uint32_t barriers_ = 0;
    bool orderedSinceLastCommand_ = false; // the last command was a barrier into compute (barrier() skips)
    std::map<std::string, double>* profileTotals_ = nullptr; // milliseconds per kernel name
    VkQueryPool queries_ = VK_NULL_HANDLE;
    uint32_t queryCapacity_ = 0;
    std::vector<std::string> profiledKernels_; // kernel of timestamp pair i
    void collectProfile();
    void destroyViews();
};

} // namespace vela::backend::vulkan
