#include "backend/vulkan/fault_injection.h"

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

namespace vela::backend::vulkan {

FaultPlan FaultPlan::fromEnvironment()
{
    FaultPlan plan;
#ifdef VELA_FAULT_INJECTION
    const char* env = std::getenv("VELA_FAULT_INJECTION");
    if (!env || !*env)
        return plan;
    std::stringstream ss(env);
    std::string item;
    while (std::getline(ss, item, ',')) {
        const auto eq = item.find('=');
        const std::string key = item.substr(0, eq);
        unsigned long n = 0;
        try {
            n = eq == std::string::npos ? 0 : std::stoul(item.substr(eq + 1));
        } catch (const std::exception&) {
            n = 0;
        }
        if (key == "alloc" && n > 0)
            plan.failAllocation = uint32_t(n);
        else if (key == "lost" && n > 0)
            plan.loseDeviceAtSubmit = uint32_t(n);
        else
            std::cerr << "vela: ignoring VELA_FAULT_INJECTION item '" << item << "' (want alloc=N or lost=N)\n";
    }
#endif
    return plan;
}

} // namespace vela::backend::vulkan
