// vela-cli download: fetches a catalog model into the library with the same
// code as the app (library::Download): from the commit the entry is pinned to
// (hubFileUrl under hubEndpoint(), so HF_ENDPOINT is honoured), resumable (run
// it again after an interruption), verified against the catalog's size and
// SHA-256 before it becomes a model. `--list --json` prints the catalog:
//   {"endpoint": "https://huggingface.co", "models": [{"id", "name", "kind",
//    "repo", "revision", "file", "size", "sha256", "url", "pinned",
//    "size_approx_mb", "license", "good_for": {"en", "es"}}]}
// with null for what an entry does not pin (url is null without a revision).
#include "cli_args.h"
#include "commands.h"
#include "library_commands.h"

#include "library/catalog.h"
#include "library/download.h"
#include "library/hub_endpoint.h"
#include "library/model_library.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <unistd.h>

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

std::string progressLine(qint64 received, qint64 total, double speed, double left)
{
    char buf[160];
    const double pct = total > 0 ? 100.0 * double(received) / double(total) : 0.0;
    const long secs = left >= 0 ? long(left) : -1;
    std::snprintf(buf, sizeof buf, "\r%5.1f%%  %s of %s  %s/s  %s   ", pct, mebibytes(received).c_str(),
                  total >= 0 ? mebibytes(total).c_str() : "?", mebibytes(qint64(speed)).c_str(),
                  secs >= 0 ? (std::to_string(secs / 60) + ":" + (secs % 60 < 10 ? "0" : "") +
                               std::to_string(secs % 60) + " left").c_str()
                            : "");
    return buf;
}

} // namespace

int runDownload(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--list", "--json"},
                     .withValue = {"--library", "--catalog"},
                     .minPositional = 0,
                     .maxPositional = 1});
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

    // QNetworkAccessManager needs an event loop, hence an application object.
    std::unique_ptr<QCoreApplication> app;
    static int qtArgc = 1;
    static char qtName[] = "vela-cli";
    static char* qtArgv[] = {qtName, nullptr};
    if (!QCoreApplication::instance())
        app = std::make_unique<QCoreApplication>(qtArgc, qtArgv);

    library::ModelLibrary lib(libraryFolder(args));
    library::Download download(&lib, request);
    const bool tty = ::isatty(STDERR_FILENO) != 0 && !args.flag("--json");
    QEventLoop loop;
    QObject::connect(&download, &library::Download::progress, [&](qint64 r, qint64 t, double s, double l) {
        if (tty)
            std::cerr << progressLine(r, t, s, l) << std::flush;
    });
    QObject::connect(&download, &library::Download::finished, &loop, &QEventLoop::quit);
    QObject::connect(&download, &library::Download::failed, &loop, &QEventLoop::quit);
    download.start();
    if (download.state() == library::Download::State::Running)
        loop.exec();
    if (tty)
        std::cerr << "\n";
    if (download.state() != library::Download::State::Done)
        throw RuntimeFailure(download.errorString().toStdString());
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
