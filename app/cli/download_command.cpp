// vela-cli download: fetches a catalog model into the library with the same
// code as the app (library::Download): resumable (run it again after an
// interruption), verified against the catalog's SHA-256 before it becomes a
// model.
#include "cli_args.h"
#include "commands.h"
#include "library_commands.h"

#include "library/catalog.h"
#include "library/download.h"
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

void printCatalog(const library::Catalog& catalog, std::ostream& out)
{
    for (const auto& e : catalog.entries()) {
        out << "  " << e.id.toStdString() << "  " << e.name.toStdString() << ", ~" << e.approxMegabytes << " MB"
            << (e.verifiable() ? "" : " (no SHA-256 in the catalog yet: needs --sha256)") << "\n      "
            << e.goodForIn(QStringLiteral("en")).toStdString() << "\n";
    }
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
                     .withValue = {"--library", "--catalog", "--sha256"},
                     .minPositional = 0,
                     .maxPositional = 1});
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
                              {"sha256", request.sha256.toStdString()}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << "Downloaded and verified " << entry->name.toStdString() << ": " << download.modelPath().toStdString() << "\n";
    return 0;
}

} // namespace vela::cli
