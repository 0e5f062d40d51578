#include "backend/vulkan/recorder.h"

#include "backend/vulkan/vk_check.h"
#include "common/error.h"

#include <algorithm>

namespace vela::backend::vulkan {

namespace {

constexpr uint32_t kSetsPerPool = 512;
constexpr uint32_t kMaxProfiledDispatches = 4096;
constexpr uint32_t kBuffersPerPool = kSetsPerPool * 8;

// Bytes of one texel of the formats texel bindings use.
VkDeviceSize texelBytes(VkFormat f)
{
    switch (f) {
    case VK_FORMAT_R32_UINT: return 4;
    case VK_FORMAT_R32G32B32A32_UINT:
    case VK_FORMAT_R32G32B32A32_SFLOAT: return 16;
    default: throw RuntimeFailure("texel binding: unsupported format " + std::to_string(int(f)));
    }
}

} // namespace

uint64_t timestampTicks(uint64_t start, uint64_t end, uint64_t validMask)
{
    return ((end & validMask) - (start & validMask)) & validMask;
}

void CommandRecorder::setProfiling(std::map<std::string, double>* totals)
{
    profileTotals_ = pipelines_.context().timestampValidBits() ? totals : nullptr;
}

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
    c.settleAfterLoss(); // a timed-out submission may still run this buffer
    for (VkDescriptorPool p : pools_)
        vkDestroyDescriptorPool(c.device(), p, nullptr);
    if (queries_)
        vkDestroyQueryPool(c.device(), queries_, nullptr);
    destroyViews();
    vkFreeCommandBuffers(c.device(), c.commandPool(), 1, &cmd_);
}

void CommandRecorder::begin()
{
    Context& c = pipelines_.context();
    for (VkDescriptorPool p : pools_)
        check(vkResetDescriptorPool(c.device(), p, 0), "vkResetDescriptorPool");
    currentPool_ = 0;
    dispatches_ = 0;
    barriers_ = 0;
    orderedSinceLastCommand_ = false;
    destroyViews();
    check(vkResetCommandBuffer(cmd_, 0), "vkResetCommandBuffer");
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    check(vkBeginCommandBuffer(cmd_, &bi), "vkBeginCommandBuffer");
    profiledKernels_.clear();
    if (profileTotals_ && !queries_) {
        VkQueryPoolCreateInfo qi{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
        qi.queryCount = 2 * kMaxProfiledDispatches;
        check(vkCreateQueryPool(c.device(), &qi, nullptr, &queries_), "vkCreateQueryPool");
        queryCapacity_ = qi.queryCount;
    }
    if (profileTotals_)
        vkCmdResetQueryPool(cmd_, queries_, 0, queryCapacity_);
}

VkDescriptorSet CommandRecorder::allocateSet(VkDescriptorSetLayout layout)
{
    Context& c = pipelines_.context();
    for (;; ++currentPool_) {
        if (currentPool_ == pools_.size()) {
            const VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kBuffersPerPool},
                                                  {VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, kBuffersPerPool}};
            VkDescriptorPoolCreateInfo pi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
            pi.maxSets = kSetsPerPool;
            pi.poolSizeCount = 2;
            pi.pPoolSizes = sizes;
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

void CommandRecorder::dispatchRaw(const char* kernel, const Specialization& constants,
                                  std::initializer_list<Binding> bindings, const void* params, uint32_t pushBytes,
                                  uint32_t workgroupSize, uint32_t gx, uint32_t gy, uint32_t gz)
{
    std::vector<VkDescriptorType> types;
    types.reserve(bindings.size());
    for (const Binding& b : bindings)
        types.push_back(b.texelFormat == VK_FORMAT_UNDEFINED ? VK_DESCRIPTOR_TYPE_STORAGE_BUFFER
                                                             : VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER);
    const Pipeline& p = pipelines_.get(kernel, types, pushBytes, workgroupSize, constants);
    const VkDescriptorSet set = allocateSet(p.setLayout);
    Context& c = pipelines_.context();
    std::vector<VkDescriptorBufferInfo> infos(bindings.size());
    std::vector<VkBufferView> views(bindings.size(), VK_NULL_HANDLE);
    std::vector<VkWriteDescriptorSet> writes;
    uint32_t i = 0;
    for (const Binding& b : bindings) {
        VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        w.dstSet = set;
        w.dstBinding = i;
        w.descriptorCount = 1;
        w.descriptorType = types[i];
        if (b.texelFormat == VK_FORMAT_UNDEFINED) {
            infos[i] = {b.slice.buffer, b.slice.offset, b.slice.size};
            w.pBufferInfo = &infos[i];
        } else {
            // The allocator pads every slice to whole 16-byte units, so a
            // range rounded up to the texel stays inside the buffer.
            const VkDeviceSize texel = texelBytes(b.texelFormat);
            VkBufferViewCreateInfo vi{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
            vi.buffer = b.slice.buffer;
            vi.format = b.texelFormat;
            vi.offset = b.slice.offset;
            vi.range = std::max<VkDeviceSize>((b.slice.size + texel - 1) / texel * texel, texel);
            check(vkCreateBufferView(c.device(), &vi, nullptr, &views[i]), "vkCreateBufferView");
            views_.push_back(views[i]);
            w.pTexelBufferView = &views[i];
        }
        writes.push_back(w);
        ++i;
    }
    vkUpdateDescriptorSets(c.device(), uint32_t(writes.size()), writes.data(), 0, nullptr);
    vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.pipeline);
    vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.layout, 0, 1, &set, 0, nullptr);
    if (pushBytes)
        vkCmdPushConstants(cmd_, p.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, pushBytes, params);
    const bool timed = profileTotals_ && queries_ && 2 * (profiledKernels_.size() + 1) <= queryCapacity_;
    const auto query = uint32_t(2 * profiledKernels_.size());
    if (timed)
        vkCmdWriteTimestamp(cmd_, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, queries_, query);
    vkCmdDispatch(cmd_, gx, gy, gz);
    orderedSinceLastCommand_ = false;
    if (timed) {
        vkCmdWriteTimestamp(cmd_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, queries_, query + 1);
        profiledKernels_.emplace_back(kernel);
    }
    ++dispatches_;
}

void CommandRecorder::destroyViews()
{
    for (VkBufferView v : views_)
        vkDestroyBufferView(pipelines_.context().device(), v, nullptr);
    views_.clear();
}

void CommandRecorder::memoryBarrier(VkPipelineStageFlags srcStages, VkAccessFlags srcAccess,
                                    VkPipelineStageFlags dstStages, VkAccessFlags dstAccess)
{
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    mb.srcAccessMask = srcAccess;
    mb.dstAccessMask = dstAccess;
    vkCmdPipelineBarrier(cmd_, srcStages, dstStages, 0, 1, &mb, 0, nullptr, 0, nullptr);
    ++barriers_;
}

void CommandRecorder::barrier()
{
    // Right after another barrier (or copy, which ends with one into compute)
    // there is nothing new to order; at a recording's start there is (the
    // previous submission).
    if (orderedSinceLastCommand_)
        return;
    orderedSinceLastCommand_ = true;
    // Host writes (the step buffer) need no barrier: vkQueueSubmit makes
    // them visible to the device (Vulkan spec, "Host Write Ordering
    // Guarantees"). Weight uploads end with their own transfer → compute
    // barrier (Allocator::upload).
    memoryBarrier(VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT,
                  VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT);
}

void CommandRecorder::copy(const BufferSlice& src, VkDeviceSize srcOffset, const BufferSlice& dst,
                           VkDeviceSize dstOffset, VkDeviceSize bytes)
{
    // Before: earlier dispatches wrote src (read after write) or read dst
    // (write after read: an execution dependency suffices).
    memoryBarrier(VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                  VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT);
    VkBufferCopy region{src.offset + srcOffset, dst.offset + dstOffset, bytes};
    vkCmdCopyBuffer(cmd_, src.buffer, dst.buffer, 1, &region);
    // Chained to the first barrier, this also orders the dispatches before
    // the copy before the ones after it.
    memoryBarrier(VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                  VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT);
    orderedSinceLastCommand_ = true;
}

void CommandRecorder::hostReadBarrier()
{
    memoryBarrier(VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                  VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                  VK_ACCESS_HOST_READ_BIT);
}

void CommandRecorder::end() { check(vkEndCommandBuffer(cmd_), "vkEndCommandBuffer"); }

void CommandRecorder::submitAndWait()
{
    pipelines_.context().submitAndWait(cmd_);
    if (profileTotals_ && !profiledKernels_.empty())
        collectProfile();
}

void CommandRecorder::collectProfile()
{
    Context& c = pipelines_.context();
    std::vector<uint64_t> ticks(2 * profiledKernels_.size());
    if (vkGetQueryPoolResults(c.device(), queries_, 0, uint32_t(ticks.size()), ticks.size() * sizeof(uint64_t),
                              ticks.data(), sizeof(uint64_t), VK_QUERY_RESULT_64_BIT) != VK_SUCCESS)
        return; // a profile is best effort: never fail a step for it
    const double msPerTick = double(c.limits().timestampPeriod) * 1e-6;
    // Only the low timestampValidBits bits of a timestamp count (the rest
    // are undefined), and the counter wraps at 2^bits: the difference taken
    // modulo 2^bits is right across one wrap (setProfiling() never enables
    // profiling where bits is 0).
    const uint32_t bits = c.timestampValidBits();
    const uint64_t mask = bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
    for (size_t i = 0; i < profiledKernels_.size(); ++i)
        (*profileTotals_)[profiledKernels_[i]] +=
            double(timestampTicks(ticks[2 * i], ticks[2 * i + 1], mask)) * msPerTick;
}

} // namespace vela::backend::vulkan
