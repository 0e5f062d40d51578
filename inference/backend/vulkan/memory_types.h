// Which Vulkan memory type an allocation takes, as pure functions over
// VkPhysicalDeviceMemoryProperties (tested with synthetic properties of a
// discrete card, an APU, lavapipe and a device whose only host-visible
// memory is not coherent: tests/inference/backend/tst_vulkan_memory_rules.cpp).
//
// The rules:
// - Device (weights, KV cache, activations): the device-local types first,
//   largest heap first. On a unified-memory device (isUnifiedMemory: not a
//   discrete card, and the largest device-local heap has a host-visible
//   type — integrated GPUs, lavapipe) the host-visible ones of those come first, coherent before
//   not, so uploads are a memcpy into mapped memory and no staging copy
//   doubles the RAM used; on a discrete card the plain device-local type
//   comes first (a host-visible device-local type there is the small BAR
//   window, kept for Upload). Then, for when those are out of memory (an
//   APU's device-local heap is a BIOS carve-out of a few hundred MiB), the
//   host-visible types of the other heaps, coherent first: slower for the
//   GPU, but the model loads, mapped directly.
// - Upload (written by the host every step) and Readback (read by it): host-
//   visible and coherent only — the Vulkan spec ("Device Memory
//   Properties") guarantees every device such a type — so the backend's
//   per-step writes and reads need no flush or invalidate. Upload prefers
//   device-local (ReBAR, integrated), Readback host-cached.
// Non-coherent memory is only ever written by Allocator::upload, which
// flushes the written range (flushRange below).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <vector>

namespace vela::backend::vulkan {

enum class MemoryKind {
    Device,   // device-local (may also be host-visible on integrated GPUs and lavapipe)
    Readback, // host-visible, for results read by the host
    Upload,   // host-visible, written by the host every step
};

// True when device memory is host memory, so it is mapped and written
// directly: the largest device-local heap has a host-visible memory type and
// the device is not a discrete card (with resizable BAR a card's VRAM is
// mappable too, and looks the same in the memory properties, but its
// system-RAM heap is across the bus: DeviceInfo::budgetBytes must not count it).
bool isUnifiedMemory(const VkPhysicalDeviceMemoryProperties& mp, bool discrete);

// The memory types (indices) an allocation of `kind` may take, best first,
// among those whose bit is set in `allowed` (VkMemoryRequirements::
// memoryTypeBits). The allocator tries them in order, skipping a type whose
// heap's budget is spent or whose vkAllocateMemory is out of memory.
// `unified`: isUnifiedMemory of the device (DeviceInfo::unifiedMemory).
std::vector<uint32_t> memoryTypeOrder(const VkPhysicalDeviceMemoryProperties& mp, uint32_t allowed, MemoryKind kind,
                                      bool unified);

// The range vkFlushMappedMemoryRanges / vkInvalidateMappedMemoryRanges get
// for host bytes [offset, offset + size) of a mapped allocation of
// `memorySize` bytes: offset rounded down and end up to nonCoherentAtomSize,
// the end clamped to the allocation (VUID-VkMappedMemoryRange-size-01390:
// a range ending short of a multiple of the atom must end at the
// allocation's end).
struct MappedRange {
    VkDeviceSize offset = 0, size = 0;
};
MappedRange flushRange(VkDeviceSize offset, VkDeviceSize size, VkDeviceSize atom, VkDeviceSize memorySize);

} // namespace vela::backend::vulkan
