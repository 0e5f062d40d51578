// The memory-type rules of the Vulkan backend (memory_types.h) and the fit
// estimate's heap rule (DeviceInfo::budgetBytes), over synthetic memory
// properties of the devices they must serve: a discrete card with a BAR
// window, an APU whose device-local heap is a 512 MiB carve-out, lavapipe,
// and a device whose host-visible device memory is not coherent.
#include "backend/vulkan/context.h"
#include "backend/vulkan/memory_types.h"

#include <QtTest>

using namespace vela::backend::vulkan;

namespace {

constexpr VkMemoryPropertyFlags DL = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
constexpr VkMemoryPropertyFlags HV = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
constexpr VkMemoryPropertyFlags HC = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
constexpr VkMemoryPropertyFlags CACHED = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
constexpr uint64_t MiB = uint64_t(1) << 20, GiB = uint64_t(1) << 30;
constexpr uint32_t kAll = ~0u;

struct Heap {
    uint64_t size;
    bool deviceLocal;
};
struct Type {
    VkMemoryPropertyFlags flags;
    uint32_t heap;
};

VkPhysicalDeviceMemoryProperties props(std::initializer_list<Heap> heaps, std::initializer_list<Type> types)
{
    VkPhysicalDeviceMemoryProperties mp{};
    for (const Heap& h : heaps)
        mp.memoryHeaps[mp.memoryHeapCount++] = {h.size, h.deviceLocal ? VkMemoryHeapFlags(VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) : 0u};
    for (const Type& t : types)
        mp.memoryTypes[mp.memoryTypeCount++] = {t.flags, t.heap};
    return mp;
}

// NVIDIA-like: VRAM, system RAM, and the 256 MiB BAR window.
VkPhysicalDeviceMemoryProperties discrete()
{
    return props({{8 * GiB, true}, {16 * GiB, false}, {256 * MiB, true}},
                 {{DL, 0}, {HV | HC, 1}, {HV | HC | CACHED, 1}, {DL | HV | HC, 2}});
}
// RADV-like APU: a 512 MiB BIOS carve-out (device-local, mappable) and GTT.
VkPhysicalDeviceMemoryProperties apu()
{
    return props({{512 * MiB, true}, {15 * GiB, false}},
                 {{DL, 0}, {DL | HV | HC, 0}, {HV | HC, 1}, {HV | HC | CACHED, 1}});
}
// lavapipe: one heap, the system's RAM, every type bit.
VkPhysicalDeviceMemoryProperties lavapipe() { return props({{32 * GiB, true}}, {{DL | HV | HC | CACHED, 0}}); }
// Device memory mappable only as non-coherent (cached); coherent host memory
// (which the spec guarantees) only in the system heap.
VkPhysicalDeviceMemoryProperties nonCoherent()
{
    return props({{4 * GiB, true}, {8 * GiB, false}}, {{DL, 0}, {DL | HV | CACHED, 0}, {HV | HC, 1}});
}

// The synthetic devices with their class: only discrete() is a discrete card.
std::vector<uint32_t> order(const VkPhysicalDeviceMemoryProperties& mp, MemoryKind kind, uint32_t allowed = kAll,
                            bool discreteCard = false)
{
    return memoryTypeOrder(mp, allowed, kind, isUnifiedMemory(mp, discreteCard));
}

using Order = std::vector<uint32_t>;

} // namespace

class TestVulkanMemoryRules : public QObject {
    Q_OBJECT
private slots:
    void unifiedMemoryIsTheLargestDeviceHeapMappable()
    {
        QVERIFY(!isUnifiedMemory(discrete(), true)); // only the small BAR heap is mappable
        QVERIFY(!isUnifiedMemory(discrete(), false));
        QVERIFY(isUnifiedMemory(apu(), false));
        QVERIFY(isUnifiedMemory(lavapipe(), false));
        QVERIFY(isUnifiedMemory(nonCoherent(), false));
        QVERIFY(!isUnifiedMemory(props({{GiB, false}}, {{HV | HC, 0}}), false)); // no device-local heap at all
        // A card with resizable BAR has the APU's memory properties, but is
        // never unified: its system RAM is across the bus.
        QVERIFY(!isUnifiedMemory(apu(), true));
    }

    // A discrete card: VRAM through staging first, then the BAR window,
    // then (out of device memory) system RAM, mapped.
    void discreteCard()
    {
        QCOMPARE(order(discrete(), MemoryKind::Device, kAll, true), (Order{0, 3, 1, 2}));
        QCOMPARE(order(discrete(), MemoryKind::Upload, kAll, true), (Order{3, 1, 2}));
        QCOMPARE(order(discrete(), MemoryKind::Readback, kAll, true), (Order{2, 1, 3}));
        // With resizable BAR (all of VRAM mappable): still staged, the
        // mappable type second.
        QCOMPARE(order(apu(), MemoryKind::Device, kAll, true), (Order{0, 1, 2, 3}));
    }

    // The APU: the mappable carve-out first (no staging copy), then the
    // GTT heap the model loads into when the carve-out is full.
    void apuWithASmallCarveOut()
    {
        QCOMPARE(order(apu(), MemoryKind::Device), (Order{1, 0, 2, 3}));
        QCOMPARE(order(apu(), MemoryKind::Upload), (Order{1, 2, 3}));
        QCOMPARE(order(apu(), MemoryKind::Readback), (Order{3, 2, 1})); // cached, then the larger heap
    }

    void lavapipeHasOneTypeForEverything()
    {
        for (MemoryKind k : {MemoryKind::Device, MemoryKind::Upload, MemoryKind::Readback})
            QCOMPARE(order(lavapipe(), k), (Order{0}));
    }

    // Non-coherent memory only ever holds Device data (written by
    // Allocator::upload, which flushes); per-step Upload and Readback stay
    // coherent so the forward pass needs no flush or invalidate.
    void nonCoherentMemoryOnlyForDeviceData()
    {
        QCOMPARE(order(nonCoherent(), MemoryKind::Device), (Order{1, 0, 2}));
        QCOMPARE(order(nonCoherent(), MemoryKind::Upload), (Order{2}));
        QCOMPARE(order(nonCoherent(), MemoryKind::Readback), (Order{2}));
    }

    // memoryTypeBits of the buffer restrict the choice.
    void onlyAllowedTypes()
    {
        QCOMPARE(order(apu(), MemoryKind::Device, 0b1100), (Order{2, 3}));
        QCOMPARE(order(discrete(), MemoryKind::Upload, 0b0001, true), Order{});
    }

    void protectedAndLazyTypesAreNeverTaken()
    {
        const auto mp = props({{GiB, true}}, {{DL | VK_MEMORY_PROPERTY_PROTECTED_BIT, 0},
                                              {DL | VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT, 0}, {DL | HV | HC, 0}});
        QCOMPARE(order(mp, MemoryKind::Device), (Order{2}));
    }

    // Flush ranges: whole atoms, the end clamped to the allocation.
    void flushRangesAreAtomAligned()
    {
        auto check = [](VkDeviceSize off, VkDeviceSize size, VkDeviceSize atom, VkDeviceSize mem, VkDeviceSize wantOff,
                        VkDeviceSize wantSize) {
            const MappedRange r = flushRange(off, size, atom, mem);
            QCOMPARE(r.offset, wantOff);
            QCOMPARE(r.size, wantSize);
        };
        check(100, 10, 64, 4096, 64, 64);
        check(128, 64, 64, 4096, 128, 64);
        check(4000, 96, 64, 4096, 3968, 128);
        check(4000, 90, 64, 4090, 3968, 122); // ends at the allocation's end, short of an atom
        check(5, 3, 0, 100, 5, 3);            // no atom reported: as 1
    }

    // THE heap rule of the fit estimate (DeviceInfo::budgetBytes).
    void modelBudgetCountsTheHeapsTheAllocatorUses()
    {
        DeviceInfo card;
        card.unifiedMemory = false;
        card.heaps = {{8 * GiB, 7 * GiB, 0, true, false}, {16 * GiB, 0, 0, false, true}, {256 * MiB, 0, 0, true, true}};
        QCOMPARE(card.budgetBytes(), 7 * GiB + 256 * MiB); // device-local only: system RAM over the bus does not count

        DeviceInfo apuInfo;
        apuInfo.unifiedMemory = true;
        apuInfo.heaps = {{512 * MiB, 0, 0, true, true}, {15 * GiB, 12 * GiB, 0, false, true}};
        QCOMPARE(apuInfo.budgetBytes(), 512 * MiB + 12 * GiB); // the carve-out plus what GTT may take

        DeviceInfo lvp;
        lvp.unifiedMemory = true;
        lvp.heaps = {{32 * GiB, 20 * GiB, 0, true, true}};
        QCOMPARE(lvp.budgetBytes(), 20 * GiB);

        // A unified device's heap that has no host-visible type cannot be
        // the fallback and does not count.
        apuInfo.heaps.push_back({GiB, 0, 0, false, false});
        QCOMPARE(apuInfo.budgetBytes(), 512 * MiB + 12 * GiB);
    }
};

QTEST_GUILESS_MAIN(TestVulkanMemoryRules)
#include "tst_vulkan_memory_rules.moc"
