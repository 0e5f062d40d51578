// Shared bits of the model-library subcommands (models, import, download):
// which library folder, and sizes for humans.
#pragma once

#include "cli_args.h"

#include "library/memory_budgets.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace vela::cli {

// --library DIR, else the app's default library (ModelLibrary::defaultFolder).
QString libraryFolder(const Args& args);
std::string mebibytes(qint64 bytes); // "610.2 MiB" / "1.83 GiB"
uint32_t parseContext(const Args& args, uint32_t fallback); // --ctx N (UsageError on junk)

// The fit of a model of `shape` on each of `budgets` at `ctx` positions, as
// `vela-cli models --json` and `download --files --json` print it:
//   [{"device", "device_id", "budget", "verdict", "summary", "context",
//     "estimate": {"weights", "kv_cache", "scratch", "total"}}]
nlohmann::json fitJson(const library::ModelShape& shape, const std::vector<library::MemoryBudget>& budgets,
                       uint32_t ctx);

} // namespace vela::cli
