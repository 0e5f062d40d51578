// Device memory: a pool of few large VkDeviceMemory blocks, each wrapped by
// one VkBuffer, handed out as aligned slices (no per-tensor allocation), and
// uploads of host data through a staging buffer.
//
// Slices are never freed one by one: an Allocator is owned by what it holds
// (a model's weights, a session's KV cache) and frees its blocks with it.
#pragma once

#include "backend/vulkan/context.h"

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

enum class MemoryKind {
    Device,   // device-local (may also be host-visible on integrated GPUs and lavapipe)
    Readback, // host-visible, for results read by the host
    Upload,   // host-visible, written by the host every step
};

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

    // Throws vela::OutOfDeviceMemory naming `what` and the size needed.
    BufferSlice allocate(VkDeviceSize size, MemoryKind kind, const std::string& what);
    uint64_t allocatedBytes(MemoryKind kind) const;
    // Where every slice starts: a multiple of this (≥ the device's
    // minStorageBufferOffsetAlignment), so a sub-slice at a multiple of it
    // can be bound too.
    VkDeviceSize alignment() const { return planner_.alignment(); }

    // Copies host bytes into a slice (directly when it is mapped, else
    // through a staging buffer and a transfer on the queue).
    void upload(const BufferSlice& dst, VkDeviceSize dstOffset, const void* src, VkDeviceSize bytes);

private:
    struct Block { // blocks_[i] is the planner's block i
        VkDeviceMemory memory = VK_NULL_HANDLE;
        VkBuffer buffer = VK_NULL_HANDLE;
        VkDeviceSize reservedBytes = 0; // accounted in Context::reserveDeviceMemory
        void* mapped = nullptr;
        MemoryKind kind;
    };
    void newBlock(VkDeviceSize size, MemoryKind kind, const std::string& what);
    uint32_t memoryType(uint32_t allowed, MemoryKind kind) const;

    Context& context_;
    SlicePlanner planner_;
    std::vector<Block> blocks_;
    BufferSlice staging_{};
    VkCommandBuffer transfer_ = VK_NULL_HANDLE;
};

} // namespace vela::backend::vulkan
