#include "catalog_model.h"

#include "library/download.h"
#include "library/hub_endpoint.h"
#include "library/model_library.h"

#include "common/error.h"

#include <QFileInfo>
#include <QLocale>

#include <utility>

namespace vela::app {

CatalogModel::CatalogModel(library::ModelLibrary& library, library::Catalog catalog, QObject* parent)
    : QAbstractListModel(parent), library_(library), catalog_(std::move(catalog))
{
    restorePending();
    connect(&library_, &library::ModelLibrary::modelsChanged, this, [this] {
        restorePending(); // the folder may have changed
        refreshLocalized();
    });
}

void CatalogModel::restorePending()
{
    const QString folder = library_.folder();
    const QList<library::DownloadState> pending = library::DownloadState::pending(folder);
    for (const library::DownloadState& st : pending) {
        for (int row = 0; row < catalog_.entries().size(); ++row) {
            const library::CatalogEntry& e = catalog_.entries().at(row);
            if (e.fileName != st.request.fileName || live_.contains(row))
                continue;
            if (library_.find(e.fileName).has_value())
                continue; // already installed; the leftover part is not offered
            progressOf(row)->restorePaused(QFileInfo(library::DownloadState::partPath(folder, e.fileName)).size(),
                                           st.request.expectedSize > 0 ? st.request.expectedSize : e.size);
        }
    }
}

CatalogModel::~CatalogModel()
{
    // Running downloads keep their part file and resume next time
    // (~DownloadProgress pauses them) and say nothing more to this.
    for (DownloadProgress* p : std::as_const(live_)) {
        p->disconnect(this);
        delete p;
    }
}

DownloadProgress* CatalogModel::progressOf(int row)
{
    DownloadProgress*& p = live_[row];
    if (!p) {
        p = new DownloadProgress(this);
        connect(p, &DownloadProgress::changed, this, [this, row] { changedRow(row); });
        connect(p, &DownloadProgress::finished, this, &CatalogModel::downloaded);
    }
    return p;
}

int CatalogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(catalog_.entries().size());
}

QVariant CatalogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const library::CatalogEntry& e = catalog_.entries().at(index.row());
    const DownloadProgress* p = live_.value(index.row());
    if (const auto v = DownloadProgress::roleValue(p, role, StateRole))
        return *v;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return e.name;
    case FileNameRole:
        return e.fileName;
    case GoodForRole:
        return e.goodForIn(language_);
    case SizeTextRole:
        return e.size > 0 ? QLocale().formattedDataSize(e.size, 1)
                          : tr("about %1").arg(QLocale().formattedDataSize(e.approxMegabytes * 1024 * 1024, 0));
    case LicenseRole:
        return e.license;
    case KindRole:
        switch (e.kind) {
        case library::CatalogKind::Chat: return tr("Chat");
        case library::CatalogKind::Base: return tr("Base model");
        case library::CatalogKind::Embedding: return tr("Embeddings");
        }
        return QString();
    case RepoRole:
        return e.repo;
    case RevisionRole:
        return library::shortCommitId(e.pinned() ? e.revision : resolvedCommit_.value(index.row()));
    case PinnedRole:
        return e.pinned();
    case DownloadableRole:
        return true; // pinned, or resolved from the Hub first
    case InstalledRole:
        return library_.find(e.fileName).has_value();
    default:
        return {};
    }
}

static_assert(CatalogModel::StatusTextRole - CatalogModel::StateRole + 1 == DownloadProgress::kFieldCount);

QHash<int, QByteArray> CatalogModel::roleNames() const
{
    QHash<int, QByteArray> names{
        {NameRole, "name"},
        {FileNameRole, "fileName"},
        {GoodForRole, "goodFor"},
        {SizeTextRole, "sizeText"},
        {LicenseRole, "license"},
        {KindRole, "kind"},
        {RepoRole, "repo"},
        {RevisionRole, "revision"},
        {PinnedRole, "pinned"},
        {DownloadableRole, "downloadable"},
        {InstalledRole, "installed"},
    };
    DownloadProgress::addRoleNames(names, StateRole);
    return names;
}

void CatalogModel::setLanguage(const QString& language)
{
    language_ = language;
    refreshLocalized();
}

void CatalogModel::download(int row)
{
    if (row < 0 || row >= catalog_.entries().size())
        return;
    const library::CatalogEntry& e = catalog_.entries().at(row);
    DownloadProgress* p = progressOf(row);
    if (p->running() || resolving_.value(row))
        return;
    if (p->hasDownload())
        return p->start(library_, {}, e.size); // resume
    QUrl endpoint;
    try {
        endpoint = library::hubEndpoint();
    } catch (const Error& error) { // a bad HF_ENDPOINT
        return refuse(row, tr("Cannot download %1: %2").arg(e.name, QString::fromStdString(error.what())));
    }
    if (e.pinned())
        return p->start(library_, e.downloadRequest(endpoint), e.size);
    // Not pinned: the Hub says which commit, size and SHA-256 (and must
    // agree with what the catalog does pin), then the same download.
    auto* resolution = new library::CatalogResolution(e, endpoint, this);
    resolving_[row] = resolution;
    p->resolving();
    connect(resolution, &library::CatalogResolution::resolved, this,
            [this, row, resolution](const library::DownloadRequest& request) {
                resolving_.remove(row);
                resolution->deleteLater();
                resolvedCommit_[row] = request.revision;
                progressOf(row)->start(library_, request, request.expectedSize);
            });
    connect(resolution, &library::CatalogResolution::failed, this, [this, row, resolution](const QString& message) {
        resolving_.remove(row);
        resolution->deleteLater();
        refuse(row, message);
    });
    resolution->start();
}

void CatalogModel::pause(int row)
{
    if (DownloadProgress* p = live_.value(row))
        p->pause();
}

void CatalogModel::cancel(int row)
{
    if (QPointer<library::CatalogResolution> r = resolving_.take(row)) {
        r->abort();
        r->deleteLater();
    }
    DownloadProgress* p = live_.take(row);
    if (!p)
        return;
    if (p->hasDownload()) {
        p->cancel();
    } else if (row < catalog_.entries().size()) {
        // Restored from an earlier run: nothing is running, drop the part.
        library::DownloadState::discard(library_.folder(), catalog_.entries().at(row).fileName);
    }
    p->disconnect(this);
    p->deleteLater();
    changedRow(row);
}

void CatalogModel::refreshLocalized()
{
    if (!catalog_.entries().isEmpty())
        emit dataChanged(index(0), index(int(catalog_.entries().size()) - 1));
}

void CatalogModel::refuse(int row, const QString& message)
{
    progressOf(row)->refuse(message); // changedRow through changed()
}

void CatalogModel::changedRow(int row)
{
    emit dataChanged(index(row), index(row));
}

} // namespace vela::app
