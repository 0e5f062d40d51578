#include "download_state.h"

#include "common/error.h"
#include "model_library.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace vela::library {

namespace {

QString downloadsDir(const QString& folder)
{
    return folder + QLatin1Char('/') + QLatin1String(ModelLibrary::kDownloadsDir);
}

} // namespace

QString DownloadState::partPath(const QString& libraryFolder, const QString& fileName)
{
    return downloadsDir(libraryFolder) + QLatin1Char('/') + fileName + QStringLiteral(".part");
}

QString DownloadState::statePath(const QString& libraryFolder, const QString& fileName)
{
    return partPath(libraryFolder, fileName) + QStringLiteral(".json");
}

bool DownloadState::load(const QString& libraryFolder, const QString& fileName)
{
    QFile f(statePath(libraryFolder, fileName));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    if (o["version"].toInt() != 1 || o["file"].toString() != fileName)
        return false;
    request.url = QUrl(o["url"].toString());
    request.fileName = fileName;
    request.sha256 = o["sha256"].toString();
    request.expectedSize = o["size"].isDouble() ? o["size"].toInteger() : -1;
    request.catalogId = o["catalog_id"].toString();
    request.repo = o["repo"].toString();
    request.revision = o["revision"].toString();
    etag = o["etag"].toString();
    lastModified = o["last_modified"].toString();
    return request.url.isValid();
}

void DownloadState::save(const QString& libraryFolder) const
{
    QDir().mkpath(downloadsDir(libraryFolder));
    QJsonObject o{{"version", 1},
                  {"file", request.fileName},
                  {"url", request.url.toString()},
                  {"sha256", request.sha256},
                  {"catalog_id", request.catalogId},
                  {"repo", request.repo},
                  {"revision", request.revision},
                  {"etag", etag},
                  {"last_modified", lastModified}};
    if (request.expectedSize >= 0)
        o["size"] = request.expectedSize;
    QSaveFile f(statePath(libraryFolder, request.fileName));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit())
        throw RuntimeFailure(QStringLiteral("cannot write '%1': %2").arg(f.fileName(), f.errorString()).toStdString());
}

void DownloadState::discard(const QString& libraryFolder, const QString& fileName)
{
    QFile::remove(partPath(libraryFolder, fileName));
    QFile::remove(statePath(libraryFolder, fileName));
}

QList<DownloadState> DownloadState::pending(const QString& libraryFolder)
{
    QList<DownloadState> out;
    const QStringList states = QDir(downloadsDir(libraryFolder)).entryList({QStringLiteral("*.gguf.part.json")}, QDir::Files);
    for (const QString& s : states) {
        DownloadState st;
        if (st.load(libraryFolder, s.chopped(int(qstrlen(".part.json")))))
            out.append(st);
    }
    return out;
}

} // namespace vela::library
