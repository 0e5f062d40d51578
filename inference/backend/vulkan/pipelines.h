// Compute pipelines built from the SPIR-V embedded at build time (shaders/),
// created on first use and kept for the device's lifetime; creation goes
// through the Context's pipeline cache so a second start compiles nothing.
#pragma once

#include "backend/vulkan/context.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace vela::backend::vulkan {

// Values of specialization constants 1, 2, ... of a pipeline (constant 0 is
// always the workgroup size).
using Specialization = std::vector<uint32_t>;

struct Pipeline {
    VkPipeline pipeline = VK_NULL_HANDLE;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
    uint32_t bindings = 0;
    uint32_t pushBytes = 0;
    uint32_t workgroupSize = 0;
};

class Pipelines {
public:
    explicit Pipelines(std::shared_ptr<Context> context);
    ~Pipelines();
    Pipelines(const Pipelines&) = delete;
    Pipelines& operator=(const Pipelines&) = delete;

    // The pipeline of shader `name` whose bindings 0, 1, ... have the
    // descriptor `types` (storage or uniform texel buffers), a push constant
    // block of `pushBytes` and workgroup size (specialization constant 0)
    // `workgroupSize` and further `constants`. Throws when the shader is not
    // embedded.
    const Pipeline& get(const std::string& name, const std::vector<VkDescriptorType>& types, uint32_t pushBytes,
                        uint32_t workgroupSize, const Specialization& constants = {});

    Context& context() { return *context_; }

    // Pipelines created so far, and how many of them the driver took from
    // the pipeline cache without compiling (known only with
    // Context::creationFeedback()).
    struct Stats {
        uint32_t created = 0;
        uint32_t cacheHits = 0;
    };
    Stats stats() const
    {
        std::lock_guard lock(mutex_);
        return stats_;
    }

private:
    std::shared_ptr<Context> context_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<Pipeline>> pipelines_;
    Stats stats_;
};

} // namespace vela::backend::vulkan
