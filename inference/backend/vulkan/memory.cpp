#include "backend/vulkan/memory.h"

#include "backend/vulkan/vk_check.h"
#include "common/error.h"

#include <algorithm>
#include <cstring>

namespace vela::backend::vulkan {

namespace {

std::string mib(uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

constexpr VkDeviceSize kStagingBytes = VkDeviceSize(32) << 20;

} // namespace

SlicePlanner::Place SlicePlanner::find(VkDeviceSize size, MemoryKind kind) const
{
    Place p;
    p.kind = kind;
    // Whole 16-byte units: shaders read weights as uint/uvec4 arrays, and a
    // row of 110- or 210-byte blocks can end mid-word; the padding keeps the
    // last word inside the binding (out-of-range reads would return 0).
    p.size = std::max<VkDeviceSize>((size + 15) / 16 * 16, 16);
    for (size_t i = 0; i < blocks_.size(); ++i) {
        const VkDeviceSize start = (blocks_[i].used + alignment_ - 1) / alignment_ * alignment_;
        if (blocks_[i].kind == kind && start + p.size <= blocks_[i].size) {
            p.block = i;
            p.offset = start;
            return p;
        }
    }
    p.block = blocks_.size();
    p.newBlockBytes = std::max(p.size, kind == MemoryKind::Device ? blockSize_ : VkDeviceSize(1) << 20);
    return p;
}

void SlicePlanner::commit(const Place& p)
{
    if (p.newBlockBytes)
        blocks_.push_back({p.kind, p.newBlockBytes, 0});
    blocks_[p.block].used = p.offset + p.size;
}

uint64_t SlicePlanner::allocatedBytes(MemoryKind kind) const
{
    uint64_t n = 0;
    for (const Block& b : blocks_)
        if (b.kind == kind)
            n += b.size;
    return n;
}

Allocator::Allocator(Context& context, VkDeviceSize blockSize)
    : context_(context),
      // Slices start at offsets every descriptor accepts (the spec caps
      // minStorageBufferOffsetAlignment at SlicePlanner::kAlignment).
      planner_(blockSize, std::max(SlicePlanner::kAlignment, context.limits().minStorageBufferOffsetAlignment))
{
}

Allocator::~Allocator()
{
    VkDevice d = context_.device();
    if (transfer_)
        vkFreeCommandBuffers(d, context_.commandPool(), 1, &transfer_);
    for (Block& b : blocks_) {
        if (b.kind == MemoryKind::Device)
            context_.releaseDeviceMemory(b.bytes);
        context_.releaseHeap(b.heap, b.bytes);
        if (b.mapped)
            vkUnmapMemory(d, b.memory);
        vkDestroyBuffer(d, b.buffer, nullptr);
        vkFreeMemory(d, b.memory, nullptr);
    }
}

void Allocator::newBlock(VkDeviceSize size, MemoryKind kind, const std::string& what)
{
    VkDevice d = context_.device();
    Block b;
    b.kind = kind;
    VkBufferCreateInfo bi{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bi.size = size;
    // Uniform texel buffer too: CPU devices read weights and activations
    // through texel views (CommandRecorder's Binding, shaders/matmul.comp).
    bi.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT |
               VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    check(vkCreateBuffer(d, &bi, nullptr, &b.buffer), "vkCreateBuffer");
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(d, b.buffer, &req);
    const VkPhysicalDeviceMemoryProperties& mp = context_.memoryProperties();
    const std::vector<uint32_t> types = memoryTypeOrder(mp, req.memoryTypeBits, kind, context_.info().unifiedMemory);
    bool limited = false;
    try {
        if (types.empty())
            throw RuntimeFailure("Vulkan device '" + context_.info().name + "' has no suitable memory type");
        if (kind == MemoryKind::Device) {
            context_.reserveDeviceMemory(req.size, what); // the memory limit, whatever the heap
            limited = true;
        }
        // The first type whose heap has budget left and whose allocation
        // succeeds; out of memory in one heap moves on to the next type.
        // When every heap's budget is spent, the driver has the last word:
        // the types refused for their budget are asked again past it.
        enum class Tried { Allocated, OverBudget, OutOfMemory };
        auto tryType = [&](uint32_t t, bool pastBudget) {
            const uint32_t heap = mp.memoryTypes[t].heapIndex;
            if (!context_.reserveHeap(heap, req.size, pastBudget))
                return Tried::OverBudget;
            VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
            ai.allocationSize = req.size;
            ai.memoryTypeIndex = t;
            const VkResult r = vkAllocateMemory(d, &ai, nullptr, &b.memory);
            if (r != VK_SUCCESS) {
                b.memory = VK_NULL_HANDLE;
                context_.releaseHeap(heap, req.size);
                if (r != VK_ERROR_OUT_OF_DEVICE_MEMORY && r != VK_ERROR_OUT_OF_HOST_MEMORY)
                    check(r, "vkAllocateMemory");
                return Tried::OutOfMemory;
            }
            b.type = t;
            b.heap = heap;
            return Tried::Allocated;
        };
        std::vector<uint32_t> overBudget;
        for (uint32_t t : types) {
            const Tried result = tryType(t, false);
            if (result == Tried::Allocated)
                break;
            if (result == Tried::OverBudget)
                overBudget.push_back(t);
        }
        for (size_t i = 0; !b.memory && i < overBudget.size(); ++i)
            tryType(overBudget[i], true);
        if (!b.memory)
            throw OutOfDeviceMemory("not enough GPU memory for " + what + ": needed " + mib(req.size) + " more, " +
                                    mib(allocatedBytes(MemoryKind::Device)) + " already in use, device '" +
                                    context_.info().name + "' has " + mib(context_.info().budgetBytes()) +
                                    " available");
        b.bytes = req.size;
        const VkMemoryPropertyFlags flags = mp.memoryTypes[b.type].propertyFlags;
        b.coherent = (flags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT) != 0;
        check(vkBindBufferMemory(d, b.buffer, b.memory, 0), "vkBindBufferMemory");
        if (flags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT)
            check(vkMapMemory(d, b.memory, 0, VK_WHOLE_SIZE, 0, &b.mapped), "vkMapMemory");
    } catch (...) {
        if (limited)
            context_.releaseDeviceMemory(req.size);
        if (b.memory) {
            context_.releaseHeap(b.heap, req.size);
            vkFreeMemory(d, b.memory, nullptr);
        }
        vkDestroyBuffer(d, b.buffer, nullptr);
        throw;
    }
    blocks_.push_back(b);
}

BufferSlice Allocator::allocate(VkDeviceSize size, MemoryKind kind, const std::string& what)
{
    const SlicePlanner::Place p = planner_.find(size, kind);
    if (p.newBlockBytes)
        newBlock(p.newBlockBytes, kind, what); // may throw: the planner is unchanged then
    planner_.commit(p);
    const Block& target = blocks_[p.block];
    BufferSlice s{target.buffer, p.offset, p.size, nullptr};
    if (target.mapped)
        s.mapped = static_cast<char*>(target.mapped) + p.offset;
    return s;
}

uint64_t Allocator::allocatedBytes(MemoryKind kind) const { return planner_.allocatedBytes(kind); }

const Allocator::Block& Allocator::blockOf(const BufferSlice& s) const
{
    for (const Block& b : blocks_)
        if (b.buffer == s.buffer)
            return b;
    throw InvalidInput("a buffer slice that is not this allocator's");
}

uint32_t Allocator::memoryTypeOf(const BufferSlice& s) const { return blockOf(s).type; }

void Allocator::upload(const BufferSlice& dst, VkDeviceSize dstOffset, const void* src, VkDeviceSize bytes)
{
    if (dst.mapped) {
        std::memcpy(static_cast<char*>(dst.mapped) + dstOffset, src, bytes);
        // Host writes to non-coherent memory reach the device only through
        // a flush (Vulkan spec, "Host Access to Device Memory Objects").
        if (const Block& b = blockOf(dst); !b.coherent) {
            const MappedRange r = flushRange(dst.offset + dstOffset, bytes, context_.info().limits.nonCoherentAtomSize, b.bytes);
            VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
            range.memory = b.memory;
            range.offset = r.offset;
            range.size = r.size;
            check(vkFlushMappedMemoryRanges(context_.device(), 1, &range), "vkFlushMappedMemoryRanges");
        }
        return;
    }
    if (!staging_.buffer)
        staging_ = allocate(kStagingBytes, MemoryKind::Upload, "the upload staging buffer");
    if (!transfer_) {
        VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        ai.commandPool = context_.commandPool();
        ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        ai.commandBufferCount = 1;
        check(vkAllocateCommandBuffers(context_.device(), &ai, &transfer_), "vkAllocateCommandBuffers");
    }
    const auto* p = static_cast<const char*>(src);
    for (VkDeviceSize done = 0; done < bytes;) {
        const VkDeviceSize n = std::min(bytes - done, staging_.size);
        std::memcpy(staging_.mapped, p + done, n);
        VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        check(vkBeginCommandBuffer(transfer_, &bi), "vkBeginCommandBuffer");
        VkBufferCopy region{staging_.offset, dst.offset + dstOffset + done, n};
        vkCmdCopyBuffer(transfer_, staging_.buffer, dst.buffer, 1, &region);
        // The kernels of later submissions read what was copied: their own
        // barriers order compute after compute only (CommandRecorder::barrier).
        VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        mb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
        vkCmdPipelineBarrier(transfer_, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &mb,
                             0, nullptr, 0, nullptr);
        check(vkEndCommandBuffer(transfer_), "vkEndCommandBuffer");
        context_.submitAndWait(transfer_);
        done += n;
    }
}

} // namespace vela::backend::vulkan
