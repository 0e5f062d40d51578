// vela-cli download: fetches a catalog model into the library with the same
// code as the app (library::Download): from the commit the entry is pinned to
// (hubFileUrl under hubEndpoint(), so HF_ENDPOINT is honoured), resumable (run
// it again after an interruption), verified against the catalog's size and
// SHA-256 before it becomes a model. `--list --json` prints the catalog:
//   {"endpoint": "https://huggingface.co", "models": [{"id", "name", "kind",
//    "repo", "revision", "file", "size", "sha256", "url", "pinned",
//    "size_approx_mb", "license", "good_for": {"en", "es"}}]}
// with null for what an entry does not pin (url is null without a revision).
// Hugging Face names and links go to hub_download_command.cpp.
#include "cli_args.h"
#include "commands.h"
#include "download_run.h"
#include "hub_download_command.h"
#include "library_commands.h"

#include "library/catalog.h"
#include "library/download.h"
#include "library/hub_endpoint.h"
#include "library/model_library.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace vela::cli {

namespace {

std::string sizeText(const library::CatalogEntry& e)
{
    return e.size >= 0 ? mebibytes(e.size) : "~" + mebibytes(e.approxMegabytes << 20);
}

void printCatalog(const library::Catalog& catalog, std::ostream& out)
{
    for (const auto& e : catalog.entries()) {
        out << "  " << e.id.toStdString() << "  " << e.name.toStdString() << ", "
            << library::catalogKindName(e.kind).toStdString() << ", " << sizeText(e) << "\n      "
            << e.repo.toStdString() << " "
            << (e.pinned() ? "pinned to " + library::shortCommitId(e.revision).toStdString()
                           : std::string("not pinned (to be resolved from the Hub; not downloadable yet)"))
            << "\n      " << e.goodForIn(QStringLiteral("en")).toStdString() << "\n";
    }
}

nlohmann::json orNull(const QString& s)
{
    return s.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(s.toStdString());
}

void printCatalogJson(const library::Catalog& catalog, std::ostream& out)
{
    const QUrl endpoint = library::hubEndpoint();
    nlohmann::json models = nlohmann::json::array();
    for (const auto& e : catalog.entries()) {
        nlohmann::json goodFor = nlohmann::json::object();
        for (auto it = e.goodFor.cbegin(); it != e.goodFor.cend(); ++it)
            goodFor[it.key().toStdString()] = it.value().toStdString();
        models.push_back({{"id", e.id.toStdString()},
                          {"name", e.name.toStdString()},
                          {"kind", library::catalogKindName(e.kind).toStdString()},
                          {"repo", e.repo.toStdString()},
                          {"revision", orNull(e.revision)},
                          {"file", e.fileName.toStdString()},
                          {"size", e.size >= 0 ? nlohmann::json(e.size) : nlohmann::json(nullptr)},
                          {"sha256", orNull(e.sha256)},
                          {"url", orNull(e.fileUrl(endpoint).toString(QUrl::FullyEncoded))},
                          {"pinned", e.pinned()},
                          {"size_approx_mb", e.approxMegabytes > 0 ? nlohmann::json(e.approxMegabytes)
                                                                    : nlohmann::json(nullptr)},
                          {"license", e.license.toStdString()},
                          {"good_for", goodFor}});
    }
    out << nlohmann::json{{"endpoint", endpoint.toString().toStdString()}, {"models", models}}.dump(2) << "\n";
}

} // namespace

int runDownload(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--list", "--json", "--files"},
                     .withValue = {"--library", "--catalog", "--revision"},
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
        if (args.flag("--json"))
            printCatalogJson(catalog, out);
        else
            printCatalog(catalog, out);
        return 0;
    }
    const QString name = QString::fromStdString(args.positional()[0]);
    const library::CatalogEntry* entry = catalog.find(name);
    if (!entry)
        throw InvalidInput("no model '" + name.toStdString() + "' in the catalog (see vela-cli download --list)");
    if (!entry->pinned())
        throw InvalidInput("'" + entry->id.toStdString() +
                           "' is not pinned to a commit with a known size and SHA-256 in the catalog, and "
                           "resolving it from the Hugging Face Hub is not available yet");
    const library::DownloadRequest request = entry->downloadRequest(library::hubEndpoint());

    const auto app = ensureQtApplication();
    library::ModelLibrary lib(libraryFolder(args));
    library::Download download(&lib, request);
    runDownloadToEnd(download, !args.flag("--json"));
    if (args.flag("--json")) {
        out << nlohmann::json{{"file", entry->fileName.toStdString()},
                              {"path", download.modelPath().toStdString()},
                              {"size", download.received()},
                              {"sha256", request.sha256.toStdString()},
                              {"repo", request.repo.toStdString()},
                              {"revision", request.revision.toStdString()},
                              {"url", request.url.toString(QUrl::FullyEncoded).toStdString()}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << "Downloaded and verified " << entry->name.toStdString() << ": " << download.modelPath().toStdString() << "\n";
    return 0;
}

} // namespace vela::cli
