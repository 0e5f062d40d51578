#include "run_options.h"

#include "backend/backend_factory.h"
#include "runtime/defaults.h"
#include "sampling/fields.h"

#include <charconv>
#include <cmath>
#include <algorithm>
#include <cstdlib>
#include <random>
#include <sstream>

namespace vela::cli {

namespace {

long long parseInteger(const std::string& name, const std::string& v)
{
    long long x = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (ec != std::errc() || p != v.data() + v.size())
        throw UsageError(name + ": '" + v + "' is not an integer");
    return x;
}

double parseReal(const std::string& name, const std::string& v)
{
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(x))
        throw UsageError(name + ": '" + v + "' is not a number");
    return x;
}

} // namespace

int parseIntOption(const Args& args, const std::string& name, int fallback, int min, int max)
{
    auto v = args.value(name);
    if (!v)
        return fallback;
    const long long x = parseInteger(name, *v);
    if (x < min || x > max)
        throw UsageError(name + " " + *v + " is out of range (" + std::to_string(min) + ".." + std::to_string(max) + ")");
    return int(x);
}

double parseFloatOption(const Args& args, const std::string& name, double fallback, double min, double max)
{
    auto v = args.value(name);
    if (!v)
        return fallback;
    const double x = parseReal(name, *v);
    if (x < min || x > max) {
        std::ostringstream range;
        range << min << ".." << max;
        throw UsageError(name + " " + *v + " is out of range (" + range.str() + ")");
    }
    return x;
}

const std::set<std::string> kRunOptions = {"--backend", "--device", "--threads", "--ctx", "--matmul", "--submission-ms"};
const std::set<std::string> kSamplingOptions = [] {
    std::set<std::string> flags{"--seed"};
    for (const sampling::Field& f : sampling::fields())
        if (!f.flag.empty())
            flags.emplace(f.flag);
    return flags;
}();

uint32_t contextSizeFromArgs(const Args& args, const model::Config& config)
{
    const int fallback = int(runtime::defaultContextSize(config.trainedContext));
    return uint32_t(parseIntOption(args, "--ctx", fallback, 1, int(config.trainedContext)));
}

sampling::SamplingParams samplingFromArgs(const Args& args, sampling::SamplingParams p)
{
    for (const sampling::Field& f : sampling::fields()) {
        const std::string flag(f.flag);
        const auto v = flag.empty() ? std::nullopt : args.value(flag);
        if (!v)
            continue;
        // Integers as integers: "--top-k 2.5" is not a top-k.
        const double x = f.kind == sampling::FieldKind::Integer ? double(parseInteger(flag, *v)) : parseReal(flag, *v);
        if (sampling::check(f, x) != sampling::ValueCheck::Ok)
            throw UsageError(flag + " " + *v + " is out of range " + f.range.text());
        sampling::set(p, f, x);
    }
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
                     : matmulName == "tiled"    ? Matmul::Tiled
                                                : throw UsageError("--matmul must be auto, split-k, subgroup or tiled, not '" +
                                                                   matmulName + "'");
    if (args.value("--matmul") && options.kind == backend::BackendKind::Cpu)
        throw UsageError("--matmul chooses the Vulkan products' layout; it does not apply to --backend cpu");
    options.submissionTargetMs =
        parseFloatOption(args, "--submission-ms", backend::vulkan::kSubmissionTargetMs, 0.0, 1e9);
    if (args.value("--submission-ms") && options.kind == backend::BackendKind::Cpu)
        throw UsageError("--submission-ms sizes Vulkan submissions; it does not apply to --backend cpu");
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
