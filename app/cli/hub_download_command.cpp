#include "hub_download_command.h"

#include "download_run.h"
#include "library_commands.h"

#include "library/download.h"
#include "library/hub_client.h"
#include "library/hub_endpoint.h"
#include "library/hub_link.h"
#include "library/hub_listing.h"
#include "library/model_library.h"

#include <QEventLoop>

#include <nlohmann/json.hpp>

#include <optional>

namespace vela::cli {

namespace {

std::string str(const QString& s)
{
    return s.toStdString();
}

// The pasted name or link, with --revision (which must agree with a
// revision the link names).
library::HubRef parseRef(const Args& args, const QUrl& endpoint)
{
    if (args.positional().empty())
        throw UsageError("missing OWNER/REPO or a Hugging Face link");
    QString why;
    const auto ref = library::parseHubLink(QString::fromStdString(args.positional()[0]), endpoint, &why);
    if (!ref)
        throw InvalidInput(str(why));
    library::HubRef r = *ref;
    if (auto rev = args.value("--revision")) {
        const QString given = QString::fromStdString(*rev);
        if (!r.revision.isEmpty() && r.revision != given)
            throw UsageError("the link names revision '" + str(r.revision) + "' but --revision is '" + *rev + "'");
        r.revision = given;
    }
    return r;
}

// Asks the Hub, waiting in an event loop. A refusal (bad name, untrusted
// endpoint) is bad input; anything else a runtime failure.
library::HubRepoFiles lookup(library::HubClient& client, const library::HubRef& ref)
{
    QEventLoop loop;
    std::optional<library::HubRepoFiles> files;
    library::HubError error;
    QObject::connect(&client, &library::HubClient::listed, &loop, [&](const library::HubRepoFiles& f) {
        files = f;
        loop.quit();
    });
    QObject::connect(&client, &library::HubClient::failed, &loop, [&](const library::HubError& e) {
        error = e;
        loop.quit();
    });
    client.lookup(ref.repo, ref.revision);
    loop.exec();
    if (files)
        return *files;
    if (error.kind == library::HubError::Kind::Refused)
        throw InvalidInput(str(error.message));
    throw RuntimeFailure(str(error.message));
}

nlohmann::json modelJson(const library::HubGgufModel& m)
{
    nlohmann::json parts = nlohmann::json::array();
    for (const library::HubFile& f : m.files)
        parts.push_back({{"path", str(f.path)}, {"size", f.size}, {"sha256", str(f.sha256)}});
    const QString refusal = m.downloadRefusal();
    return {{"name", str(m.name)},
            {"file", str(m.files[0].path)},
            {"size", m.size},
            {"sha256", m.parts() == 1 ? nlohmann::json(str(m.files[0].sha256)) : nlohmann::json(nullptr)},
            {"quantization", str(m.quantization)},
            {"parts", m.parts()},
            {"files", parts},
            {"fits", nullptr}, // needs the GGUF header: not estimated from the listing
            {"downloadable", refusal.isEmpty()},
            {"refusal", refusal.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(str(refusal))}};
}

int listFiles(const library::HubRepoFiles& repo, const QList<library::HubGgufModel>& models, bool json,
              std::ostream& out)
{
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& m : models)
            list.push_back(modelJson(m));
        out << nlohmann::json{{"repo", str(repo.repo)}, {"commit", str(repo.commit)}, {"models", list}}.dump(2)
            << "\n";
        return 0;
    }
    out << repo.repo.toStdString() << " at commit " << str(repo.commit) << ": " << models.size()
        << " GGUF model(s)\n";
    for (const auto& m : models) {
        out << "  " << str(m.files[0].path) << "  " << mebibytes(m.size) << "  "
            << (m.quantization.isEmpty() ? "?" : str(m.quantization));
        if (m.parts() > 1)
            out << "  (" << m.parts() << " parts: Vela cannot load split files yet)";
        out << "\n";
    }
    return 0;
}

} // namespace

bool isHubDownload(const Args& args)
{
    return args.flag("--files") ||
           (!args.positional().empty() && args.positional()[0].find('/') != std::string::npos);
}

int runHubDownload(const Args& args, std::ostream& out)
{
    if (args.flag("--list") || args.value("--catalog"))
        throw UsageError("--list and --catalog are for catalog models; a Hub file is verified by the "
                         "SHA-256 the Hub lists");
    const QUrl endpoint = library::hubEndpoint(); // InvalidInput for an untrusted HF_ENDPOINT
    const library::HubRef ref = parseRef(args, endpoint);
    const auto app = ensureQtApplication();
    library::HubClient client;
    client.setEndpoint(endpoint);
    const library::HubRepoFiles repo = lookup(client, ref);
    const QList<library::HubGgufModel> models = library::ggufModels(repo.files);
    if (args.flag("--files"))
        return listFiles(repo, models, args.flag("--json"), out);

    if (ref.path.isEmpty())
        throw InvalidInput("'" + args.positional()[0] + "' names a repo, not a file: see its models with "
                           "vela-cli download --files " + str(ref.repo));
    const library::HubGgufModel* chosen = nullptr;
    for (const auto& m : models)
        for (const auto& f : m.files)
            if (f.path == ref.path)
                chosen = &m;
    if (!chosen)
        throw InvalidInput("no GGUF model '" + str(ref.path) + "' in " + str(ref.repo) + " at commit " +
                           str(repo.commit) + " (see vela-cli download --files " + str(ref.repo) + ")");
    if (const QString refusal = chosen->downloadRefusal(); !refusal.isEmpty())
        throw InvalidInput(str(refusal));

    const library::DownloadRequest request =
        library::hubDownloadRequest(endpoint, repo.repo, repo.commit, chosen->files[0]);
    library::ModelLibrary lib(libraryFolder(args));
    library::Download download(&lib, request);
    runDownloadToEnd(download, !args.flag("--json"));
    if (args.flag("--json")) {
        out << nlohmann::json{{"file", str(request.fileName)}, {"path", str(download.modelPath())},
                              {"size", download.received()}, {"sha256", str(request.sha256)},
                              {"repo", str(request.repo)}, {"commit", str(request.revision)}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << "Downloaded and verified " << str(request.fileName) << " from " << str(request.repo) << " at commit "
        << str(request.revision) << ": " << str(download.modelPath()) << "\n";
    return 0;
}

} // namespace vela::cli
