// vela-cli download: fetches a catalog model into the library with the same
// code as the app (library::Download): resumable (run it again after an
// interruption), verified against the catalog's SHA-256 before it becomes a
// model. Hugging Face names and links go to hub_download_command.cpp.
#include "cli_args.h"
#include "commands.h"
#include "download_run.h"
#include "hub_download_command.h"
#include "library_commands.h"

#include "library/catalog.h"
#include "library/download.h"
#include "library/model_library.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace vela::cli {

namespace {

void printCatalog(const library::Catalog& catalog, std::ostream& out)
{
    for (const auto& e : catalog.entries()) {
        out << "  " << e.id.toStdString() << "  " << e.name.toStdString() << ", ~" << e.approxMegabytes << " MB"
            << (e.verifiable() ? "" : " (no SHA-256 in the catalog yet: needs --sha256)") << "\n      "
            << e.goodForIn(QStringLiteral("en")).toStdString() << "\n";
    }
}

} // namespace

int runDownload(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--list", "--json", "--files"},
                     .withValue = {"--library", "--catalog", "--sha256", "--revision"},
                     .minPositional = 0,
                     .maxPositional = 1});
    if (isHubDownload(args)) // OWNER/REPO[/FILE], a Hub link, or --files
        return runHubDownload(args, out);
    const library::Catalog catalog = args.value("--catalog")
                                         ? library::Catalog::load(QString::fromStdString(*args.value("--catalog")))
                                         : library::Catalog::load();
    if (args.flag("--list") || args.positional().empty()) {
        if (args.positional().empty() && !args.flag("--list"))
            throw UsageError("missing NAME (see vela-cli download --list)");
        printCatalog(catalog, out);
        return 0;
    }
    const QString name = QString::fromStdString(args.positional()[0]);
    const library::CatalogEntry* entry = catalog.find(name);
    if (!entry)
        throw InvalidInput("no model '" + name.toStdString() + "' in the catalog (see vela-cli download --list)");
    library::DownloadRequest request;
    request.url = entry->url;
    request.fileName = entry->fileName;
    request.sha256 = entry->sha256;
    request.expectedSize = entry->size;
    request.catalogId = entry->id;
    if (auto sha = args.value("--sha256")) {
        if (!library::isSha256Hex(QString::fromStdString(*sha)))
            throw UsageError("--sha256: expected 64 hexadecimal digits");
        request.sha256 = QString::fromStdString(*sha).toLower();
    }
    if (request.sha256.isEmpty())
        throw InvalidInput("the catalog has no SHA-256 for '" + entry->id.toStdString() +
                           "', so it cannot be verified; pass --sha256 HEX from the model's page");

    const auto app = ensureQtApplication();
    library::ModelLibrary lib(libraryFolder(args));
    library::Download download(&lib, request);
    runDownloadToEnd(download, !args.flag("--json"));
    if (args.flag("--json")) {
        out << nlohmann::json{{"file", entry->fileName.toStdString()},
                              {"path", download.modelPath().toStdString()},
                              {"size", download.received()},
                              {"sha256", request.sha256.toStdString()}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << "Downloaded and verified " << entry->name.toStdString() << ": " << download.modelPath().toStdString() << "\n";
    return 0;
}

} // namespace vela::cli
