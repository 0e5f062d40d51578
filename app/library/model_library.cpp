#include "model_library.h"

#include "common/error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace vela::library {

namespace {

constexpr qint64 kCopyChunk = qint64(4) << 20;

[[noreturn]] void failIo(const QString& what)
{
    throw RuntimeFailure(what.toStdString());
}

} // namespace

ModelLibrary::ModelLibrary(const QString& folder, QObject* parent) : QObject(parent)
{
    setFolder(folder);
}

QString ModelLibrary::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/Vela/models");
}

void ModelLibrary::setFolder(const QString& folder)
{
    const QString abs = QDir(folder).absolutePath();
    if (!QDir().mkpath(abs))
        failIo(QStringLiteral("cannot create the model library folder '%1'").arg(abs));
    folder_ = abs;
    models_.clear();
    defaultModel_.clear();
    loadIndex();
    scan();
}

QString ModelLibrary::pathOf(const QString& fileName) const
{
    return folder_ + QLatin1Char('/') + fileName;
}

int ModelLibrary::indexOf(const QString& fileName) const
{
    for (int i = 0; i < models_.size(); ++i)
        if (models_[i].fileName == fileName)
            return i;
    return -1;
}

std::optional<ModelInfo> ModelLibrary::find(const QString& fileName) const
{
    const int i = indexOf(fileName);
    return i < 0 ? std::nullopt : std::optional<ModelInfo>(models_[i]);
}

void ModelLibrary::loadIndex()
{
    QFile f(pathOf(QLatin1String(kIndexName)));
    if (!f.open(QIODevice::ReadOnly))
        return; // no index yet: the scan reads every file
    // A damaged or foreign index is only a cache: ignore it and re-read.
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    if (root["version"].toInt() != 1)
        return;
    defaultModel_ = root["default"].toString();
    for (const QJsonValue& v : root["models"].toArray()) {
        ModelInfo m = ModelInfo::fromJson(v.toObject());
        if (m.fileName.isEmpty() || m.fileName.contains(QLatin1Char('/')) || indexOf(m.fileName) >= 0)
            continue;
        m.path = pathOf(m.fileName);
        models_.append(std::move(m));
    }
}

void ModelLibrary::saveIndex() const
{
    QJsonArray list;
    for (const auto& m : models_)
        list.append(m.toJson());
    const QJsonObject root{{"version", 1}, {"default", defaultModel_}, {"models", list}};
    QSaveFile f(pathOf(QLatin1String(kIndexName)));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(root).toJson()) < 0 || !f.commit())
        failIo(QStringLiteral("cannot write the library index '%1': %2").arg(f.fileName(), f.errorString()));
}

ScanReport ModelLibrary::scan()
{
    const ScanReport report = rescanFolder();
    if (report.added || report.removed || report.reread)
        Q_EMIT modelsChanged();
    return report;
}

ScanReport ModelLibrary::rescanFolder()
{
    ScanReport report;
    // QDir::System lists broken symbolic links too, so a linked model whose
    // file was moved is shown as invalid rather than silently dropped.
    const QFileInfoList files = QDir(folder_).entryInfoList({QStringLiteral("*.gguf")},
                                                           QDir::Files | QDir::System, QDir::Name);
    QList<ModelInfo> next;
    for (const QFileInfo& fi : files) {
        const QString name = fi.fileName();
        const int i = indexOf(name);
        const bool exists = fi.exists(); // false for a broken link
        if (i >= 0 && exists && models_[i].fileSize == fi.size() &&
            models_[i].modifiedMs == fi.lastModified().toMSecsSinceEpoch()) {
            next.append(models_[i]);
            ++report.unchanged;
            continue;
        }
        ModelInfo m;
        if (!exists) {
            m.fileName = name;
            m.path = fi.absoluteFilePath();
            m.linked = true;
            m.description.name = fi.completeBaseName().toStdString();
            m.error = QStringLiteral("the linked file '%1' is missing").arg(fi.symLinkTarget());
        } else {
            m = inspectModel(fi.absoluteFilePath(), name);
        }
        // A changed file starts without measurements: they were of the old one.
        ++(i >= 0 ? report.reread : report.added);
        next.append(std::move(m));
    }
    for (const auto& m : models_)
        if (!std::any_of(next.cbegin(), next.cend(), [&](const ModelInfo& n) { return n.fileName == m.fileName; }))
            ++report.removed;
    models_ = std::move(next);
    if (!defaultModel_.isEmpty() && indexOf(defaultModel_) < 0)
        defaultModel_.clear();
    saveIndex();
    return report;
}

ModelInfo ModelLibrary::importFile(const QString& source, ImportMode mode, const ProgressFn& progress)
{
    const QFileInfo src(source);
    if (!src.isFile())
        throw InvalidInput(QStringLiteral("cannot read '%1'").arg(source).toStdString());
    validateModel(src.absoluteFilePath()); // InvalidInput with the reason; nothing copied yet
    QString name = src.fileName();
    if (!name.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
        name += QStringLiteral(".gguf");
    const QString target = pathOf(name);
    if (QFileInfo(target).exists() || QFileInfo(target).isSymLink() || indexOf(name) >= 0)
        throw InvalidInput(QStringLiteral("a model named '%1' is already in the library").arg(name).toStdString());

    if (mode == ImportMode::Link) {
        if (!QFile::link(src.canonicalFilePath(), target))
            failIo(QStringLiteral("cannot create a link to '%1' in '%2'").arg(source, folder_));
    } else {
        QFile in(src.absoluteFilePath());
        if (!in.open(QIODevice::ReadOnly))
            failIo(QStringLiteral("cannot read '%1': %2").arg(source, in.errorString()));
        // QSaveFile writes a temporary file next to the target and renames it
        // on commit: an interrupted copy never appears as a model.
        QSaveFile out(target);
        if (!out.open(QIODevice::WriteOnly))
            failIo(QStringLiteral("cannot write '%1': %2").arg(target, out.errorString()));
        const qint64 total = in.size();
        qint64 done = 0;
        QByteArray buffer;
        while (!in.atEnd()) {
            buffer = in.read(kCopyChunk);
            if (buffer.isEmpty() && in.error() != QFileDevice::NoError)
                failIo(QStringLiteral("cannot read '%1': %2").arg(source, in.errorString()));
            if (out.write(buffer) != buffer.size())
                failIo(QStringLiteral("cannot write '%1': %2").arg(target, out.errorString()));
            done += buffer.size();
            if (progress && !progress(done, total)) {
                out.cancelWriting();
                failIo(QStringLiteral("import of '%1' cancelled").arg(source));
            }
        }
        if (!out.commit())
            failIo(QStringLiteral("cannot write '%1': %2").arg(target, out.errorString()));
    }
    scan();
    const int i = indexOf(name);
    if (i < 0)
        failIo(QStringLiteral("'%1' vanished from the library during the import").arg(name));
    return models_[i];
}

void ModelLibrary::remove(const QString& fileName)
{
    const int i = indexOf(fileName);
    if (i < 0 || fileName.contains(QLatin1Char('/')))
        throw InvalidInput(QStringLiteral("no model named '%1' in the library").arg(fileName).toStdString());
    const QFileInfo fi(pathOf(fileName));
    // Only what lives directly in the library folder is deleted; QFile::remove
    // on a link removes the link, never the file it points to.
    if ((fi.exists() || fi.isSymLink()) && QDir(fi.absolutePath()) == QDir(folder_) && !QFile::remove(fi.absoluteFilePath()))
        failIo(QStringLiteral("cannot delete '%1'").arg(fi.absoluteFilePath()));
    models_.removeAt(i);
    if (defaultModel_ == fileName)
        defaultModel_.clear();
    saveIndex();
    Q_EMIT modelsChanged();
}

ModelInfo ModelLibrary::adoptDownload(const QString& partPath, const QString& fileName, const QString& sourceRepo,
                                      const QString& sourceCommit)
{
    const QString target = pathOf(fileName);
    if (fileName.contains(QLatin1Char('/')) || QFileInfo(target).exists() || QFileInfo(target).isSymLink())
        throw InvalidInput(QStringLiteral("a model named '%1' is already in the library").arg(fileName).toStdString());
    // Qt renames without replacing (renameat2 RENAME_NOREPLACE on Linux).
    QFile part(partPath);
    if (!part.rename(target))
        failIo(QStringLiteral("cannot move '%1' into the library: %2").arg(partPath, part.errorString()));
    rescanFolder(); // no signal yet: the new entry is not complete without its source
    const int i = indexOf(fileName);
    if (i >= 0 && !sourceRepo.isEmpty()) {
        models_[i].sourceRepo = sourceRepo;
        models_[i].sourceCommit = sourceCommit;
        saveIndex();
    }
    Q_EMIT modelsChanged();
    if (i < 0)
        failIo(QStringLiteral("'%1' vanished from the library while it was added").arg(fileName));
    return models_[i];
}

void ModelLibrary::setDefaultModel(const QString& fileName)
{
    if (!fileName.isEmpty() && indexOf(fileName) < 0)
        throw InvalidInput(QStringLiteral("no model named '%1' in the library").arg(fileName).toStdString());
    defaultModel_ = fileName;
    saveIndex();
}

QString ModelLibrary::defaultModelPath() const
{
    const int i = indexOf(defaultModel_);
    return i >= 0 && models_[i].valid ? models_[i].path : QString();
}

void ModelLibrary::recordMeasuredMemory(const QString& fileName, const QString& device, qint64 bytes)
{
    const int i = indexOf(fileName);
    if (i < 0)
        return;
    models_[i].measuredBytes[device] = bytes;
    saveIndex();
    Q_EMIT modelsChanged();
}

} // namespace vela::library
