#include "catalog_resolution.h"

#include "hub_listing.h"

#include <QTimer>

namespace vela::library {

CatalogResolution::CatalogResolution(CatalogEntry entry, QUrl endpoint, QObject* parent)
    : QObject(parent), entry_(std::move(entry)), endpoint_(std::move(endpoint))
{
    client_.setEndpoint(endpoint_);
    connect(&client_, &HubClient::listed, this, &CatalogResolution::onListed);
    connect(&client_, &HubClient::failed, this,
            [this](const HubError& e) { Q_EMIT failed(e.message); });
}

void CatalogResolution::start()
{
    if (entry_.pinned()) {
        QTimer::singleShot(0, this, [this] { Q_EMIT resolved(entry_.downloadRequest(endpoint_)); });
        return;
    }
    client_.lookup(entry_.repo, entry_.revision); // an empty revision is main
}

void CatalogResolution::onListed(const HubRepoFiles& files)
{
    const HubFile* found = nullptr;
    for (const HubFile& f : files.files)
        if (f.path == entry_.fileName)
            found = &f;
    const QString commit = files.commit.left(7);
    if (!found)
        return Q_EMIT failed(tr("%1 has no file %2 at commit %3.").arg(entry_.repo, entry_.fileName, commit));
    if (found->sha256.isEmpty())
        return Q_EMIT failed(tr("The Hub lists no SHA-256 for %1, so it cannot be verified.").arg(entry_.fileName));
    if (!entry_.sha256.isEmpty() && found->sha256 != entry_.sha256)
        return Q_EMIT failed(tr("%1 at commit %2 is not the file Vela's catalog names (its SHA-256 differs); "
                                "it was not downloaded.")
                                 .arg(entry_.fileName, commit));
    if (entry_.size >= 0 && found->size != entry_.size)
        return Q_EMIT failed(tr("%1 at commit %2 is not the file Vela's catalog names (its size differs); "
                                "it was not downloaded.")
                                 .arg(entry_.fileName, commit));
    DownloadRequest request = hubDownloadRequest(endpoint_, files.repo, files.commit, *found);
    request.catalogId = entry_.id;
    Q_EMIT resolved(request);
}

} // namespace vela::library
