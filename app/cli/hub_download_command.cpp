#include "hub_download_command.h"

#include "download_run.h"
#include "library_commands.h"

#include "library/download.h"
#include "library/header_probe.h"
#include "library/hub_client.h"
#include "library/hub_endpoint.h"
#include "library/hub_link.h"
#include "library/hub_listing.h"
#include "library/model_library.h"
#include "runtime/defaults.h"

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

// What a single-file model's header says (HeaderProbe: Range requests for
// its first megabytes, never the weights), waiting in an event loop.
struct Probed {
    std::optional<library::HeaderFacts> facts;
    QString error;
};
Probed probeHeader(const QUrl& endpoint, const library::HubRepoFiles& repo, const library::HubFile& file)
{
    library::HeaderProbe probe(library::hubFileUrl(endpoint, repo.repo, repo.commit, file.path), file.size, file.path);
    Probed out;
    QEventLoop loop;
    QObject::connect(&probe, &library::HeaderProbe::finished, &loop, [&](const library::HeaderFacts& f) {
        out.facts = f;
        loop.quit();
    });
    QObject::connect(&probe, &library::HeaderProbe::failed, &loop, [&](const QString& e) {
        out.error = e;
        loop.quit();
    });
    probe.start();
    if (!out.facts && out.error.isEmpty())
        loop.exec();
    return out;
}

// `probed`: the header of a downloadable single-file model, or nothing for
// one that is refused (its header is not fetched).
nlohmann::json modelJson(const library::HubGgufModel& m, const std::optional<Probed>& probed,
                         const std::vector<library::MemoryBudget>& budgets, uint32_t ctx)
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
            // The fit on each device from the file's own header (as for a
            // model in the library), null when refused; the probe's error
            // when its header could not be read.
            {"fits", !probed ? nlohmann::json(nullptr)
                     : probed->facts ? fitJson(probed->facts->shape, budgets, ctx)
                                     : nlohmann::json{{"error", str(probed->error)}}},
            {"header", !probed || !probed->facts
                           ? nlohmann::json(nullptr)
                           : nlohmann::json{{"quantization", probed->facts->description.quantization},
                                            {"architecture", probed->facts->description.architecture},
                                            {"parameters", probed->facts->description.parameters},
                                            {"trained_context", probed->facts->description.trainedContext}}},
            {"downloadable", refusal.isEmpty()},
            {"refusal", refusal.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(str(refusal))}};
}

int listFiles(const QUrl& endpoint, const library::HubRepoFiles& repo, const QList<library::HubGgufModel>& models,
              bool json, uint32_t ctx, std::ostream& out)
{
    const auto budgets = library::memoryBudgets();
    std::vector<std::optional<Probed>> probed;
    for (const auto& m : models)
        probed.push_back(m.downloadRefusal().isEmpty() ? std::optional<Probed>(probeHeader(endpoint, repo, m.files[0]))
                                                       : std::nullopt);
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (qsizetype i = 0; i < models.size(); ++i)
            list.push_back(modelJson(models[i], probed[std::size_t(i)], budgets, ctx));
        out << nlohmann::json{{"repo", str(repo.repo)}, {"commit", str(repo.commit)}, {"models", list}}.dump(2)
            << "\n";
        return 0;
    }
    out << repo.repo.toStdString() << " at commit " << str(repo.commit) << ": " << models.size()
        << " GGUF model(s)\n";
    for (qsizetype i = 0; i < models.size(); ++i) {
        const auto& m = models[i];
        out << "  " << str(m.files[0].path) << "  " << mebibytes(m.size) << "  "
            << (m.quantization.isEmpty() ? "?" : str(m.quantization));
        if (m.parts() > 1)
            out << "  (" << m.parts() << " parts: Vela cannot load split files yet)";
        out << "\n";
        if (const auto& p = probed[std::size_t(i)]; p && p->facts) {
            for (const auto& b : budgets)
                out << "      " << b.name << ": "
                    << library::describe(library::estimateFit(p->facts->shape, ctx, b.budgetBytes, b.kind)) << "\n";
        } else if (p) {
            out << "      " << str(p->error) << "\n";
        }
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
        return listFiles(endpoint, repo, models, args.flag("--json"),
                         parseContext(args, runtime::kDefaultContextSize), out);

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
