// Options shared by the subcommands that run a model: --backend, --threads,
// --ctx and the sampling options.
#pragma once

#include "cli_args.h"

#include "backend/backend.h"
#include "chat/chat_format.h"
#include "tokenizer/tokenizer.h"
#include "sampling/sampler.h"

#include <memory>

namespace vela::cli {

// Everything a subcommand needs to run a model.
struct LoadedModel {
    std::shared_ptr<const model::Model> model;
    std::unique_ptr<tokenizer::Tokenizer> tokenizer;
    chat::TemplateFamily family = chat::TemplateFamily::Completion;
    std::unique_ptr<backend::Backend> backend;
};
LoadedModel loadModel(const Args& args, const std::string& path);

// --backend auto|cpu|vulkan (auto: Vulkan when a device exists, else the
// CPU), --device N (a Vulkan device index), --threads N (CPU), --matmul
// auto|split-k|subgroup|tiled (the Vulkan products' layout, to compare them),
// --submission-ms MS (the device time a Vulkan submission aims at,
// VulkanOptions::submissionTargetMs; huge for one submission per step).
std::unique_ptr<backend::Backend> createBackendFromArgs(const Args& args, std::shared_ptr<const model::Model> model);

// An integer option within [min, max], or `fallback` when absent.
int parseIntOption(const Args& args, const std::string& name, int fallback, int min, int max);
double parseFloatOption(const Args& args, const std::string& name, double fallback, double min, double max);

// The options that name a model run, for OptionSpec::withValue.
extern const std::set<std::string> kRunOptions;
extern const std::set<std::string> kSamplingOptions;

// --ctx N: the context size, default runtime::defaultContextSize(trained).
uint32_t contextSizeFromArgs(const Args& args, const model::Config& config);

// The flag of every sampling::fields() entry that has one (--temp --top-k
// --top-p --min-p --repeat-penalty --presence-penalty --frequency-penalty),
// within the table's ranges, and --seed, over the given preset; errors name
// the option.
sampling::SamplingParams samplingFromArgs(const Args& args, sampling::SamplingParams preset);

} // namespace vela::cli
