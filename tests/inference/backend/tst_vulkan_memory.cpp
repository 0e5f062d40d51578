// The Allocator on the machine's Vulkan device (lavapipe in CI): where its
// blocks go (the first memory type of memoryTypeOrder), direct uploads into
// mapped device memory on a unified-memory device, and the accounting
// against heaps and the memory limit (Context::reserveHeap /
// reserveDeviceMemory) that the fallbacks rely on.
#include "backend/vulkan/context.h"
#include "backend/vulkan/memory.h"
#include "common/error.h"

#include <QtTest>

#include <cstring>
#include <numeric>

using namespace vela;
using namespace vela::backend::vulkan;

class TestVulkanMemory : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (listDevices().empty())
            QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
    }

    void blocksTakeTheFirstTypeAndCountAgainstTheirHeap()
    {
        auto c = Context::create();
        const VkPhysicalDeviceMemoryProperties& mp = c->memoryProperties();
        const uint32_t heapCount = mp.memoryHeapCount;
        {
            Allocator a(*c, VkDeviceSize(4) << 20);
            const BufferSlice dev = a.allocate(1000, MemoryKind::Device, "test weights");
            const BufferSlice up = a.allocate(64, MemoryKind::Upload, "test parameters");
            const uint32_t devType = a.memoryTypeOf(dev), upType = a.memoryTypeOf(up);
            // No budget is spent yet: the most preferred type that the
            // buffer allows.
            VkMemoryRequirements req{};
            VkBufferCreateInfo bi{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
            bi.size = 4 << 20;
            bi.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT |
                       VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
            VkBuffer probe = VK_NULL_HANDLE;
            QCOMPARE(vkCreateBuffer(c->device(), &bi, nullptr, &probe), VK_SUCCESS);
            vkGetBufferMemoryRequirements(c->device(), probe, &req);
            vkDestroyBuffer(c->device(), probe, nullptr);
            QCOMPARE(devType, memoryTypeOrder(mp, req.memoryTypeBits, MemoryKind::Device, c->info().unifiedMemory).front());
            QCOMPARE(upType, memoryTypeOrder(mp, req.memoryTypeBits, MemoryKind::Upload, c->info().unifiedMemory).front());
            QVERIFY(mp.memoryTypes[upType].propertyFlags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);

            // Device memory counts against the limit; every block against its heap.
            QVERIFY(c->deviceBytes() >= VkDeviceSize(4) << 20);
            uint64_t held = 0;
            for (uint32_t h = 0; h < heapCount; ++h)
                held += c->heapBytes(h);
            QVERIFY(held >= c->deviceBytes() + (1 << 20)); // plus the 1 MiB Upload block
            QVERIFY(c->heapBytes(mp.memoryTypes[devType].heapIndex) >= VkDeviceSize(4) << 20);

            // A unified-memory device (lavapipe, integrated GPUs) maps its
            // device memory: the upload is a memcpy, no staging block.
            if (c->info().unifiedMemory) {
                QVERIFY(dev.mapped);
                std::vector<uint8_t> bytes(1000);
                std::iota(bytes.begin(), bytes.end(), uint8_t(0));
                a.upload(dev, 0, bytes.data(), bytes.size());
                QCOMPARE(std::memcmp(dev.mapped, bytes.data(), bytes.size()), 0);
                QCOMPARE(a.allocatedBytes(MemoryKind::Upload), uint64_t(1) << 20); // no staging buffer
            }
        }
        // Destroying the allocator gives everything back.
        QCOMPARE(c->deviceBytes(), uint64_t(0));
        for (uint32_t h = 0; h < heapCount; ++h)
            QCOMPARE(c->heapBytes(h), uint64_t(0));
        QCOMPARE(c->validationErrors(), 0u); // with VELA_VULKAN_VALIDATION=1
    }

    // The memory limit is the total of Device memory in any heap: past it
    // the allocation fails at once (no fallback heap), naming what did not
    // fit, and nothing stays accounted.
    void theLimitIsFinalAndLeavesNothingAccounted()
    {
        auto c = Context::create();
        c->setMemoryLimit(1 << 20);
        Allocator a(*c, VkDeviceSize(4) << 20);
        QVERIFY_THROWS_EXCEPTION(OutOfDeviceMemory, a.allocate(1000, MemoryKind::Device, "test weights"));
        QCOMPARE(c->deviceBytes(), uint64_t(0));
        for (uint32_t h = 0; h < c->memoryProperties().memoryHeapCount; ++h)
            QCOMPARE(c->heapBytes(h), uint64_t(0));
        // Host-visible per-step memory is not limited.
        QVERIFY(a.allocate(64, MemoryKind::Readback, "test results").mapped);
        QCOMPARE(c->validationErrors(), 0u);
    }

    // A heap's budget bounds what the allocator puts there: reserveHeap
    // refuses past available() and the caller moves on to the next type.
    void heapBudgetsRefusePastAvailable()
    {
        auto c = Context::create();
        const uint64_t avail = c->info().heaps[0].available();
        QVERIFY(!c->reserveHeap(0, avail + 1));
        QCOMPARE(c->heapBytes(0), uint64_t(0));
        QVERIFY(c->reserveHeap(0, avail));
        QVERIFY(!c->reserveHeap(0, 1));
        c->releaseHeap(0, avail);
        QCOMPARE(c->heapBytes(0), uint64_t(0));
        QVERIFY(c->reserveHeap(0, 1, true)); // past the budget when asked
        c->releaseHeap(0, 1);
        QVERIFY(!c->reserveHeap(VK_MAX_MEMORY_HEAPS, 1)); // no such heap
    }

    // With the preferred heap's budget spent (here: accounted as full), a
    // Device block goes to the next type of memoryTypeOrder in another heap
    // — or, where there is none (lavapipe: one heap), the driver is asked
    // past the budget and the load still goes on.
    void aSpentHeapFallsBackToTheNextType()
    {
        auto c = Context::create();
        const VkPhysicalDeviceMemoryProperties& mp = c->memoryProperties();
        Allocator a(*c, VkDeviceSize(1) << 20);
        const BufferSlice first = a.allocate(64, MemoryKind::Device, "test weights");
        const uint32_t preferredHeap = mp.memoryTypes[a.memoryTypeOf(first)].heapIndex;
        const uint64_t fill = c->info().heaps[preferredHeap].available() - c->heapBytes(preferredHeap);
        QVERIFY(c->reserveHeap(preferredHeap, fill));
        const BufferSlice second = a.allocate(2 << 20, MemoryKind::Device, "more test weights");
        QVERIFY(second.buffer != first.buffer);
        const uint32_t secondHeap = mp.memoryTypes[a.memoryTypeOf(second)].heapIndex;
        bool otherHeap = false;
        for (uint32_t t : memoryTypeOrder(mp, ~0u, MemoryKind::Device, c->info().unifiedMemory))
            otherHeap = otherHeap || mp.memoryTypes[t].heapIndex != preferredHeap;
        if (otherHeap)
            QVERIFY(secondHeap != preferredHeap);
        else
            QCOMPARE(secondHeap, preferredHeap);
        c->releaseHeap(preferredHeap, fill);
        QCOMPARE(c->validationErrors(), 0u);
    }
};

QTEST_GUILESS_MAIN(TestVulkanMemory)
#include "tst_vulkan_memory.moc"
