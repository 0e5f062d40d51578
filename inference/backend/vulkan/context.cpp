#include "backend/vulkan/context.h"

#include "backend/vulkan/memory_types.h"
#include "backend/vulkan/vk_check.h"
#include "common/error.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace vela::backend::vulkan {

namespace {

bool validationRequested()
{
    const char* v = std::getenv("VELA_VULKAN_VALIDATION");
    return v && *v && std::strcmp(v, "0") != 0;
}

bool hasLayer(const char* name)
{
    uint32_t n = 0;
    vkEnumerateInstanceLayerProperties(&n, nullptr);
    std::vector<VkLayerProperties> layers(n);
    vkEnumerateInstanceLayerProperties(&n, layers.data());
    for (const auto& l : layers)
        if (std::strcmp(l.layerName, name) == 0)
            return true;
    return false;
}

bool hasInstanceExtension(const char* name)
{
    uint32_t n = 0;
    vkEnumerateInstanceExtensionProperties(nullptr, &n, nullptr);
    std::vector<VkExtensionProperties> ext(n);
    vkEnumerateInstanceExtensionProperties(nullptr, &n, ext.data());
    for (const auto& e : ext)
        if (std::strcmp(e.extensionName, name) == 0)
            return true;
    return false;
}

bool hasDeviceExtension(VkPhysicalDevice pd, const char* name)
{
    uint32_t n = 0;
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, nullptr);
    std::vector<VkExtensionProperties> ext(n);
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, ext.data());
    for (const auto& e : ext)
        if (std::strcmp(e.extensionName, name) == 0)
            return true;
    return false;
}

VKAPI_ATTR VkBool32 VKAPI_CALL onValidationMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                   VkDebugUtilsMessageTypeFlagsEXT,
                                                   const VkDebugUtilsMessengerCallbackDataEXT* data, void* user)
{
    if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
        std::cerr << "vulkan validation: " << (data && data->pMessage ? data->pMessage : "?") << "\n";
        if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT && user)
            static_cast<Context*>(user)->countValidationError();
    }
    return VK_FALSE;
}

struct Instance {
    VkInstance handle = VK_NULL_HANDLE;
    bool debugUtils = false;
};

Instance createInstance(bool validation)
{
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "Vela";
    app.pEngineName = "Vela";
    app.apiVersion = VK_API_VERSION_1_2;
    std::vector<const char*> layers, extensions;
    Instance inst;
    if (validation && hasLayer("VK_LAYER_KHRONOS_validation")) {
        layers.push_back("VK_LAYER_KHRONOS_validation");
        if (hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME)) {
            extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
            inst.debugUtils = true;
        }
    } else if (validation) {
        std::cerr << "vela: VELA_VULKAN_VALIDATION is set but VK_LAYER_KHRONOS_validation is not installed\n";
    }
    VkInstanceCreateInfo ci{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    // MoltenVK and other portability drivers are only listed with this flag.
    if (hasInstanceExtension(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME)) {
        extensions.push_back(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME);
        ci.flags |= VK_INSTANCE_CREATE_ENUMERATE_PORTABILITY_BIT_KHR;
    }
    ci.pApplicationInfo = &app;
    ci.enabledLayerCount = uint32_t(layers.size());
    ci.ppEnabledLayerNames = layers.data();
    ci.enabledExtensionCount = uint32_t(extensions.size());
    ci.ppEnabledExtensionNames = extensions.data();
    VkResult r = vkCreateInstance(&ci, nullptr, &inst.handle);
    if (r == VK_ERROR_INCOMPATIBLE_DRIVER || r == VK_ERROR_INITIALIZATION_FAILED)
        throw RuntimeFailure("no Vulkan 1.2 driver is available (install your GPU's Vulkan driver, or Mesa's "
                             "lavapipe: mesa-vulkan-drivers)");
    check(r, "vkCreateInstance");
    return inst;
}

std::vector<VkPhysicalDevice> physicalDevices(VkInstance instance)
{
    uint32_t n = 0;
    check(vkEnumeratePhysicalDevices(instance, &n, nullptr), "vkEnumeratePhysicalDevices");
    std::vector<VkPhysicalDevice> devices(n);
    check(vkEnumeratePhysicalDevices(instance, &n, devices.data()), "vkEnumeratePhysicalDevices");
    return devices;
}

const char* typeName(VkPhysicalDeviceType t)
{
    switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
    default: return "other";
    }
}

DeviceInfo describe(VkPhysicalDevice pd, uint32_t index)
{
    DeviceInfo info;
    info.index = index;
    VkPhysicalDeviceSubgroupProperties subgroup{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
    VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    driver.pNext = &subgroup;
    VkPhysicalDeviceProperties2 props{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    props.pNext = &driver;
    vkGetPhysicalDeviceProperties2(pd, &props);
    const VkPhysicalDeviceProperties& p = props.properties;
    info.name = p.deviceName;
    info.type = typeName(p.deviceType);
    info.driver = std::string(driver.driverName) + (driver.driverInfo[0] ? std::string(" ") + driver.driverInfo : "");
    info.apiVersion = std::to_string(VK_API_VERSION_MAJOR(p.apiVersion)) + "." +
                      std::to_string(VK_API_VERSION_MINOR(p.apiVersion)) + "." +
                      std::to_string(VK_API_VERSION_PATCH(p.apiVersion));
    info.subgroupSize = subgroup.subgroupSize;
    info.subgroupArithmetic = (subgroup.supportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT) != 0 &&
                              (subgroup.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) != 0;
    DeviceLimits& l = info.limits;
    l.apiVersion = p.apiVersion;
    l.maxComputeSharedMemorySize = p.limits.maxComputeSharedMemorySize;
    l.maxComputeWorkGroupInvocations = p.limits.maxComputeWorkGroupInvocations;
    for (int d = 0; d < 3; ++d) {
        l.maxComputeWorkGroupSize[d] = p.limits.maxComputeWorkGroupSize[d];
        l.maxComputeWorkGroupCount[d] = p.limits.maxComputeWorkGroupCount[d];
    }
    l.maxStorageBufferRange = p.limits.maxStorageBufferRange;
    l.maxTexelBufferElements = p.limits.maxTexelBufferElements;
    l.minTexelBufferOffsetAlignment = p.limits.minTexelBufferOffsetAlignment;
    l.nonCoherentAtomSize = p.limits.nonCoherentAtomSize;
    uint32_t nq = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &nq, nullptr);
    std::vector<VkQueueFamilyProperties> families(nq);
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &nq, families.data());
    for (const auto& f : families)
        l.computeQueue = l.computeQueue || (f.queueFlags & VK_QUEUE_COMPUTE_BIT);
    info.unusableReason = unusableReason(l);
    info.vendorId = p.vendorID;
    if (hasDeviceExtension(pd, VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME)) {
        VkPhysicalDeviceSubgroupSizeControlPropertiesEXT sp{
            VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_PROPERTIES_EXT};
        VkPhysicalDeviceProperties2 p2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
        p2.pNext = &sp;
        vkGetPhysicalDeviceProperties2(pd, &p2);
        VkPhysicalDeviceSubgroupSizeControlFeaturesEXT sf{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_FEATURES_EXT};
        VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
        f2.pNext = &sf;
        vkGetPhysicalDeviceFeatures2(pd, &f2);
        info.subgroupSizeControl = sf.subgroupSizeControl && (sp.requiredSubgroupSizeStages & VK_SHADER_STAGE_COMPUTE_BIT);
        info.minSubgroupSize = sp.minSubgroupSize;
        info.maxSubgroupSize = sp.maxSubgroupSize;
    }

    VkPhysicalDeviceShaderFloat16Int8Features f16{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES};
    VkPhysicalDevice16BitStorageFeatures s16{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES};
    s16.pNext = &f16;
    // Integer dot products: the instance asks for Vulkan 1.2, so they are
    // used through the extension (core in 1.3 as the same feature struct),
    // and only where its feature is reported (enabled in Context::create).
    VkPhysicalDeviceShaderIntegerDotProductFeaturesKHR dot{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES_KHR};
    const bool hasDot = hasDeviceExtension(pd, VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);
    if (hasDot)
        f16.pNext = &dot;
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    features.pNext = &s16;
    vkGetPhysicalDeviceFeatures2(pd, &features);
    info.storage16Bit = s16.storageBuffer16BitAccess;
    info.float16Arithmetic = f16.shaderFloat16;
    info.integerDotProduct = hasDot && dot.shaderIntegerDotProduct;

    VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT};
    VkPhysicalDeviceMemoryProperties2 mem{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2};
    const bool hasBudget = hasDeviceExtension(pd, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
    if (hasBudget)
        mem.pNext = &budget;
    vkGetPhysicalDeviceMemoryProperties2(pd, &mem);
    const VkPhysicalDeviceMemoryProperties& mp = mem.memoryProperties;
    info.unifiedMemory = isUnifiedMemory(mp, p.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU);
    for (uint32_t h = 0; h < mp.memoryHeapCount; ++h) {
        MemoryHeapInfo heap;
        heap.size = mp.memoryHeaps[h].size;
        heap.deviceLocal = (mp.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) != 0;
        for (uint32_t t = 0; t < mp.memoryTypeCount; ++t)
            if (mp.memoryTypes[t].heapIndex == h && (mp.memoryTypes[t].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT))
                heap.hostVisible = true;
        if (hasBudget) {
            heap.budget = budget.heapBudget[h];
            heap.usage = budget.heapUsage[h];
        }
        info.heaps.push_back(heap);
    }
    return info;
}

int typeRank(const std::string& type)
{
    if (type == "discrete") return 0;
    if (type == "integrated") return 1;
    if (type == "virtual") return 2;
    if (type == "cpu") return 3;
    return 4;
}

std::string cacheDirectory()
{
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::string(xdg) + "/vela";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.cache/vela";
    return {};
}

} // namespace

uint64_t DeviceInfo::deviceLocalBytes() const
{
    uint64_t n = 0;
    for (const auto& h : heaps)
        if (h.deviceLocal)
            n += h.size;
    return n;
}

std::string DeviceInfo::refusal() const
{
    return "Vulkan device " + std::to_string(index) + " '" + name + "' cannot run Vela: " + unusableReason;
}

uint64_t DeviceInfo::budgetBytes() const
{
    uint64_t n = 0;
    for (const auto& h : heaps)
        if (h.deviceLocal || (unifiedMemory && h.hostVisible))
            n += h.available();
    return n;
}

std::vector<DeviceInfo> listDevices()
{
    Instance inst;
    try {
        inst = createInstance(false);
    } catch (const RuntimeFailure&) {
        return {};
    }
    std::vector<DeviceInfo> out;
    const auto devices = physicalDevices(inst.handle);
    for (uint32_t i = 0; i < devices.size(); ++i)
        out.push_back(describe(devices[i], i));
    vkDestroyInstance(inst.handle, nullptr);
    return out;
}

uint32_t chooseDefaultDevice(const std::vector<DeviceInfo>& devices)
{
    // An unusable device ranks after every usable one.
    auto rank = [&](uint32_t i) { return typeRank(devices[i].type) + (devices[i].usable() ? 0 : 100); };
    uint32_t best = 0;
    for (uint32_t i = 1; i < devices.size(); ++i)
        if (rank(i) < rank(best))
            best = i;
    return best;
}

std::shared_ptr<Context> Context::create(std::optional<uint32_t> deviceIndex)
{
    std::shared_ptr<Context> c(new Context());
    c->faults_ = FaultPlan::fromEnvironment();
    const bool validation = validationRequested();
    Instance inst = createInstance(validation);
    c->instance_ = inst.handle;
    if (inst.debugUtils) {
        auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(c->instance_, "vkCreateDebugUtilsMessengerEXT"));
        VkDebugUtilsMessengerCreateInfoEXT mi{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
        mi.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
        mi.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                         VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
        mi.pfnUserCallback = onValidationMessage;
        mi.pUserData = c.get();
        if (create)
            check(create(c->instance_, &mi, nullptr, &c->messenger_), "vkCreateDebugUtilsMessengerEXT");
    }

    const auto devices = physicalDevices(c->instance_);
    if (devices.empty())
        throw RuntimeFailure("no Vulkan device found (install a GPU driver, or Mesa's lavapipe: mesa-vulkan-drivers)");
    std::vector<DeviceInfo> infos;
    for (uint32_t i = 0; i < devices.size(); ++i)
        infos.push_back(describe(devices[i], i));
    uint32_t index = deviceIndex.value_or(chooseDefaultDevice(infos));
    if (index >= devices.size())
        throw InvalidInput("Vulkan device " + std::to_string(index) + " does not exist (" +
                           std::to_string(devices.size()) + " found; see vela-cli devices)");
    if (!infos[index].usable()) {
        const std::string why = infos[index].refusal();
        if (deviceIndex)
            throw InvalidInput(why + " (see vela-cli devices)");
        throw RuntimeFailure("no usable Vulkan device (" + why + "; see vela-cli devices)");
    }
    c->physical_ = devices[index];
    c->info_ = infos[index];
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(c->physical_, &props);
    c->limits_ = props.limits;
    c->plan_ = KernelPlan::forDevice(c->info_);
    vkGetPhysicalDeviceMemoryProperties(c->physical_, &c->memory_);

    uint32_t nq = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(c->physical_, &nq, nullptr);
    std::vector<VkQueueFamilyProperties> families(nq);
    vkGetPhysicalDeviceQueueFamilyProperties(c->physical_, &nq, families.data());
    // Prefer a compute-only family (async compute on discrete GPUs), else any with compute.
    int family = -1;
    for (uint32_t i = 0; i < nq; ++i)
        if ((families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) && !(families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT))
            family = int(i);
    for (uint32_t i = 0; i < nq && family < 0; ++i)
        if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT)
            family = int(i);
    if (family < 0)
        throw RuntimeFailure("Vulkan device '" + c->info_.name + "' has no compute queue");
    c->queueFamily_ = uint32_t(family);
    c->timestampValidBits_ = families[c->queueFamily_].timestampValidBits;
    c->fenceTimeout_ = c->info_.isCpu() ? kFenceTimeoutCpu : kFenceTimeoutGpu;

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo qi{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qi.queueFamilyIndex = c->queueFamily_;
    qi.queueCount = 1;
    qi.pQueuePriorities = &priority;
    std::vector<const char*> extensions;
    if (hasDeviceExtension(c->physical_, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME))
        extensions.push_back(VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
    // Creation feedback tells whether a pipeline came from the cache (the
    // "second start compiles nothing" check); core in Vulkan 1.3.
    c->creationFeedback_ = hasDeviceExtension(c->physical_, VK_EXT_PIPELINE_CREATION_FEEDBACK_EXTENSION_NAME);
    if (c->creationFeedback_)
        extensions.push_back(VK_EXT_PIPELINE_CREATION_FEEDBACK_EXTENSION_NAME);
    if (hasDeviceExtension(c->physical_, "VK_KHR_portability_subset"))
        extensions.push_back("VK_KHR_portability_subset");
    // matmul_tiled_int8_<type> (KernelPlan::integerDotProduct) needs the feature on.
    VkPhysicalDeviceShaderIntegerDotProductFeaturesKHR dot{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES_KHR};
    dot.shaderIntegerDotProduct = VK_TRUE;
    // Subgroup size control only where the plan asks for a subgroup size
    // (and so the device has the feature: KernelPlan::forDevice).
    VkPhysicalDeviceSubgroupSizeControlFeaturesEXT sizeControl{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_FEATURES_EXT};
    c->subgroupSizeControl_ = c->plan_.matmulSubgroupSize != 0 && c->info_.subgroupSizeControl;
    VkDeviceCreateInfo di{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    const void* chain = nullptr;
    if (c->info_.integerDotProduct) {
        extensions.push_back(VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);
        dot.pNext = const_cast<void*>(chain);
        chain = &dot;
    }
    if (c->subgroupSizeControl_) {
        extensions.push_back(VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME);
        sizeControl.subgroupSizeControl = VK_TRUE;
        sizeControl.pNext = const_cast<void*>(chain);
        chain = &sizeControl;
    }
    di.pNext = chain;
    di.queueCreateInfoCount = 1;
    di.pQueueCreateInfos = &qi;
    di.enabledExtensionCount = uint32_t(extensions.size());
    di.ppEnabledExtensionNames = extensions.data();
    check(vkCreateDevice(c->physical_, &di, nullptr, &c->device_), "vkCreateDevice");
    vkGetDeviceQueue(c->device_, c->queueFamily_, 0, &c->queue_);

    VkCommandPoolCreateInfo pi{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pi.queueFamilyIndex = c->queueFamily_;
    check(vkCreateCommandPool(c->device_, &pi, nullptr, &c->commandPool_), "vkCreateCommandPool");
    VkFenceCreateInfo fi{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    check(vkCreateFence(c->device_, &fi, nullptr, &c->fence_), "vkCreateFence");

    // The pipeline cache lives in the user's cache directory, one file per
    // device and driver, so a second start compiles no shader.
    std::vector<char> cacheData;
    if (const std::string dir = cacheDirectory(); !dir.empty()) {
        c->pipelineCachePath_ = dir + "/pipelines-" + std::to_string(props.vendorID) + "-" +
                                std::to_string(props.deviceID) + "-" + std::to_string(props.driverVersion) + ".bin";
        std::ifstream f(c->pipelineCachePath_, std::ios::binary);
        cacheData.assign(std::istreambuf_iterator<char>(f), {});
    }
    VkPipelineCacheCreateInfo ci{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
    ci.initialDataSize = cacheData.size();
    ci.pInitialData = cacheData.empty() ? nullptr : cacheData.data();
    if (vkCreatePipelineCache(c->device_, &ci, nullptr, &c->pipelineCache_) != VK_SUCCESS) {
        ci.initialDataSize = 0; // a stale or foreign cache file: start empty
        ci.pInitialData = nullptr;
        check(vkCreatePipelineCache(c->device_, &ci, nullptr, &c->pipelineCache_), "vkCreatePipelineCache");
    }
    return c;
}

void Context::savePipelineCache()
{
    if (pipelineCachePath_.empty() || !pipelineCache_)
        return;
    size_t size = 0;
    if (vkGetPipelineCacheData(device_, pipelineCache_, &size, nullptr) != VK_SUCCESS || size == 0)
        return;
    std::vector<char> data(size);
    if (vkGetPipelineCacheData(device_, pipelineCache_, &size, data.data()) != VK_SUCCESS)
        return;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(pipelineCachePath_).parent_path(), ec);
    // Write then rename: a crash never leaves a torn cache file behind.
    const std::string tmp = pipelineCachePath_ + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f.write(data.data(), std::streamsize(size));
        if (!f)
            return;
    }
    std::filesystem::rename(tmp, pipelineCachePath_, ec);
}

void Context::submitAndWait(VkCommandBuffer cmd)
{
    // A lost device stays lost (Vulkan spec, "Lost Device"): every later
    // submission fails the same way until the context is recreated.
    if (lost_.load())
        throw DeviceLost("the GPU device '" + info_.name + "' was lost; reload the model to continue");
    try {
        if (faults_.loseDeviceAtSubmit && ++submissions_ == faults_.loseDeviceAtSubmit)
            check(VK_ERROR_DEVICE_LOST, "vkQueueSubmit (fault injected by VELA_FAULT_INJECTION)");
        VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        si.commandBufferCount = 1;
        si.pCommandBuffers = &cmd;
        check(vkResetFences(device_, 1, &fence_), "vkResetFences");
        check(vkQueueSubmit(queue_, 1, &si, fence_), "vkQueueSubmit");
        const VkResult waited =
            vkWaitForFences(device_, 1, &fence_, VK_TRUE, uint64_t(std::max<int64_t>(fenceTimeout_.count(), 0)));
        if (waited == VK_TIMEOUT) {
            const double seconds = std::chrono::duration<double>(fenceTimeout_).count();
            std::ostringstream what;
            what << "the GPU device '" << info_.name << "' did not finish its work within " << seconds
                 << " s (it may be hung or far too slow for this model); reload the model to continue";
            throw DeviceLost(what.str());
        }
        check(waited, "vkWaitForFences");
    } catch (const DeviceLost&) {
        lost_.store(true);
        throw;
    }
}

void Context::settleAfterLoss()
{
    if (lost_.load() && !settled_.exchange(true))
        vkDeviceWaitIdle(device_); // VK_ERROR_DEVICE_LOST here means it is idle as well
}

void Context::reserveDeviceMemory(uint64_t bytes, const std::string& what)
{
    if (faults_.failAllocation && ++allocations_ == faults_.failAllocation)
        throw OutOfDeviceMemory("not enough GPU memory for " + what + ": needed " + std::to_string((bytes + (1u << 20) - 1) >> 20) +
                                " MiB more (fault injected by VELA_FAULT_INJECTION)");
    const uint64_t limit = memoryLimit_.load();
    const uint64_t used = deviceBytes_.fetch_add(bytes) + bytes;
    if (limit != 0 && used > limit) {
        deviceBytes_.fetch_sub(bytes);
        throw OutOfDeviceMemory("not enough GPU memory for " + what + ": needed " + std::to_string((bytes + (1u << 20) - 1) >> 20) +
                                " MiB more, " + std::to_string((used - bytes) >> 20) + " MiB already in use, limit " +
                                std::to_string(limit >> 20) + " MiB (the GPU memory limit setting)");
    }
}

bool Context::reserveHeap(uint32_t heap, uint64_t bytes, bool pastBudget)
{
    if (heap >= info_.heaps.size())
        return false;
    const uint64_t inHeap = heapBytes_[heap].fetch_add(bytes) + bytes;
    if (!pastBudget && inHeap > info_.heaps[heap].available()) {
        heapBytes_[heap].fetch_sub(bytes);
        return false;
    }
    return true;
}

void Context::releaseHeap(uint32_t heap, uint64_t bytes)
{
    if (heap < heapBytes_.size())
        heapBytes_[heap].fetch_sub(bytes);
}

Context::~Context()
{
    if (device_) {
        vkDeviceWaitIdle(device_);
        if (!lost_.load())
            savePipelineCache();
        if (pipelineCache_)
            vkDestroyPipelineCache(device_, pipelineCache_, nullptr);
        if (fence_)
            vkDestroyFence(device_, fence_, nullptr);
        if (commandPool_)
            vkDestroyCommandPool(device_, commandPool_, nullptr);
        vkDestroyDevice(device_, nullptr);
    }
    if (messenger_) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy)
            destroy(instance_, messenger_, nullptr);
    }
    if (instance_)
        vkDestroyInstance(instance_, nullptr);
}

} // namespace vela::backend::vulkan
