// VkResult checking: every call goes through check(), which turns failures
// into vela errors (DeviceLost and OutOfDeviceMemory have their own types so
// callers can recover).
#pragma once

#include <vulkan/vulkan.h>

namespace vela::backend::vulkan {

const char* resultName(VkResult r);
void check(VkResult r, const char* what);

} // namespace vela::backend::vulkan
