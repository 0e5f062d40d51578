#include "run_options.h"

#include "backend/backend_factory.h"
#include "runtime/defaults.h"

#include <charconv>
#include <cmath>
#include <algorithm>
#include <cstdlib>
#include <random>
#include <sstream>

namespace vela::cli {

int parseIntOption(const Args& args, const std::string& name, int fallback, int min, int max)
{
    auto v = args.value(name);
    if (!v)
        return fallback;
    long long x = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
    if (ec != std::errc() || p != v->data() + v->size())
        throw UsageError(name + ": '" + *v + "' is not an integer");
    if (x < min || x > max)
        throw UsageError(name + " " + *v + " is out of range (" + std::to_string(min) + ".." + std::to_string(max) + ")");
    return int(x);
}

double parseFloatOption(const Args& args, const std::string& name, double fallback, double min, double max)
{
    auto v = args.value(name);
    if (!v)
        return fallback;
    char* end = nullptr;
    const double x = std::strtod(v->c_str(), &end);
    if (v->empty() || end != v->c_str() + v->size() || !std::isfinite(x))
        throw UsageError(name + ": '" + *v + "' is not a number");
    if (x < min || x > max) {
        std::ostringstream range;
        range << min << ".." << max;
        throw UsageError(name + " " + *v + " is out of range (" + range.str() + ")");
    }
    return x;
}

const std::set<std::string> kRunOptions = {"--backend", "--device", "--threads", "--ctx", "--matmul"};
const std::set<std::string> kSamplingOptions = {"--temp", "--top-k", "--top-p", "--min-p", "--repeat-penalty",
                                                "--presence-penalty", "--frequency-penalty", "--seed"};

uint32_t contextSizeFromArgs(const Args& args, const model::Config& config)
{
    const int fallback = int(runtime::defaultContextSize(config.contextLength));
    return uint32_t(parseIntOption(args, "--ctx", fallback, 1, int(config.contextLength)));
}

sampling::SamplingParams samplingFromArgs(const Args& args, sampling::SamplingParams p)
{
    p.temperature = float(parseFloatOption(args, "--temp", p.temperature, 0.0, 100.0));
    p.topK = parseIntOption(args, "--top-k", p.topK, 0, 1 << 30);
    p.topP = float(parseFloatOption(args, "--top-p", p.topP, 1e-6, 1.0));
    p.minP = float(parseFloatOption(args, "--min-p", p.minP, 0.0, 1.0));
    p.repeatPenalty = float(parseFloatOption(args, "--repeat-penalty", p.repeatPenalty, 1e-3, 10.0));
    p.presencePenalty = float(parseFloatOption(args, "--presence-penalty", p.presencePenalty, -100.0, 100.0));
    p.frequencyPenalty = float(parseFloatOption(args, "--frequency-penalty", p.frequencyPenalty, -100.0, 100.0));
    if (auto seed = args.value("--seed")) {
        char* end = nullptr;
        const unsigned long long v = std::strtoull(seed->c_str(), &end, 10);
        if (seed->empty() || *end != '\0' || (*seed)[0] == '-')
            throw UsageError("--seed: '" + *seed + "' is not a non-negative integer");
        p.seed = v;
    } else {
        p.seed = std::random_device{}();
    }
    p.validate();
    return p;
}

std::unique_ptr<backend::Backend> createBackendFromArgs(const Args& args, std::shared_ptr<const model::Model> model)
{
    backend::BackendOptions options;
    options.threads = unsigned(parseIntOption(args, "--threads", 0, 0, 1024));
    if (args.value("--device"))
        options.device = uint32_t(parseIntOption(args, "--device", 0, 0, 1024));
    const std::string kind = args.value("--backend").value_or("auto");
    options.kind = kind == "auto"     ? backend::BackendKind::Auto
                   : kind == "cpu"    ? backend::BackendKind::Cpu
                   : kind == "vulkan" ? backend::BackendKind::Vulkan
                                      : throw UsageError("--backend must be auto, cpu or vulkan, not '" + kind + "'");
    if (options.device && options.kind == backend::BackendKind::Cpu)
        throw UsageError("--device selects a Vulkan device; it does not apply to --backend cpu");
    using Matmul = backend::vulkan::VulkanOptions::Matmul;
    const std::string matmulName = args.value("--matmul").value_or("auto");
    options.matmul = matmulName == "auto"       ? Matmul::Auto
                     : matmulName == "split-k"  ? Matmul::SplitK
                     : matmulName == "subgroup" ? Matmul::Subgroup
                                                : throw UsageError("--matmul must be auto, split-k or subgroup, not '" +
                                                                   matmulName + "'");
    if (args.value("--matmul") && options.kind == backend::BackendKind::Cpu)
        throw UsageError("--matmul chooses the Vulkan products' layout; it does not apply to --backend cpu");
    return backend::createBackend(std::move(model), options);
}

} // namespace vela::cli

namespace vela::cli {

LoadedModel loadModel(const Args& args, const std::string& path)
{
    LoadedModel m;
    m.model = model::Model::open(path);
    m.tokenizer = std::make_unique<tokenizer::Tokenizer>(tokenizer::Tokenizer::fromGguf(m.model->file));
    m.family = chat::detectFamily(m.model->file);
    m.backend = createBackendFromArgs(args, m.model);
    return m;
}

} // namespace vela::cli
