// vela-cli devices: the Vulkan devices Vela can run on, and which it picks.
// Exit status 1 when there is none (with --json too, after the empty list):
// a script that asks which GPU it will use (the device benchmark) must not
// read "no device" as success.
#include "cli_args.h"
#include "commands.h"

#include "backend/vulkan/context.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <ostream>

namespace vela::cli {

int runDevices(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--json"}, .withValue = {}, .minPositional = 0, .maxPositional = 0});
    const auto devices = backend::vulkan::listDevices();
    const uint32_t chosen = devices.empty() ? 0 : backend::vulkan::chooseDefaultDevice(devices);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : devices) {
        nlohmann::json heaps = nlohmann::json::array();
        for (const auto& h : d.heaps)
            heaps.push_back({{"size", h.size}, {"budget", h.budget}, {"usage", h.usage}, {"device_local", h.deviceLocal}});
        list.push_back({{"index", d.index},
                        {"name", d.name},
                        {"type", d.type},
                        {"driver", d.driver},
                        {"api_version", d.apiVersion},
                        {"default", d.index == chosen},
                        {"heaps", heaps},
                        {"subgroup_size", d.subgroupSize},
                        {"max_storage_buffer_range", d.maxStorageBufferRange},
                        {"features",
                         {{"storage_16bit", d.storage16Bit},
                          {"float16_arithmetic", d.float16Arithmetic},
                          {"integer_dot_product", d.integerDotProduct},
                          {"subgroup_arithmetic", d.subgroupArithmetic}}}});
    }
    if (args.flag("--json"))
        out << nlohmann::json{{"devices", list}}.dump(2) << "\n";
    if (devices.empty()) {
        std::cerr << "vela-cli: no Vulkan device found. Install your GPU's Vulkan driver, or Mesa's lavapipe "
                     "(mesa-vulkan-drivers); vela-cli falls back to --backend cpu.\n";
        return 1;
    }
    if (args.flag("--json"))
        return 0;
    for (const auto& d : devices) {
        out << (d.index == chosen ? "* " : "  ") << d.index << ": " << d.name << " (" << d.type << ", " << d.driver
            << ", Vulkan " << d.apiVersion << ")\n";
        for (const auto& h : d.heaps)
            out << "      heap " << std::fixed << std::setprecision(1) << double(h.size) / (1 << 30) << " GiB"
                << (h.deviceLocal ? " device-local" : " host")
                << (h.budget ? ", budget " + std::to_string(h.budget >> 20) + " MiB" : std::string()) << "\n";
        out << "      subgroup " << d.subgroupSize << "; 16-bit storage " << (d.storage16Bit ? "yes" : "no")
            << ", float16 " << (d.float16Arithmetic ? "yes" : "no") << ", integer dot product "
            << (d.integerDotProduct ? "yes" : "no") << ", subgroup arithmetic " << (d.subgroupArithmetic ? "yes" : "no")
            << "\n";
    }
    out << "(* = used by default; choose another with --device N)\n";
    return 0;
}

} // namespace vela::cli
