#include "hub_browser_model.h"

#include "fit_text.h"

#include "library/hub_endpoint.h"
#include "library/hub_link.h"
#include "library/model_library.h"

#include "common/error.h"

#include <QLocale>
#include <QNetworkAccessManager>

#include <utility>

namespace vela::app {

HubBrowserModel::HubBrowserModel(library::ModelLibrary& library, QObject* parent)
    : QAbstractListModel(parent), library_(library), nam_(new QNetworkAccessManager(this))
{
    client_.setNetworkAccessManager(nam_);
    connect(&client_, &library::HubClient::listed, this, &HubBrowserModel::onListed);
    connect(&client_, &library::HubClient::failed, this, [this](const library::HubError& e) {
        setError(e.message);
        emit busyChanged();
    });
    // A download that finishes changes "installed" of its row.
    connect(&library_, &library::ModelLibrary::modelsChanged, this, &HubBrowserModel::refreshLocalized);
}

HubBrowserModel::~HubBrowserModel()
{
    stopProbe();
    client_.abort();
    // Running downloads keep their part and resume next time
    // (~DownloadProgress pauses them) and say nothing more to this.
    for (DownloadProgress* p : std::as_const(downloads_)) {
        p->disconnect(this);
        delete p;
    }
}

QString HubBrowserModel::commit() const
{
    return library::shortCommitId(listing_.commit);
}

int HubBrowserModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant HubBrowserModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = rows_.at(index.row());
    const library::HubGgufModel& m = r.model;
    const DownloadProgress* p = progressOf(index.row());
    if (const auto v = DownloadProgress::roleValue(p, role, StateRole))
        return *v;
    const bool known = r.probe == Row::Probe::Known && budget_.has_value();
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return m.name;
    case FileNameRole:
        return m.files.isEmpty() ? QString() : m.files.first().path;
    case SizeTextRole:
        return QLocale().formattedDataSize(m.size, 1);
    case QuantizationRole:
        return m.quantization;
    case PartsRole:
        return m.parts();
    case DownloadableRole:
        return m.downloadRefusal().isEmpty();
    case RefusalRole:
        return m.downloadRefusal();
    case FitTextRole:
        if (!budget_ || !m.downloadRefusal().isEmpty())
            return QString();
        switch (r.probe) {
        case Row::Probe::Waiting: return tr("Checking…");
        case Row::Probe::Failed: return r.probeError;
        case Row::Probe::Known:
            return FitText::text(FitText::estimate(r.facts.shape, r.facts.description.trainedContext, *budget_));
        }
        return QString();
    case FitVerdictRole:
        return known ? QString::fromLatin1(library::verdictName(
                           FitText::estimate(r.facts.shape, r.facts.description.trainedContext, *budget_).verdict))
                     : QString();
    case NamedRole:
        return r.named;
    case InstalledRole:
        return !m.files.isEmpty() &&
               library_.find(library::hubDownloadRequest(endpoint_, listing_.repo, listing_.commit, m.files.first())
                                 .fileName)
                   .has_value();
    default:
        return {};
    }
}

static_assert(HubBrowserModel::StatusTextRole - HubBrowserModel::StateRole + 1 == DownloadProgress::kFieldCount);

QHash<int, QByteArray> HubBrowserModel::roleNames() const
{
    QHash<int, QByteArray> names{
        {NameRole, "name"},
        {FileNameRole, "fileName"},
        {SizeTextRole, "sizeText"},
        {QuantizationRole, "quantization"},
        {PartsRole, "parts"},
        {DownloadableRole, "downloadable"},
        {RefusalRole, "refusal"},
        {FitTextRole, "fitText"},
        {FitVerdictRole, "fitVerdict"},
        {NamedRole, "named"},
        {InstalledRole, "installed"},
    };
    DownloadProgress::addRoleNames(names, StateRole);
    return names;
}

void HubBrowserModel::setBudget(const library::MemoryBudget& budget)
{
    budget_ = budget;
    refreshLocalized();
}

void HubBrowserModel::lookUp(const QString& text)
{
    const bool wasBusy = client_.busy();
    client_.abort();
    stopProbe();
    if (!rows_.isEmpty() || !listing_.repo.isEmpty()) {
        beginResetModel();
        rows_.clear();
        listing_ = {};
        endResetModel();
        emit listingChanged();
    }
    setError(QString());
    const auto done = [&](const QString& message) {
        setError(message);
        if (wasBusy)
            emit busyChanged();
    };
    try {
        endpoint_ = library::hubEndpoint();
    } catch (const Error& e) { // a bad HF_ENDPOINT
        return done(tr("The Hugging Face endpoint is not usable: %1").arg(QString::fromStdString(e.what())));
    }
    QString why;
    const std::optional<library::HubRef> ref = library::parseHubLink(text.trimmed(), endpoint_, &why);
    if (!ref)
        return done(why);
    namedPath_ = ref->path;
    client_.setEndpoint(endpoint_);
    client_.lookup(ref->repo, ref->revision);
    if (!wasBusy)
        emit busyChanged();
}

void HubBrowserModel::onListed(const library::HubRepoFiles& files)
{
    const QList<library::HubGgufModel> models = library::ggufModels(files.files);
    beginResetModel();
    listing_ = files;
    rows_.clear();
    for (const library::HubGgufModel& m : models) {
        Row r;
        r.model = m;
        for (const library::HubFile& f : m.files)
            r.named = r.named || (!namedPath_.isEmpty() && f.path == namedPath_);
        rows_.append(r);
    }
    endResetModel();
    if (models.isEmpty())
        setError(tr("%1 at %2 holds no GGUF model.").arg(files.repo, library::shortCommitId(files.commit)));
    emit listingChanged();
    emit busyChanged();
    probeNext();
}

void HubBrowserModel::probeNext()
{
    if (probe_)
        return;
    // The pasted file first, then in row order; refused rows are not probed.
    int next = -1;
    for (int i = 0; i < rows_.size(); ++i) {
        const Row& r = rows_.at(i);
        if (r.probe != Row::Probe::Waiting || !r.model.downloadRefusal().isEmpty())
            continue;
        if (r.named) {
            next = i;
            break;
        }
        if (next < 0)
            next = i;
    }
    if (next < 0)
        return;
    const library::HubFile& f = rows_.at(next).model.files.first();
    auto* probe = new library::HeaderProbe(library::hubFileUrl(endpoint_, listing_.repo, listing_.commit, f.path),
                                           f.size, f.path, this);
    probe->setNetworkAccessManager(nam_);
    probe_ = probe;
    probeRow_ = next;
    // Either outcome: the row shows it, and the next row's header is read.
    const auto done = [this, probe](auto fill) {
        fill(rows_[probeRow_]);
        changedRow(probeRow_);
        probe_ = nullptr;
        probe->deleteLater();
        probeNext();
    };
    connect(probe, &library::HeaderProbe::finished, this, [done](const library::HeaderFacts& facts) {
        done([&](Row& r) {
            r.probe = Row::Probe::Known;
            r.facts = facts;
        });
    });
    connect(probe, &library::HeaderProbe::failed, this, [done](const QString& message) {
        done([&](Row& r) {
            r.probe = Row::Probe::Failed;
            r.probeError = message;
        });
    });
    // HeaderProbe may refuse inside start(); probeNext then runs from there.
    probe->start();
}

void HubBrowserModel::stopProbe()
{
    if (probe_) {
        probe_->disconnect(this);
        probe_->abort();
        probe_->deleteLater();
        probe_ = nullptr;
    }
    probeRow_ = -1;
}

QString HubBrowserModel::keyOf(int row) const
{
    const library::HubGgufModel& m = rows_.at(row).model;
    return listing_.repo + QLatin1Char('@') + listing_.commit + QLatin1Char('/') +
           (m.files.isEmpty() ? m.name : m.files.first().path);
}

DownloadProgress* HubBrowserModel::progressOf(int row) const
{
    return downloads_.value(keyOf(row));
}

void HubBrowserModel::download(int row)
{
    if (row < 0 || row >= rows_.size())
        return;
    const QString key = keyOf(row);
    DownloadProgress*& p = downloads_[key];
    if (!p) {
        p = new DownloadProgress(this);
        connect(p, &DownloadProgress::changed, this, [this, key] { changedKey(key); });
        connect(p, &DownloadProgress::finished, this, [this, key](const QString& path) {
            // In the library now: the row shows "installed", and offers the
            // download again should the model be deleted from there.
            if (DownloadProgress* done = downloads_.take(key)) {
                done->disconnect(this);
                done->deleteLater();
            }
            changedKey(key);
            emit downloaded(path);
        });
    }
    const library::HubGgufModel& m = rows_.at(row).model;
    const QString refusal = m.downloadRefusal();
    if (!refusal.isEmpty())
        return p->refuse(refusal);
    if (p->running())
        return;
    p->start(library_, library::hubDownloadRequest(endpoint_, listing_.repo, listing_.commit, m.files.first()), m.size);
}

void HubBrowserModel::pause(int row)
{
    if (row >= 0 && row < rows_.size())
        if (DownloadProgress* p = progressOf(row))
            p->pause();
}

void HubBrowserModel::cancel(int row)
{
    if (row < 0 || row >= rows_.size())
        return;
    DownloadProgress* p = downloads_.take(keyOf(row));
    if (!p)
        return;
    p->disconnect(this);
    p->cancel();
    p->deleteLater();
    changedRow(row);
}

void HubBrowserModel::refreshLocalized()
{
    if (!rows_.isEmpty())
        emit dataChanged(index(0), index(int(rows_.size()) - 1));
}

void HubBrowserModel::setError(const QString& message)
{
    if (message == error_)
        return;
    error_ = message;
    emit errorChanged();
}

void HubBrowserModel::changedRow(int row)
{
    emit dataChanged(index(row), index(row));
}

void HubBrowserModel::changedKey(const QString& key)
{
    for (int i = 0; i < rows_.size(); ++i)
        if (keyOf(i) == key)
            return changedRow(i);
}

} // namespace vela::app
