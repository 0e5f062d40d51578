#include "backend/vulkan/pipelines.h"

#include "backend/vulkan/vk_check.h"
#include "common/error.h"
#include "embedded_spirv.h"

#include <vector>

namespace vela::backend::vulkan {

Pipelines::Pipelines(std::shared_ptr<Context> context) : context_(std::move(context)) {}

Pipelines::~Pipelines()
{
    VkDevice d = context_->device();
    for (auto& [name, p] : pipelines_) {
        vkDestroyPipeline(d, p->pipeline, nullptr);
        vkDestroyPipelineLayout(d, p->layout, nullptr);
        vkDestroyDescriptorSetLayout(d, p->setLayout, nullptr);
    }
}

const Pipeline& Pipelines::get(const std::string& name, const std::vector<VkDescriptorType>& types,
                               uint32_t pushBytes, uint32_t workgroupSize, const Specialization& constants)
{
    const auto bindings = uint32_t(types.size());
    std::lock_guard lock(mutex_);
    std::string key = name + "/" + std::to_string(workgroupSize);
    for (uint32_t v : constants)
        key += "," + std::to_string(v);
    if (auto it = pipelines_.find(key); it != pipelines_.end())
        return *it->second;

    const std::span<const uint32_t> spirv = shaders::find(name);
    if (spirv.empty())
        throw RuntimeFailure("shader '" + name + "' is not embedded in this build");
    VkDevice d = context_->device();
    auto p = std::make_unique<Pipeline>();
    p->bindings = bindings;
    p->pushBytes = pushBytes;
    p->workgroupSize = workgroupSize;

    std::vector<VkDescriptorSetLayoutBinding> b(bindings);
    for (uint32_t i = 0; i < bindings; ++i)
        b[i] = {i, types[i], 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo li{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    li.bindingCount = bindings;
    li.pBindings = b.data();
    check(vkCreateDescriptorSetLayout(d, &li, nullptr, &p->setLayout), "vkCreateDescriptorSetLayout");

    VkPushConstantRange range{VK_SHADER_STAGE_COMPUTE_BIT, 0, pushBytes};
    VkPipelineLayoutCreateInfo pl{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    pl.setLayoutCount = 1;
    pl.pSetLayouts = &p->setLayout;
    pl.pushConstantRangeCount = pushBytes ? 1 : 0;
    pl.pPushConstantRanges = pushBytes ? &range : nullptr;
    check(vkCreatePipelineLayout(d, &pl, nullptr, &p->layout), "vkCreatePipelineLayout");

    VkShaderModuleCreateInfo mi{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    mi.codeSize = spirv.size() * 4;
    mi.pCode = spirv.data();
    VkShaderModule module;
    check(vkCreateShaderModule(d, &mi, nullptr, &module), "vkCreateShaderModule");

    std::vector<uint32_t> values{workgroupSize};
    values.insert(values.end(), constants.begin(), constants.end());
    std::vector<VkSpecializationMapEntry> entries;
    for (uint32_t i = 0; i < values.size(); ++i)
        entries.push_back({i, uint32_t(i * sizeof(uint32_t)), sizeof(uint32_t)});
    VkSpecializationInfo spec{uint32_t(entries.size()), entries.data(), values.size() * sizeof(uint32_t), values.data()};
    VkComputePipelineCreateInfo ci{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    ci.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    ci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    ci.stage.module = module;
    ci.stage.pName = "main";
    ci.stage.pSpecializationInfo = &spec;
    ci.layout = p->layout;
    // The subgroup decode products at the plan's subgroup size (wave64 on
    // AMD, whose drivers otherwise may pick wave32 and idle half of the
    // rows' lanes; KernelPlan::matmulSubgroupSize).
    VkPipelineShaderStageRequiredSubgroupSizeCreateInfoEXT required{
        VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_REQUIRED_SUBGROUP_SIZE_CREATE_INFO_EXT};
    required.requiredSubgroupSize = context_->plan().matmulSubgroupSize;
    if (context_->subgroupSizeControl() && name.rfind("matmul_subgroup_", 0) == 0)
        ci.stage.pNext = &required;
    VkPipelineCreationFeedbackEXT feedback{};
    VkPipelineCreationFeedbackCreateInfoEXT fi{VK_STRUCTURE_TYPE_PIPELINE_CREATION_FEEDBACK_CREATE_INFO_EXT};
    fi.pPipelineCreationFeedback = &feedback;
    if (context_->creationFeedback())
        ci.pNext = &fi;
    VkResult r = vkCreateComputePipelines(d, context_->pipelineCache(), 1, &ci, nullptr, &p->pipeline);
    vkDestroyShaderModule(d, module, nullptr);
    check(r, ("vkCreateComputePipelines(" + name + ")").c_str());
    ++stats_.created;
    if ((feedback.flags & VK_PIPELINE_CREATION_FEEDBACK_VALID_BIT_EXT) &&
        (feedback.flags & VK_PIPELINE_CREATION_FEEDBACK_APPLICATION_PIPELINE_CACHE_HIT_BIT_EXT))
        ++stats_.cacheHits;
    return *pipelines_.emplace(key, std::move(p)).first->second;
}

} // namespace vela::backend::vulkan
