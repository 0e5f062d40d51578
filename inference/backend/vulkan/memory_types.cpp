#include "backend/vulkan/memory_types.h"

#include <algorithm>

namespace vela::backend::vulkan {

namespace {

constexpr VkMemoryPropertyFlags kDeviceLocal = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
constexpr VkMemoryPropertyFlags kHostVisible = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
constexpr VkMemoryPropertyFlags kCoherent = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
constexpr VkMemoryPropertyFlags kCached = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
// Types no allocation here may take: protected memory needs a protected
// queue, lazily allocated memory is for transient attachments, and the AMD
// device-coherent types are uncached and slow.
constexpr VkMemoryPropertyFlags kExcluded = VK_MEMORY_PROPERTY_PROTECTED_BIT |
                                            VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT |
                                            VK_MEMORY_PROPERTY_DEVICE_COHERENT_BIT_AMD;

bool has(VkMemoryPropertyFlags flags, VkMemoryPropertyFlags want) { return (flags & want) == want; }

} // namespace

bool isUnifiedMemory(const VkPhysicalDeviceMemoryProperties& mp, bool discrete)
{
    if (discrete)
        return false;
    int largest = -1;
    for (uint32_t h = 0; h < mp.memoryHeapCount; ++h)
        if ((mp.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) &&
            (largest < 0 || mp.memoryHeaps[h].size > mp.memoryHeaps[largest].size))
            largest = int(h);
    if (largest < 0)
        return false;
    for (uint32_t i = 0; i < mp.memoryTypeCount; ++i) {
        const VkMemoryPropertyFlags f = mp.memoryTypes[i].propertyFlags;
        if (int(mp.memoryTypes[i].heapIndex) == largest && has(f, kDeviceLocal | kHostVisible) && !(f & kExcluded))
            return true;
    }
    return false;
}

std::vector<uint32_t> memoryTypeOrder(const VkPhysicalDeviceMemoryProperties& mp, uint32_t allowed, MemoryKind kind,
                                      bool unified)
{
    // A rank per usable type (lower first); types that kind never takes get none.
    struct Ranked {
        uint32_t type;
        int rank;
        VkDeviceSize heapSize;
    };
    std::vector<Ranked> ranked;
    for (uint32_t i = 0; i < mp.memoryTypeCount; ++i) {
        const VkMemoryPropertyFlags f = mp.memoryTypes[i].propertyFlags;
        if (!(allowed & (1u << i)) || (f & kExcluded))
            continue;
        const bool local = f & kDeviceLocal, visible = f & kHostVisible, coherent = f & kCoherent;
        int rank = -1;
        switch (kind) {
        case MemoryKind::Device:
            if (local && unified)
                rank = visible ? (coherent ? 0 : 1) : 2;
            else if (local)
                rank = visible ? 1 : 0;
            else if (visible)
                rank = coherent ? 3 : 4;
            break;
        case MemoryKind::Upload:
            if (visible && coherent)
                rank = local ? 0 : 1;
            break;
        case MemoryKind::Readback:
            if (visible && coherent)
                rank = (f & kCached) ? 0 : 1;
            break;
        }
        if (rank >= 0)
            ranked.push_back({i, rank, mp.memoryHeaps[mp.memoryTypes[i].heapIndex].size});
    }
    // Stable: among equals, the driver's order (the spec asks drivers to
    // list faster types first).
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        return a.rank != b.rank ? a.rank < b.rank : a.heapSize > b.heapSize;
    });
    std::vector<uint32_t> out;
    for (const Ranked& r : ranked)
        out.push_back(r.type);
    return out;
}

MappedRange flushRange(VkDeviceSize offset, VkDeviceSize size, VkDeviceSize atom, VkDeviceSize memorySize)
{
    atom = std::max<VkDeviceSize>(atom, 1);
    const VkDeviceSize begin = offset / atom * atom;
    const VkDeviceSize end = std::min(memorySize, (offset + size + atom - 1) / atom * atom);
    return {begin, end - begin};
}

} // namespace vela::backend::vulkan
