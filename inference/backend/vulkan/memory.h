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

enum class MemoryKind {
    Device,   // device-local (may also be host-visible on integrated GPUs and lavapipe)
    Readback, // host-visible, for results read by the host
    Upload,   // host-visible, written by the host every step
};

class Allocator {
public:
    Allocator(Context& context, VkDeviceSize blockSize = VkDeviceSize(256) << 20);
    ~Allocator();
    Allocator(const Allocator&) = delete;
    Allocator& operator=(const Allocator&) = delete;

    // Throws vela::OutOfDeviceMemory naming `what` and the size needed.
    BufferSlice allocate(VkDeviceSize size, MemoryKind kind, const std::string& what);
    uint64_t allocatedBytes(MemoryKind kind) const;

    // Copies host bytes into a slice (directly when it is mapped, else
    // through a staging buffer and a transfer on the queue).
    void upload(const BufferSlice& dst, VkDeviceSize dstOffset, const void* src, VkDeviceSize bytes);

private:
    struct Block {
        VkDeviceMemory memory = VK_NULL_HANDLE;
        VkBuffer buffer = VK_NULL_HANDLE;
        VkDeviceSize size = 0, used = 0;
        VkDeviceSize reservedBytes = 0; // accounted in Context::reserveDeviceMemory
        void* mapped = nullptr;
        MemoryKind kind;
    };
    Block& newBlock(VkDeviceSize size, MemoryKind kind, const std::string& what);
    uint32_t memoryType(uint32_t allowed, MemoryKind kind) const;

    Context& context_;
    VkDeviceSize blockSize_;
    VkDeviceSize alignment_;
    std::vector<Block> blocks_;
    BufferSlice staging_{};
    VkCommandBuffer transfer_ = VK_NULL_HANDLE;
};

} // namespace vela::backend::vulkan
