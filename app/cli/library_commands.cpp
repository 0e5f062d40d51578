#include "library_commands.h"

#include "library/model_library.h"

#include <charconv>
#include <cstdio>

namespace vela::cli {

QString libraryFolder(const Args& args)
{
    if (auto dir = args.value("--library"))
        return QString::fromStdString(*dir);
    return library::ModelLibrary::defaultFolder();
}

std::string mebibytes(qint64 bytes)
{
    char buf[32];
    if (bytes >= (qint64(1) << 30))
        std::snprintf(buf, sizeof buf, "%.2f GiB", double(bytes) / double(1 << 30));
    else
        std::snprintf(buf, sizeof buf, "%.1f MiB", double(bytes) / double(1 << 20));
    return buf;
}

uint32_t parseContext(const Args& args, uint32_t fallback)
{
    const auto text = args.value("--ctx");
    if (!text)
        return fallback;
    uint32_t n = 0;
    auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || p != text->data() + text->size() || n < 1)
        throw UsageError("--ctx: '" + *text + "' is not a positive integer");
    return n;
}

nlohmann::json fitJson(const library::ModelShape& shape, const std::vector<library::MemoryBudget>& budgets,
                       uint32_t ctx)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& b : budgets) {
        const auto fit = library::estimateFit(shape, ctx, b.budgetBytes, b.kind);
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

} // namespace vela::cli
