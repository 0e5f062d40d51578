#include "backend/vulkan/recorder.h"

#include "backend/vulkan/vk_check.h"
#include "common/error.h"

namespace vela::backend::vulkan {

namespace {

constexpr uint32_t kSetsPerPool = 512;
constexpr uint32_t kBuffersPerPool = kSetsPerPool * 8;

} // namespace

CommandRecorder::CommandRecorder(Pipelines& pipelines) : pipelines_(pipelines)
{
    Context& c = pipelines_.context();
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = c.commandPool();
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    check(vkAllocateCommandBuffers(c.device(), &ai, &cmd_), "vkAllocateCommandBuffers");
}

CommandRecorder::~CommandRecorder()
{
    Context& c = pipelines_.context();
    for (VkDescriptorPool p : pools_)
        vkDestroyDescriptorPool(c.device(), p, nullptr);
    vkFreeCommandBuffers(c.device(), c.commandPool(), 1, &cmd_);
}

void CommandRecorder::begin()
{
    Context& c = pipelines_.context();
    for (VkDescriptorPool p : pools_)
        check(vkResetDescriptorPool(c.device(), p, 0), "vkResetDescriptorPool");
    currentPool_ = 0;
    dispatches_ = 0;
    check(vkResetCommandBuffer(cmd_, 0), "vkResetCommandBuffer");
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    check(vkBeginCommandBuffer(cmd_, &bi), "vkBeginCommandBuffer");
}

VkDescriptorSet CommandRecorder::allocateSet(VkDescriptorSetLayout layout)
{
    Context& c = pipelines_.context();
    for (;; ++currentPool_) {
        if (currentPool_ == pools_.size()) {
            VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kBuffersPerPool};
            VkDescriptorPoolCreateInfo pi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
            pi.maxSets = kSetsPerPool;
            pi.poolSizeCount = 1;
            pi.pPoolSizes = &size;
            VkDescriptorPool pool;
            check(vkCreateDescriptorPool(c.device(), &pi, nullptr, &pool), "vkCreateDescriptorPool");
            pools_.push_back(pool);
        }
        VkDescriptorSetAllocateInfo ai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        ai.descriptorPool = pools_[currentPool_];
        ai.descriptorSetCount = 1;
        ai.pSetLayouts = &layout;
        VkDescriptorSet set;
        VkResult r = vkAllocateDescriptorSets(c.device(), &ai, &set);
        if (r == VK_SUCCESS)
            return set;
        if (r != VK_ERROR_OUT_OF_POOL_MEMORY && r != VK_ERROR_FRAGMENTED_POOL)
            check(r, "vkAllocateDescriptorSets");
    }
}

void CommandRecorder::dispatchRaw(const char* kernel, std::initializer_list<BufferSlice> bindings, const void* params,
                                  uint32_t pushBytes, uint32_t workgroupSize, uint32_t gx, uint32_t gy, uint32_t gz)
{
    const Pipeline& p = pipelines_.get(kernel, uint32_t(bindings.size()), pushBytes, workgroupSize);
    const VkDescriptorSet set = allocateSet(p.setLayout);
    std::vector<VkDescriptorBufferInfo> infos;
    std::vector<VkWriteDescriptorSet> writes;
    infos.reserve(bindings.size());
    for (const BufferSlice& s : bindings)
        infos.push_back({s.buffer, s.offset, s.size});
    for (uint32_t i = 0; i < infos.size(); ++i) {
        VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        w.dstSet = set;
        w.dstBinding = i;
        w.descriptorCount = 1;
        w.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        w.pBufferInfo = &infos[i];
        writes.push_back(w);
    }
    vkUpdateDescriptorSets(pipelines_.context().device(), uint32_t(writes.size()), writes.data(), 0, nullptr);
    vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.pipeline);
    vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.layout, 0, 1, &set, 0, nullptr);
    if (pushBytes)
        vkCmdPushConstants(cmd_, p.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, pushBytes, params);
    vkCmdDispatch(cmd_, gx, gy, gz);
    ++dispatches_;
}

void CommandRecorder::barrier()
{
    // Host writes (the step buffer) need no barrier: vkQueueSubmit makes
    // them visible to the device (Vulkan spec, "Host Write Ordering
    // Guarantees"), and HOST_WRITE is not a valid access for these stages.
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT |
                       VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT |
                             VK_PIPELINE_STAGE_HOST_BIT,
                         0, 1, &mb, 0, nullptr, 0, nullptr);
}

void CommandRecorder::end() { check(vkEndCommandBuffer(cmd_), "vkEndCommandBuffer"); }

void CommandRecorder::submitAndWait() { pipelines_.context().submitAndWait(cmd_); }

} // namespace vela::backend::vulkan
