// vela-cli import: adds a GGUF file to the model library (validated first;
// an invalid file is refused with the reason and nothing is copied).
#include "cli_args.h"
#include "commands.h"
#include "library_commands.h"

#include "library/model_library.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <unistd.h>

namespace vela::cli {

int runImport(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--link", "--json"}, .withValue = {"--library"}, .minPositional = 1, .maxPositional = 1});
    library::ModelLibrary lib(libraryFolder(args));
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    int lastPercent = -1;
    auto progress = [&](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (tty && percent != lastPercent)
            std::cerr << "\rcopying " << percent << "% (" << mebibytes(done) << " of " << mebibytes(total) << ")   "
                      << std::flush;
        lastPercent = percent;
        return true;
    };
    const auto mode = args.flag("--link") ? library::ImportMode::Link : library::ImportMode::Copy;
    const library::ModelInfo m =
        lib.importFile(QString::fromStdString(args.positional()[0]), mode, progress);
    if (tty && lastPercent >= 0)
        std::cerr << "\n";
    if (args.flag("--json")) {
        out << nlohmann::json{{"file", m.fileName.toStdString()},
                              {"path", m.path.toStdString()},
                              {"linked", m.linked},
                              {"name", m.description.name},
                              {"size", m.fileSize}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << (m.linked ? "Linked " : "Imported ") << m.description.name << " as " << m.path.toStdString() << "\n";
    return 0;
}

} // namespace vela::cli
