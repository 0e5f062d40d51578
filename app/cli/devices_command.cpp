// vela-cli devices: the Vulkan devices, which of them Vela can run on (and
// why not, for the others: DeviceInfo::unusableReason), and which it picks.
// Exit status 1 when none is usable (with --json too, after the list): a
// script that asks which GPU it will use (the device benchmark) must not
// read "no device" as success.
#include "cli_args.h"
#include "commands.h"

#include "backend/vulkan/context.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <ostream>

namespace vela::cli {

namespace {

std::string mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

void printDetails(const backend::vulkan::DeviceInfo& d, std::ostream& out)
{
    for (const auto& h : d.heaps)
        out << "      heap " << std::fixed << std::setprecision(1) << double(h.size) / (1 << 30) << " GiB"
            << (h.deviceLocal ? " device-local" : " host")
            << (h.budget ? ", budget " + std::to_string(h.budget >> 20) + " MiB" : std::string()) << "\n";
    out << "      subgroup " << d.subgroupSize << "; 16-bit storage " << (d.storage16Bit ? "yes" : "no")
        << ", float16 " << (d.float16Arithmetic ? "yes" : "no") << ", integer dot product "
        << (d.integerDotProduct ? "yes" : "no") << ", subgroup arithmetic " << (d.subgroupArithmetic ? "yes" : "no")
        << "\n";
    out << "      model memory " << mib(d.budgetBytes()) << (d.unifiedMemory ? " (unified memory)" : "")
        << "; shared memory " << d.limits.maxComputeSharedMemorySize << " B, workgroup "
        << d.limits.maxComputeWorkGroupInvocations << " invocations, texel buffer "
        << d.limits.maxTexelBufferElements << " elements\n";
}

} // namespace

int runDevices(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--json"}, .withValue = {}, .minPositional = 0, .maxPositional = 0});
    const auto devices = backend::vulkan::listDevices();
    const uint32_t chosen = devices.empty() ? 0 : backend::vulkan::chooseDefaultDevice(devices);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : devices) {
        nlohmann::json heaps = nlohmann::json::array();
        for (const auto& h : d.heaps)
            heaps.push_back({{"size", h.size},
                             {"budget", h.budget},
                             {"usage", h.usage},
                             {"device_local", h.deviceLocal},
                             {"host_visible", h.hostVisible}});
        list.push_back({{"index", d.index},
                        {"name", d.name},
                        {"type", d.type},
                        {"driver", d.driver},
                        {"api_version", d.apiVersion},
                        {"usable", d.usable()},
                        {"unusable_reason", d.unusableReason},
                        {"default", d.usable() && d.index == chosen},
                        {"heaps", heaps},
                        {"unified_memory", d.unifiedMemory},
                        {"model_budget", d.budgetBytes()},
                        {"subgroup_size", d.subgroupSize},
                        {"limits",
                         {{"max_storage_buffer_range", d.limits.maxStorageBufferRange},
                          {"max_texel_buffer_elements", d.limits.maxTexelBufferElements},
                          {"max_compute_shared_memory_size", d.limits.maxComputeSharedMemorySize},
                          {"max_compute_workgroup_invocations", d.limits.maxComputeWorkGroupInvocations},
                          {"max_compute_workgroup_size", d.limits.maxComputeWorkGroupSize}}},
                        {"features",
                         {{"storage_16bit", d.storage16Bit},
                          {"float16_arithmetic", d.float16Arithmetic},
                          {"integer_dot_product", d.integerDotProduct},
                          {"subgroup_arithmetic", d.subgroupArithmetic}}}});
    }
    const bool anyUsable = std::any_of(devices.begin(), devices.end(), [](const auto& d) { return d.usable(); });
    if (args.flag("--json"))
        out << nlohmann::json{{"devices", list}}.dump(2) << "\n";
    else
        for (const auto& d : devices) {
            out << (d.usable() && d.index == chosen ? "* " : "  ") << d.index << ": " << d.name << " (" << d.type << ", "
                << d.driver << ", Vulkan " << d.apiVersion << ")\n";
            if (!d.usable())
                out << "      not usable: " << d.unusableReason << "\n";
            printDetails(d, out);
        }
    if (devices.empty()) {
        std::cerr << "vela-cli: no Vulkan device found. Install your GPU's Vulkan driver, or Mesa's lavapipe "
                     "(mesa-vulkan-drivers); vela-cli falls back to --backend cpu.\n";
        return 1;
    }
    if (!anyUsable) {
        std::cerr << "vela-cli: no usable Vulkan device (see the reasons above); vela-cli falls back to --backend cpu.\n";
        return 1;
    }
    if (!args.flag("--json"))
        out << "(* = used by default; choose another with --device N)\n";
    return 0;
}

} // namespace vela::cli
