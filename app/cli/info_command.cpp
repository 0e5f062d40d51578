// vela-cli info: what a GGUF model is, without running it.
#include "cli_args.h"
#include "commands.h"

#include "chat/chat_format.h"
#include "gguf/gguf_file.h"
#include "model/config.h"
#include "model/weights.h"
#include "runtime/model_description.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

namespace vela::cli {

namespace {

// One number when every layer agrees, else the per-layer list.
nlohmann::json perLayer(const model::Config& c, uint32_t model::LayerShape::*field)
{
    bool uniform = true;
    for (const auto& l : c.layers)
        uniform = uniform && l.*field == c.layers[0].*field;
    if (uniform)
        return c.layers[0].*field;
    nlohmann::json a = nlohmann::json::array();
    for (const auto& l : c.layers)
        a.push_back(l.*field);
    return a;
}

std::string humanBytes(uint64_t n)
{
    std::ostringstream s;
    if (n >= (1ull << 30)) s << std::fixed << std::setprecision(2) << double(n) / double(1ull << 30) << " GiB";
    else if (n >= (1ull << 20)) s << std::fixed << std::setprecision(1) << double(n) / double(1ull << 20) << " MiB";
    else s << n << " B";
    return s.str();
}

} // namespace

int runInfo(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--json"}, .withValue = {}, .minPositional = 1, .maxPositional = 1});
    const std::string path = args.positional()[0];
    const gguf::File file = gguf::File::open(path);
    const model::Config config = model::Config::fromGguf(file);
    const bool hasWeights = !file.tensors().empty();
    model::Weights weights;
    if (hasWeights)
        weights = model::Weights::bind(file, config);
    const tokenizer::Tokenizer tok = tokenizer::Tokenizer::fromGguf(file);
    // What the Models page and the status bar show too (one description).
    const runtime::ModelDescription d = runtime::describeGguf(file, config, weights, path);
    const bool hasTemplate = file.metadata().getString("tokenizer.chat_template").has_value();

    nlohmann::json j;
    j["file"] = path;
    j["file_size"] = d.fileBytes;
    j["gguf_version"] = file.version();
    j["architecture"] = d.architecture;
    j["name"] = config.name;
    j["parameters"] = d.parameters;
    j["quantization"] = d.quantization;
    j["layers"] = d.layers;
    j["embedding"] = config.nEmbd;
    j["heads"] = perLayer(config, &model::LayerShape::nHead);
    j["kv_heads"] = perLayer(config, &model::LayerShape::nHeadKv);
    j["head_dim"] = config.headDim;
    j["ffn"] = perLayer(config, &model::LayerShape::nFf);
    j["vocab"] = config.nVocab;
    j["tokenizer_vocab"] = tok.vocabSize();
    j["context_length"] = d.trainedContext;
    j["rope_base"] = config.ropeBase;
    j["rms_eps"] = config.rmsEps;
    j["tied_embeddings"] = hasWeights ? nlohmann::json(weights.tiedEmbeddings) : nlohmann::json(nullptr);
    j["weights"] = hasWeights;
    j["tensor_count"] = file.tensors().size();
    j["tensor_types"] = d.tensorTypes;
    j["chat_template"] = hasTemplate;
    j["template_family"] = chat::familyName(d.templateFamily);
    j["unused_tensors"] = weights.unusedTensors;

    if (args.flag("--json")) {
        out << j.dump(2) << "\n";
        return 0;
    }
    auto line = [&](const char* k, const std::string& v) { out << std::left << std::setw(18) << k << v << "\n"; };
    auto num = [](const nlohmann::json& v) { return v.dump(); };
    line("file", path + " (" + humanBytes(d.fileBytes) + ", GGUF v" + std::to_string(file.version()) + ")");
    line("architecture", d.architecture);
    line("name", config.name.empty() ? "(none)" : config.name);
    if (hasWeights)
        line("parameters", std::to_string(d.parameters) + " (" + std::to_string(d.parameters / 1000000) + " M)");
    else
        line("parameters", "none (vocabulary-only file, cannot generate)");
    if (!d.quantization.empty())
        line("quantization", d.quantization);
    line("layers", std::to_string(d.layers));
    line("embedding", std::to_string(config.nEmbd));
    line("heads", num(j["heads"]));
    line("kv heads", num(j["kv_heads"]));
    line("head dim", std::to_string(config.headDim));
    line("ffn", num(j["ffn"]));
    line("vocab", std::to_string(config.nVocab));
    line("context length", std::to_string(d.trainedContext));
    line("rope base", num(j["rope_base"]));
    if (hasWeights)
        line("embeddings", weights.tiedEmbeddings ? "tied (output = token_embd)" : "separate output.weight");
    std::string types;
    for (const auto& [name, n] : d.tensorTypes)
        types += (types.empty() ? "" : ", ") + name + " ×" + std::to_string(n);
    line("tensors", std::to_string(file.tensors().size()) + (types.empty() ? "" : " (" + types + ")"));
    line("chat template", hasTemplate ? std::string(chat::familyName(d.templateFamily))
                                      : std::string("none: base model, plain completion only"));
    if (!weights.unusedTensors.empty())
        line("unused tensors", std::to_string(weights.unusedTensors.size()));
    return 0;
}

} // namespace vela::cli
