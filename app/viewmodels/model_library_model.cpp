#include "model_library_model.h"

#include "fit_text.h"

#include "library/hub_endpoint.h"
#include "library/model_library.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace vela::app {

namespace {

QString localPath(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}

QString canonical(const QString& path)
{
    const QFileInfo info(path);
    const QString c = info.canonicalFilePath();
    return c.isEmpty() ? info.absoluteFilePath() : c;
}

QString bytesText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1);
}

QString parametersText(quint64 n)
{
    if (n >= 1000000000ull)
        return QLocale().toString(double(n) / 1e9, 'f', 1) + QLatin1Char('B');
    if (n >= 1000000ull)
        return QLocale().toString(double(n) / 1e6, 'f', 0) + QLatin1Char('M');
    return QLocale().toString(qulonglong(n));
}

} // namespace

struct ModelLibraryModel::ImportJob {
    QString source;
    library::ImportMode mode = library::ImportMode::Copy;
    std::atomic<bool> cancel{false};
    std::atomic<qint64> done{0}, total{0};
    bool ok = false;
    QString error;
    QString name;
};

ModelLibraryModel::ModelLibraryModel(library::ModelLibrary& library, QObject* parent)
    : QAbstractListModel(parent), library_(library)
{
    connect(&library_, &library::ModelLibrary::modelsChanged, this, [this] {
        if (!importing())
            reload();
    });
    rows_ = library_.models();
    default_ = library_.defaultModel();
}

ModelLibraryModel::~ModelLibraryModel()
{
    if (thread_) {
        job_->cancel = true;
        thread_->wait();
    }
}

int ModelLibraryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant ModelLibraryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const library::ModelInfo& m = rows_.at(index.row());
    const auto measured = [&]() -> qint64 {
        if (haveBudget_) {
            const auto it = m.measuredBytes.constFind(QString::fromStdString(budget_.name));
            return it == m.measuredBytes.constEnd() ? 0 : it.value();
        }
        return m.measuredBytes.isEmpty() ? 0 : m.measuredBytes.first();
    };
    const bool canEstimate = haveBudget_ && m.valid && !m.shape.layers.empty();
    const auto fit = [&] { return FitText::estimate(m.shape, m.description.trainedContext, budget_); };
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return m.description.name.empty() ? m.fileName : m.name();
    case FileNameRole:
        return m.fileName;
    case PathRole:
        return m.path;
    case ArchitectureRole:
        return m.architecture();
    case ParametersRole:
        return qint64(m.description.parameters);
    case ParametersTextRole:
        return m.description.parameters > 0 ? parametersText(m.description.parameters) : QString();
    case QuantizationRole:
        return m.quantization();
    case SizeBytesRole:
        return m.fileSize;
    case SizeTextRole:
        return bytesText(m.fileSize);
    case TrainedContextRole:
        return int(m.description.trainedContext);
    case TemplateDescriptionRole:
        return m.valid ? (m.isChatModel() ? m.templateFamily() : tr("base model: completion only")) : QString();
    case FitTextRole: {
        return canEstimate ? FitText::text(fit()) : QString();
    }
    case EstimateTextRole:
        return canEstimate ? tr("Estimated %1").arg(bytesText(qint64(fit().estimate.total))) : QString();
    case MeasuredBytesRole:
        return measured();
    case MeasuredTextRole: {
        const qint64 b = measured();
        return b > 0 ? tr("Measured %1").arg(bytesText(b)) : QString();
    }
    case ValidRole:
        return m.valid;
    case ErrorRole:
        return m.error;
    case IsDefaultRole:
        return !default_.isEmpty() && m.fileName == default_;
    case LinkedRole:
        return m.linked;
    case SourceRepoRole:
        return m.sourceRepo;
    case SourceCommitRole:
        return m.sourceCommit;
    case SourceTextRole:
        return m.sourceRepo.isEmpty() ? QString()
                                      : tr("From %1 at %2").arg(m.sourceRepo, library::shortCommitId(m.sourceCommit));
    default:
        return {};
    }
}

QHash<int, QByteArray> ModelLibraryModel::roleNames() const
{
    return {
        {NameRole, "name"},
        {FileNameRole, "fileName"},
        {PathRole, "path"},
        {ArchitectureRole, "architecture"},
        {ParametersRole, "parameters"},
        {ParametersTextRole, "parametersText"},
        {QuantizationRole, "quantization"},
        {SizeBytesRole, "sizeBytes"},
        {SizeTextRole, "sizeText"},
        {TrainedContextRole, "trainedContext"},
        {TemplateDescriptionRole, "templateDescription"},
        {FitTextRole, "fitText"},
        {EstimateTextRole, "estimateText"},
        {MeasuredBytesRole, "measuredBytes"},
        {MeasuredTextRole, "measuredText"},
        {ValidRole, "valid"},
        {ErrorRole, "error"},
        {IsDefaultRole, "isDefault"},
        {LinkedRole, "linked"},
        {SourceRepoRole, "sourceRepo"},
        {SourceCommitRole, "sourceCommit"},
        {SourceTextRole, "sourceText"},
    };
}

QString ModelLibraryModel::folder() const
{
    return QDir::toNativeSeparators(library_.folder());
}

QString ModelLibraryModel::budgetText() const
{
    if (!haveBudget_)
        return QString();
    return tr("%1 (%2 available)").arg(QString::fromStdString(budget_.name), bytesText(qint64(budget_.budgetBytes)));
}

int ModelLibraryModel::loadedRow() const
{
    return loadedPath_.isEmpty() ? -1 : rowOfPath(loadedPath_);
}

QString ModelLibraryModel::defaultModelPath() const
{
    return importing() ? QString() : library_.defaultModelPath();
}

void ModelLibraryModel::setBudget(const library::MemoryBudget& budget)
{
    budget_ = budget;
    haveBudget_ = true;
    emit budgetChanged();
    if (!rows_.isEmpty())
        emit dataChanged(index(0), index(int(rows_.size()) - 1), {FitTextRole, EstimateTextRole, MeasuredBytesRole, MeasuredTextRole});
}

void ModelLibraryModel::setLoadedPath(const QString& path)
{
    loadedPath_ = path;
    emit loadedRowChanged();
}

void ModelLibraryModel::recordMeasured(const QString& path, const QString& device, qint64 bytes)
{
    const int row = rowOfPath(path);
    if (row < 0 || bytes <= 0 || importing())
        return;
    library_.recordMeasuredMemory(rows_.at(row).fileName, device, bytes); // modelsChanged → reload
}

QString ModelLibraryModel::pathAt(int row) const
{
    return row >= 0 && row < rows_.size() ? rows_.at(row).path : QString();
}

QString ModelLibraryModel::fileNameAt(int row) const
{
    return row >= 0 && row < rows_.size() ? rows_.at(row).fileName : QString();
}

int ModelLibraryModel::rowOfPath(const QString& path) const
{
    if (path.isEmpty())
        return -1;
    const QString wanted = QFileInfo(localPath(path)).absoluteFilePath();
    const QString wantedCanonical = canonical(wanted);
    for (int i = 0; i < rows_.size(); ++i) {
        if (rows_.at(i).path == wanted || canonical(rows_.at(i).path) == wantedCanonical)
            return i;
    }
    return -1;
}

QString ModelLibraryModel::removeQuestion(int row) const
{
    if (row < 0 || row >= rows_.size())
        return QString();
    const library::ModelInfo& m = rows_.at(row);
    if (m.linked) {
        const QString target = QFileInfo(m.path).symLinkTarget();
        return tr("“%1” is outside the library (%2): only the entry is removed, the file stays where it is.")
            .arg(m.fileName, QDir::toNativeSeparators(target.isEmpty() ? m.path : target));
    }
    return tr("The file “%1” will be deleted from the library folder.").arg(m.fileName);
}

void ModelLibraryModel::setDefault(int row)
{
    if (importing() || row < -1 || row >= rows_.size())
        return;
    library_.setDefaultModel(row < 0 ? QString() : rows_.at(row).fileName);
    reload();
    emit defaultModelChanged(library_.defaultModelPath());
}

void ModelLibraryModel::remove(int row)
{
    if (importing() || row < 0 || row >= rows_.size())
        return;
    const library::ModelInfo m = rows_.at(row);
    const bool wasDefault = m.fileName == library_.defaultModel();
    try {
        library_.remove(m.fileName);
        notice_.show(m.linked ? tr("Removed “%1” from the library; the file was kept.").arg(m.fileName)
                           : tr("Deleted “%1”.").arg(m.fileName),
                  false);
    } catch (const std::exception& e) {
        notice_.show(QString::fromUtf8(e.what()), true);
    }
    reload();
    if (wasDefault)
        emit defaultModelChanged(library_.defaultModelPath());
}

void ModelLibraryModel::importFile(const QString& pathOrUrl, bool link)
{
    if (importing())
        return;
    auto job = std::make_shared<ImportJob>();
    job->source = localPath(pathOrUrl);
    job->mode = link ? library::ImportMode::Link : library::ImportMode::Copy;
    job_ = job;
    importProgress_ = 0.0;
    library::ModelLibrary* lib = &library_;
    QThread* thread = QThread::create([job, lib] {
        try {
            const library::ModelInfo info = lib->importFile(job->source, job->mode, [job](qint64 done, qint64 total) {
                job->done = done;
                job->total = total;
                return !job->cancel.load();
            });
            job->name = info.fileName;
            job->ok = true;
        } catch (const std::exception& e) {
            job->error = QString::fromUtf8(e.what());
        }
    });
    thread_ = thread;
    // Progress is polled: the copy callback runs on the worker thread.
    auto* poll = new QTimer(this);
    poll->setInterval(100);
    connect(poll, &QTimer::timeout, this, [this, job] {
        const qint64 total = job->total.load();
        importProgress_ = total > 0 ? double(job->done.load()) / double(total) : 0.0;
        emit importChanged();
    });
    connect(thread, &QThread::finished, poll, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, &ModelLibraryModel::onImportFinished);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    notice_.clear();
    thread->start();
    poll->start();
    emit importChanged();
}

void ModelLibraryModel::onImportFinished()
{
    const std::shared_ptr<ImportJob> job = std::move(job_);
    thread_ = nullptr;
    importProgress_ = 0.0;
    emit importChanged();
    if (!job)
        return;
    if (job->ok)
        notice_.show(tr("Imported “%1”.").arg(job->name), false);
    else if (job->cancel)
        notice_.show(tr("The import was cancelled."), false);
    else
        notice_.show(tr("Could not import the model: %1").arg(job->error), true);
    reload();
}

void ModelLibraryModel::cancelImport()
{
    if (job_)
        job_->cancel = true;
}

void ModelLibraryModel::rescan()
{
    if (importing())
        return;
    try {
        library_.scan();
    } catch (const std::exception& e) {
        notice_.show(QString::fromUtf8(e.what()), true);
    }
    reload();
}

void ModelLibraryModel::refreshLocalized()
{
    emit budgetChanged();
    if (!rows_.isEmpty())
        emit dataChanged(index(0), index(int(rows_.size()) - 1));
}

void ModelLibraryModel::reload()
{
    const int before = int(rows_.size());
    beginResetModel();
    rows_ = library_.models();
    default_ = library_.defaultModel();
    endResetModel();
    if (before != rows_.size())
        emit countChanged();
    emit loadedRowChanged();
    emit defaultChanged();
}

} // namespace vela::app
