#include "catalog_model.h"

#include "library/download.h"
#include "library/hub_endpoint.h"
#include "library/model_library.h"

#include "common/error.h"

#include <QFileInfo>
#include <QLocale>

#include <cmath>

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
            Live l;
            l.state = QStringLiteral("paused");
            l.received = QFileInfo(library::DownloadState::partPath(folder, e.fileName)).size();
            l.total = st.request.expectedSize > 0 ? st.request.expectedSize : e.size;
            live_.insert(row, l);
        }
    }
}

CatalogModel::~CatalogModel()
{
    // Running downloads keep their part file and resume next time.
    for (auto& l : live_) {
        if (l.download && l.download->state() == library::Download::State::Running)
            l.download->pause();
    }
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
    const auto it = live_.constFind(index.row());
    const Live idle;
    const Live& l = it == live_.constEnd() ? idle : it.value();
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
        return e.pinned() ? library::shortCommitId(e.revision) : QString();
    case PinnedRole:
    case DownloadableRole:
        return e.pinned();
    case InstalledRole:
        return library_.find(e.fileName).has_value();
    case StateRole:
        return l.state;
    case ProgressRole:
        return l.total > 0 ? double(l.received) / double(l.total) : -1.0;
    case SpeedTextRole:
        return l.state == QLatin1String("running") && l.speed > 0
                   ? tr("%1/s").arg(QLocale().formattedDataSize(qint64(l.speed), 1))
                   : QString();
    case TimeLeftTextRole: {
        if (l.state != QLatin1String("running") || l.secondsLeft < 0)
            return QString();
        const int s = int(std::ceil(l.secondsLeft));
        return s < 60 ? tr("%n second(s) left", nullptr, s) : tr("%n minute(s) left", nullptr, (s + 59) / 60);
    }
    case ErrorRole:
        return l.error;
    case StatusTextRole:
        if (l.state != QLatin1String("paused"))
            return QString();
        if (l.total > 0)
            return tr("Paused — %1 % downloaded").arg(int(std::floor(100.0 * double(l.received) / double(l.total))));
        return tr("Paused — %1 downloaded").arg(QLocale().formattedDataSize(l.received, 1));
    default:
        return {};
    }
}

QHash<int, QByteArray> CatalogModel::roleNames() const
{
    return {
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
        {StateRole, "downloadState"},
        {ProgressRole, "progress"},
        {SpeedTextRole, "speedText"},
        {TimeLeftTextRole, "timeLeftText"},
        {ErrorRole, "error"},
        {StatusTextRole, "statusText"},
    };
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
    if (!e.pinned())
        return refuse(row, tr("%1 is not pinned to a commit with a known size and SHA-256, and looking it up "
                              "on the Hugging Face Hub is not available yet, so it cannot be downloaded.")
                               .arg(e.name));
    Live& l = live_[row];
    if (l.download && l.download->state() == library::Download::State::Running)
        return;
    if (!l.download) {
        library::DownloadRequest request;
        try {
            request = e.downloadRequest(library::hubEndpoint());
        } catch (const Error& error) { // a bad HF_ENDPOINT
            return refuse(row, tr("Cannot download %1: %2").arg(e.name, QString::fromStdString(error.what())));
        }
        auto* d = new library::Download(&library_, request, this);
        l.download = d;
        l.total = e.size;
        connect(d, &library::Download::progress, this, [this, row](qint64 received, qint64 total, double speed, double left) {
            Live& x = live_[row];
            x.received = received;
            x.total = total;
            x.speed = speed;
            x.secondsLeft = left;
            changedRow(row);
        });
        connect(d, &library::Download::stateChanged, this, [this, row, d](library::Download::State s) {
            Live& x = live_[row];
            // progress() is throttled to ~10/s and not sent on pause or
            // failure, so the last one can be bytes behind the part: take the
            // count from the download itself, or "Paused — N %" would show
            // less than is kept (and than the same part shows after a restart).
            if (s != library::Download::State::Cancelled) {
                x.received = d->received();
                if (d->total() >= 0)
                    x.total = d->total();
            }
            switch (s) {
            case library::Download::State::Idle: x.state = QStringLiteral("idle"); break;
            case library::Download::State::Running: x.state = QStringLiteral("running"); x.error.clear(); break;
            case library::Download::State::Paused: x.state = QStringLiteral("paused"); break;
            case library::Download::State::Failed: x.state = QStringLiteral("failed"); break;
            case library::Download::State::Cancelled: x.state = QStringLiteral("idle"); x.received = 0; break;
            case library::Download::State::Done: x.state = QStringLiteral("done"); break;
            }
            changedRow(row);
        });
        connect(d, &library::Download::failed, this, [this, row](const QString& message) {
            live_[row].error = message;
            changedRow(row);
        });
        connect(d, &library::Download::finished, this, &CatalogModel::downloaded);
    }
    l.download->start();
}

void CatalogModel::pause(int row)
{
    const auto it = live_.find(row);
    if (it != live_.end() && it->download)
        it->download->pause();
}

void CatalogModel::cancel(int row)
{
    const auto it = live_.find(row);
    if (it == live_.end())
        return;
    if (it->download) {
        it->download->cancel();
        it->download->deleteLater();
    } else if (row < catalog_.entries().size()) {
        // Restored from an earlier run: nothing is running, drop the part.
        library::DownloadState::discard(library_.folder(), catalog_.entries().at(row).fileName);
    }
    live_.erase(it);
    changedRow(row);
}

void CatalogModel::refreshLocalized()
{
    if (!catalog_.entries().isEmpty())
        emit dataChanged(index(0), index(int(catalog_.entries().size()) - 1));
}

void CatalogModel::refuse(int row, const QString& message)
{
    Live& l = live_[row];
    l.state = QStringLiteral("failed");
    l.error = message;
    changedRow(row);
}

void CatalogModel::changedRow(int row)
{
    emit dataChanged(index(row), index(row));
}

} // namespace vela::app
