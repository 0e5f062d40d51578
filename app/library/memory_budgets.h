// The memory each place a model can run on offers: every Vulkan device
// (backend::vulkan::listDevices, DeviceInfo::budgetBytes) and the CPU
// (system RAM available now).
#pragma once

#include "fit_estimate.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vela::library {

struct MemoryBudget {
    std::string id;    // "vulkan:0", "cpu"
    std::string name;  // the device name, or "CPU (system memory)"
    DeviceKind kind = DeviceKind::Cpu;
    uint64_t budgetBytes = 0;
    bool isDefault = false; // the device `--backend auto` would pick
};

// GPUs first (the default one marked), then the CPU. `withGpus = false`
// skips creating a Vulkan instance (which costs ~100 ms with lavapipe).
std::vector<MemoryBudget> memoryBudgets(bool withGpus = true);

// MemAvailable from /proc/meminfo (Linux), else the physical pages free.
uint64_t availableSystemMemory();

} // namespace vela::library
