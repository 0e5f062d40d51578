#include "memory_budgets.h"

#include "backend/vulkan/context.h"

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace vela::library {

uint64_t availableSystemMemory()
{
    // MemAvailable counts reclaimable page cache, which is what a new
    // process can actually get (proc(5)); MemFree would be far too low.
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    uint64_t kib = 0;
    std::string unit;
    while (meminfo >> key >> kib >> unit) {
        if (key == "MemAvailable:")
            return kib * 1024;
    }
    const long pages = sysconf(_SC_AVPHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    return pages > 0 && pageSize > 0 ? uint64_t(pages) * uint64_t(pageSize) : 0;
}

std::vector<MemoryBudget> memoryBudgets(bool withGpus)
{
    std::vector<MemoryBudget> out;
    if (withGpus) {
        const auto devices = backend::vulkan::listDevices();
        const uint32_t chosen = devices.empty() ? 0 : backend::vulkan::chooseDefaultDevice(devices);
        for (const auto& d : devices) {
            if (!d.usable()) // nothing runs there (vela-cli devices says why)
                continue;
            MemoryBudget b;
            b.id = "vulkan:" + std::to_string(d.index);
            b.name = d.name;
            b.kind = DeviceKind::Gpu;
            b.budgetBytes = d.budgetBytes(); // which heaps count: DeviceInfo::budgetBytes
            b.isDefault = d.index == chosen;
            out.push_back(std::move(b));
        }
    }
    MemoryBudget cpu;
    cpu.id = "cpu";
    cpu.name = "CPU (system memory)";
    cpu.kind = DeviceKind::Cpu;
    cpu.budgetBytes = availableSystemMemory();
    cpu.isDefault = out.empty();
    out.push_back(std::move(cpu));
    return out;
}

} // namespace vela::library
