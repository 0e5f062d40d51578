// Fault injection for the Vulkan backend, so tests can drive the paths that
// real hardware takes rarely: a full GPU while loading, a lost device while
// generating. Compiled in only with -DVELA_FAULT_INJECTION=ON (the default
// and debug presets, which run the tests; a release build has none of it)
// and armed only by the environment:
//
//   VELA_FAULT_INJECTION="alloc=N"   the N-th device-memory block a Context
//                                    allocates fails as out of device memory
//   VELA_FAULT_INJECTION="lost=N"    the N-th queue submission of a Context
//                                    reports VK_ERROR_DEVICE_LOST
//
// Both may be given, separated by a comma. Counting is per Context, from 1.
#pragma once

#include <cstdint>

namespace vela::backend::vulkan {

struct FaultPlan {
    uint32_t failAllocation = 0;    // 0: never
    uint32_t loseDeviceAtSubmit = 0; // 0: never

    // The plan in VELA_FAULT_INJECTION; empty when the variable is unset or
    // the build has no fault injection. A malformed value is ignored with a
    // message on stderr (a test that sets it will notice nothing fails).
    static FaultPlan fromEnvironment();
};

} // namespace vela::backend::vulkan
