#include "storage/backups.h"

#include "storage/sqlite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <sqlite3.h>

#include <algorithm>

namespace vela::storage::backups {

namespace {

constexpr const char* kTimeFormat = "yyyyMMdd-HHmmss-zzz";

const QRegularExpression& namePattern()
{
    // vela-v2-20250101-120000-123.sqlite3, optionally "-N" before the
    // extension when two backups of one version fall in one millisecond.
    static const QRegularExpression re(
        QStringLiteral(R"(^vela-v(\d{1,9})-(\d{8}-\d{6}-\d{3})(?:-(\d{1,4}))?\.sqlite3$)"));
    return re;
}

} // namespace

QString directory(const QString& dataDir) { return QDir(dataDir).filePath(QStringLiteral("backups")); }

void copyDatabase(sqlite3* from, sqlite3* to, const QString& what)
{
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (b == nullptr)
        sql::fail(to, sqlite3_errcode(to), what);
    // -1 copies every page in one step, under one read transaction on the
    // source: a consistent snapshot without the restart-on-write that
    // incremental steps incur (https://sqlite.org/c3ref/backup_finish.html#sqlite3backupstep).
    // BUSY/LOCKED are transient (another connection holds a lock): retry
    // for a while, as the busy handler would.
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 500; ++attempt) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        sqlite3_sleep(10);
    }
    // finish reports the step's error on the destination connection.
    const int finishRc = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        sql::fail(to, rc == SQLITE_OK ? SQLITE_INTERNAL : rc, what);
    if (finishRc != SQLITE_OK)
        sql::fail(to, finishRc, what);
}

QString create(sqlite3* source, const QString& dataDir, int version, const QDateTime& nowUtc)
{
    const QString dir = directory(dataDir);
    if (!QDir().mkpath(dir))
        throw StorageError(ErrorKind::Io, QStringLiteral("Cannot create the backup folder %1").arg(dir));

    const QString stamp = nowUtc.toUTC().toString(QString::fromLatin1(kTimeFormat));
    QString path = QDir(dir).filePath(QStringLiteral("vela-v%1-%2.sqlite3").arg(version).arg(stamp));
    for (int n = 1; QFileInfo::exists(path); ++n)
        path = QDir(dir).filePath(QStringLiteral("vela-v%1-%2-%3.sqlite3").arg(version).arg(stamp).arg(n));

    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    try {
        sql::Connection out(partial, true);
        copyDatabase(source, out.handle(), QStringLiteral("Backing up the database to %1").arg(path));
        // The copy carries the source's WAL flag in its header; switch it to a
        // rollback journal so the file stands alone without -wal/-shm files
        // (https://sqlite.org/wal.html#persistence_of_wal_mode).
        out.exec("PRAGMA journal_mode = DELETE", "Finishing a backup");
        out.close();
    } catch (...) {
        QFile::remove(partial);
        QFile::remove(partial + QStringLiteral("-journal"));
        throw;
    }
    if (!QFile::rename(partial, path)) {
        QFile::remove(partial);
        throw StorageError(ErrorKind::Io, QStringLiteral("Cannot rename the backup %1 into place").arg(path));
    }
    return path;
}

std::vector<BackupInfo> list(const QString& dataDir)
{
    struct Entry {
        BackupInfo info;
        int sequence = 0;
    };
    std::vector<Entry> entries;
    const QFileInfoList files =
        QDir(directory(dataDir)).entryInfoList({QStringLiteral("vela-v*.sqlite3")}, QDir::Files);
    for (const QFileInfo& f : files) {
        const auto m = namePattern().match(f.fileName());
        if (!m.hasMatch())
            continue;
        // Date and time parsed apart and joined in UTC: parsing the whole
        // stamp would read it as local time, which has gaps at DST changes.
        const QString stamp = m.captured(2);
        const QDate day = QDate::fromString(stamp.left(8), QStringLiteral("yyyyMMdd"));
        const QTime time = QTime::fromString(stamp.mid(9), QStringLiteral("HHmmss-zzz"));
        const QDateTime t(day, time, Qt::UTC);
        if (!t.isValid())
            continue;
        Entry e;
        e.info.path = f.absoluteFilePath();
        e.info.schemaVersion = m.captured(1).toInt();
        e.info.createdAt = t;
        e.info.sizeBytes = f.size();
        e.sequence = m.captured(3).toInt();
        entries.push_back(e);
    }
    // Newest first; within one millisecond the later migration step (higher
    // version) and the later duplicate were written last.
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        if (a.info.createdAt != b.info.createdAt)
            return a.info.createdAt > b.info.createdAt;
        if (a.info.schemaVersion != b.info.schemaVersion)
            return a.info.schemaVersion > b.info.schemaVersion;
        return a.sequence > b.sequence;
    });
    std::vector<BackupInfo> out;
    out.reserve(entries.size());
    for (auto& e : entries)
        out.push_back(std::move(e.info));
    return out;
}

void prune(const QString& dataDir, int keep, const QString& spare)
{
    keep = std::max(keep, 1);
    const QString spareAbs = spare.isEmpty() ? QString() : QFileInfo(spare).absoluteFilePath();
    const auto all = list(dataDir);
    for (std::size_t i = static_cast<std::size_t>(keep); i < all.size(); ++i) {
        if (all[i].path == spareAbs)
            continue;
        // Best effort: a backup we cannot delete costs disk space, not data.
        QFile::remove(all[i].path);
    }
}

} // namespace vela::storage::backups
