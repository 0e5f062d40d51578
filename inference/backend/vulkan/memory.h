// Device memory: a pool of few large VkDeviceMemory blocks, each wrapped by
// one VkBuffer, handed out as aligned slices (no per-tensor allocation), and
// uploads of host data (a memcpy into mapped memory, else through a staging
// buffer). Which memory type a block takes, and the fallbacks when a heap is
// out of memory: memory_types.h.
//
// Slices are never freed one by one: an Allocator is owned by what it holds
// (a model's weights, a session's KV cache) and frees its blocks with it.
#pragma once

#include "backend/vulkan/context.h"
#include "backend/vulkan/memory_types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vela::backend::vulkan {

struct BufferSlice {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceSize offset = 0;
    VkDeviceSize size = 0;
    void* mapped = nullptr; // host pointer when the memory is host-visible
};

// Bytes [offset, offset + size) of `s` as a slice of its own (a binding
// needs offset to be a multiple of the allocator's alignment()).
inline BufferSlice subslice(const BufferSlice& s, VkDeviceSize offset, VkDeviceSize size)
{
    return {s.buffer, s.offset + offset, size, s.mapped ? static_cast<char*>(s.mapped) + offset : nullptr};
}

// Where an Allocator puts its slices: a slice is rounded up to 16 bytes,
// starts at a multiple of `alignment` and goes into the first block of its
// kind with room, else into a new block of max(size, blockSize) bytes
// (device-local) or max(size, 1 MiB) (host-visible). Pure, so that the bytes
// a list of allocations takes is known without a device (stateBytes() in
// vulkan_state.h).
class SlicePlanner {
public:
    // The spec's largest minStorageBufferOffsetAlignment: what the
    // Allocator aligns to on every device.
    static constexpr VkDeviceSize kAlignment = 256;
    struct Place {
        size_t block = 0;          // index into the blocks; == blocks() for a new one
        VkDeviceSize offset = 0, size = 0;
        VkDeviceSize newBlockBytes = 0; // > 0: a new block of this size
        MemoryKind kind = MemoryKind::Device;
    };
    SlicePlanner(VkDeviceSize blockSize, VkDeviceSize alignment = kAlignment)
        : blockSize_(blockSize), alignment_(alignment)
    {
    }
    Place find(VkDeviceSize size, MemoryKind kind) const;
    void commit(const Place& p);
    VkDeviceSize allocate(VkDeviceSize size, MemoryKind kind) // find + commit; the offset
    {
        const Place p = find(size, kind);
        commit(p);
        return p.offset;
    }
    size_t blocks() const { return blocks_.size(); }
    VkDeviceSize alignment() const { return alignment_; }
    uint64_t allocatedBytes(MemoryKind kind) const; // sum of the blocks of that kind

private:
    struct Block {
        MemoryKind kind;
        VkDeviceSize size = 0, used = 0;
    };
    VkDeviceSize blockSize_, alignment_;
    std::vector<Block> blocks_;
};

class Allocator {
public:

    // blockSize: the least device-local memory taken at a time.
    Allocator(Context& context, VkDeviceSize blockSize);
    ~Allocator();
    Allocator(const Allocator&) = delete;
    Allocator& operator=(const Allocator&) = delete;

    // Throws vela::OutOfDeviceMemory naming `what` and the size needed when
    // no memory type of memoryTypeOrder has room (heap budgets as accounted
    // by Context::reserveHeap, then vkAllocateMemory's own answer).
    BufferSlice allocate(VkDeviceSize size, MemoryKind kind, const std::string& what);
    uint64_t allocatedBytes(MemoryKind kind) const;
    // Where every slice starts: a multiple of this (≥ the device's
    // minStorageBufferOffsetAlignment), so a sub-slice at a multiple of it
    // can be bound too.
    VkDeviceSize alignment() const { return planner_.alignment(); }

    // Copies host bytes into a slice (directly when it is mapped, flushing
    // the range when the memory is not host-coherent; else through a
    // staging buffer and a transfer on the queue).
    void upload(const BufferSlice& dst, VkDeviceSize dstOffset, const void* src, VkDeviceSize bytes);

    // The memory type index a slice's block took (tests: a Device slice
    // outside a device-local heap is the out-of-memory fallback).
    uint32_t memoryTypeOf(const BufferSlice& s) const;

private:
    struct Block { // blocks_[i] is the planner's block i
        VkDeviceMemory memory = VK_NULL_HANDLE;
        VkBuffer buffer = VK_NULL_HANDLE;
        VkDeviceSize bytes = 0; // the allocation, accounted in Context::reserveHeap (and
                                // reserveDeviceMemory for Device blocks)
        uint32_t type = 0, heap = 0;
        void* mapped = nullptr;
        bool coherent = true;
        MemoryKind kind;
    };
    void newBlock(VkDeviceSize size, MemoryKind kind, const std::string& what);
    const Block& blockOf(const BufferSlice& s) const;

    Context& context_;
    SlicePlanner planner_;
    std::vector<Block> blocks_;
    BufferSlice staging_{};
    VkCommandBuffer transfer_ = VK_NULL_HANDLE;
};

} // namespace vela::backend::vulkan
