// vela-cli models: the model library — every file with what it is and
// whether it fits each device at the chosen context.
#include "cli_args.h"
#include "commands.h"
#include "library_commands.h"

#include "library/memory_budgets.h"
#include "library/model_library.h"
#include "runtime/defaults.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

namespace vela::cli {

namespace {

nlohmann::json fitJson(const library::ModelInfo& m, const std::vector<library::MemoryBudget>& budgets, uint32_t ctx)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& b : budgets) {
        const auto fit = library::estimateFit(m.shape, ctx, b.budgetBytes, b.kind);
        list.push_back({{"device", b.name},
                        {"device_id", b.id},
                        {"budget", b.budgetBytes},
                        {"verdict", library::verdictName(fit.verdict)},
                        {"summary", library::describe(fit)},
                        {"context", fit.context},
                        {"estimate",
                         {{"weights", fit.estimate.weights},
                          {"kv_cache", fit.estimate.kvCache},
                          {"scratch", fit.estimate.scratch},
                          {"total", fit.estimate.total}}}});
    }
    return list;
}

} // namespace

int runModels(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--json"}, .withValue = {"--library", "--ctx"}, .minPositional = 0, .maxPositional = 0});
    const uint32_t ctx = parseContext(args, runtime::kDefaultContextSize);
    library::ModelLibrary lib(libraryFolder(args));
    const auto budgets = library::memoryBudgets();

    nlohmann::json models = nlohmann::json::array();
    for (const auto& m : lib.models()) {
        nlohmann::json j{{"file", m.fileName.toStdString()},
                         {"path", m.path.toStdString()},
                         {"name", m.description.name},
                         {"size", m.fileSize},
                         {"linked", m.linked},
                         {"default", m.fileName == lib.defaultModel()},
                         {"valid", m.valid}};
        // Where a download came from: {"repo": "OWNER/NAME", "commit": "40 hex"}.
        if (!m.sourceRepo.isEmpty())
            j["source"] = {{"repo", m.sourceRepo.toStdString()}, {"commit", m.sourceCommit.toStdString()}};
        if (!m.valid) {
            j["error"] = m.error.toStdString();
        } else {
            nlohmann::json types = nlohmann::json::object(), measured = nlohmann::json::object();
            for (const auto& [type, count] : m.description.tensorTypes)
                types[type] = count;
            for (auto it = m.measuredBytes.cbegin(); it != m.measuredBytes.cend(); ++it)
                measured[it.key().toStdString()] = it.value();
            j["architecture"] = m.description.architecture;
            j["parameters"] = m.description.parameters;
            j["quantization"] = m.description.quantization;
            j["tensor_types"] = types;
            j["context_length"] = m.description.trainedContext;
            j["template_family"] = chat::familyName(m.description.templateFamily);
            j["chat"] = m.isChatModel();
            j["fit"] = fitJson(m, budgets, ctx);
            j["measured_bytes"] = measured;
        }
        models.push_back(std::move(j));
    }
    if (args.flag("--json")) {
        out << nlohmann::json{{"library", lib.folder().toStdString()},
                              {"default", lib.defaultModel().toStdString()},
                              {"context", ctx},
                              {"models", models}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << "Library: " << lib.folder().toStdString() << " (" << lib.models().size() << " model"
        << (lib.models().size() == 1 ? "" : "s") << ")\n";
    if (lib.models().isEmpty())
        out << "No models yet. Add one with `vela-cli import FILE.gguf` or `vela-cli download --list`.\n";
    for (qsizetype i = 0; i < lib.models().size(); ++i) {
        const nlohmann::json& j = models[size_t(i)];
        const library::ModelInfo& m = lib.models()[i];
        out << (j["default"].get<bool>() ? "* " : "  ") << j["file"].get<std::string>() << "\n";
        auto line = [&](const char* k, const std::string& v) { out << "      " << std::left << std::setw(16) << k << v << "\n"; };
        if (!j["valid"].get<bool>()) {
            line("invalid", j["error"].get<std::string>());
            continue;
        }
        line("name", m.description.name);
        line("architecture", m.description.architecture + ", " + std::to_string(m.description.parameters / 1000000) +
                                 " M parameters");
        line("quantization", m.quantizationMix().toStdString());
        line("size", mebibytes(m.fileSize) + (m.linked ? " (linked)" : ""));
        line("context", std::to_string(m.description.trainedContext));
        line("chat template", m.templateDescription().toStdString());
        if (!m.sourceRepo.isEmpty())
            line("from", m.sourceRepo.toStdString() + " at " + m.sourceCommit.toStdString());
        for (const auto& f : j["fit"])
            line(("fit @" + std::to_string(ctx)).c_str(),
                 f["device"].get<std::string>() + ": " + f["summary"].get<std::string>() + " (needs " +
                     mebibytes(f["estimate"]["total"].get<qint64>()) + " of " + mebibytes(f["budget"].get<qint64>()) + ")");
        for (auto it = m.measuredBytes.cbegin(); it != m.measuredBytes.cend(); ++it)
            line("measured", it.key().toStdString() + ": " + mebibytes(it.value()));
    }
    if (!lib.models().isEmpty())
        out << "(* = default model)\n";
    return 0;
}

} // namespace vela::cli
