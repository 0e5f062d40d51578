// Shared bits of the model-library subcommands (models, import, download):
// which library folder, and sizes for humans.
#pragma once

#include "cli_args.h"

#include <QString>

#include <string>

namespace vela::cli {

// --library DIR, else the app's default library (ModelLibrary::defaultFolder).
QString libraryFolder(const Args& args);
std::string mebibytes(qint64 bytes); // "610.2 MiB" / "1.83 GiB"
uint32_t parseContext(const Args& args, uint32_t fallback); // --ctx N (UsageError on junk)

} // namespace vela::cli
