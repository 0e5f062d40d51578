// Opening, integrity, crash recovery, backups and restore.
#include "storage/conversation_store.h"

#include "storage/backups.h"
#include "storage/schema.h"
#include "storage/writers.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <sqlite3.h>

#include <string>
#include <vector>

namespace vela::storage {

namespace {

// PRAGMA quick_check returns one row "ok", or rows describing problems. It
// verifies b-tree structure and record formats but not UNIQUE constraints
// or index contents, in O(N) rather than integrity_check's O(N log N)
// (https://sqlite.org/pragma.html#pragma_quick_check). Reading a file that
// is not a database fails inside it with SQLITE_NOTADB, which also throws
// Corrupt.
void quickCheck(sql::Connection& db, const QString& what)
{
    QStringList problems;
    try {
        sql::Statement s(db.handle(), "PRAGMA quick_check(20)", false);
        while (s.step()) {
            const QString line = s.text(0);
            if (line != QLatin1String("ok"))
                problems.push_back(line);
        }
    } catch (const StorageError& e) {
        if (e.kind() != ErrorKind::Corrupt)
            throw;
        // Say it plainly: this text reaches the user.
        throw StorageError(ErrorKind::Corrupt,
                           QStringLiteral("%1 cannot be read: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db.handle()))),
                           e.sqliteCode());
    }
    if (!problems.isEmpty())
        throw StorageError(ErrorKind::Corrupt,
                           QStringLiteral("%1 failed its integrity check: %2").arg(what, problems.join(QStringLiteral("; "))),
                           SQLITE_CORRUPT);
}

QString fileStamp() { return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")); }

// Moves a damaged database (and its journal/WAL, which belong to it) out of
// the way, keeping them together so they can still be opened for forensics.
QString moveAside(const QString& path)
{
    QString target = path + QStringLiteral(".damaged-") + fileStamp();
    for (int n = 1; QFileInfo::exists(target); ++n)
        target = path + QStringLiteral(".damaged-") + fileStamp() + QLatin1Char('-') + QString::number(n);
    if (!QFile::rename(path, target))
        throw StorageError(ErrorKind::Io,
                           QStringLiteral("The database %1 is damaged and cannot be moved aside").arg(path));
    for (const char* suffix : {"-wal", "-journal"}) {
        const QString side = path + QLatin1String(suffix);
        if (QFileInfo::exists(side) && !QFile::rename(side, target + QLatin1String(suffix)) && !QFile::remove(side))
            throw StorageError(ErrorKind::Io, QStringLiteral("Cannot move %1 aside").arg(side));
    }
    // -shm is only an index into the -wal, rebuilt from it; a stale one must
    // not be paired with the new database (https://sqlite.org/walformat.html#shm).
    QFile::remove(path + QStringLiteral("-shm"));
    return target;
}

} // namespace

ConversationStore::ConversationStore(const QString& dataDir, StoreOptions options)
    : dir_(QDir(dataDir).absolutePath()), options_(std::move(options))
{
    if (!QDir().mkpath(dir_))
        throw StorageError(ErrorKind::Io, QStringLiteral("Cannot create the data folder %1").arg(dir_));
    writer_ = std::make_unique<writers::WriterLock>(dir_);
    const QString path = databasePath();
    report_.databasePath = path;
    bool existed = QFileInfo::exists(path);

    QString damage;
    // SQLite opens a zero-byte file as a new, empty database. Vela writes its
    // schema as soon as it creates one, so an empty file next to backups is
    // a database that lost its contents (a truncating copy, a full disk):
    // damage to report, with the backups offered, not a fresh start whose
    // migration would push the real backup out of the list.
    if (existed && QFileInfo(path).size() == 0 && !backups::list(dir_).empty())
        damage = QStringLiteral("The database file is empty (0 bytes), but backups of it exist");
    else try {
        openConnection(existed);
        report_.foundVersion = prepareSchema(existed);
    } catch (const StorageError& e) {
        // Only damage is recoverable here. Anything else (permissions, a
        // full disk, a newer schema) must reach the caller with the file
        // untouched: the data in it is fine.
        if (e.kind() != ErrorKind::Corrupt)
            throw;
        damage = QString::fromUtf8(e.what());
    }
    if (!damage.isEmpty()) {
        // Closing the last connection checkpoints and deletes the -wal file
        // (https://sqlite.org/wal.html#the_wal_file); keep it, it is part of
        // the damaged database we move aside (https://sqlite.org/c3ref/c_fcntl_begin_atomic_write.html#sqlitefcntlpersistwal).
        if (db_.isOpen()) {
            int keepWal = 1;
            sqlite3_file_control(db_.handle(), "main", SQLITE_FCNTL_PERSIST_WAL, &keepWal);
        }
        db_.close();
        report_.damaged = true;
        report_.damageDetail = damage;
        report_.damagedMovedTo = moveAside(path);
        existed = false;
        openConnection(false);
        report_.foundVersion = prepareSchema(false);
    }
    report_.created = !existed;
    report_.schemaVersion = schemaVersion(db_);
    report_.recoveredMessages = recoverStreaming(false);
    writers::sweep(dir_, writer_->id());
    backups::prune(dir_, options_.keepBackups);
    report_.backups = backups::list(dir_);
}

ConversationStore::~ConversationStore() = default;

QString ConversationStore::databasePath() const { return QDir(dir_).filePath(QLatin1String(kFileName)); }

std::int64_t ConversationStore::now() const
{
    return options_.clock ? options_.clock() : QDateTime::currentMSecsSinceEpoch();
}

void ConversationStore::openConnection(bool fileExisted)
{
    db_ = sql::Connection(databasePath(), true);
    sqlite3* h = db_.handle();
    // Wait for another process's lock instead of failing at once
    // (https://sqlite.org/c3ref/busy_timeout.html).
    sqlite3_busy_timeout(h, options_.busyTimeoutMs);
    // Defensive mode: no writable_schema or raw shadow-table writes that
    // could corrupt the file (https://sqlite.org/c3ref/c_dbconfig_defensive.html).
    sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);

    if (fileExisted)
        quickCheck(db_, QStringLiteral("The database %1").arg(databasePath()));

    // WAL: readers never block the writer, and a commit is one append to
    // the -wal file (https://sqlite.org/wal.html). The setting is persistent.
    // Where WAL is impossible (some network file systems) SQLite answers
    // with the mode it kept, a rollback journal: as safe, only slower, so we
    // go on with it.
    db_.queryText("PRAGMA journal_mode = WAL");
    // FULL: in WAL mode, NORMAL may lose the last commits on power loss;
    // FULL syncs the WAL at every commit, so a message once stored stays
    // stored (https://sqlite.org/pragma.html#pragma_synchronous).
    db_.exec("PRAGMA synchronous = FULL", "Setting synchronous mode");
    // Off by default for compatibility; we rely on ON DELETE CASCADE
    // (https://sqlite.org/foreignkeys.html#fk_enable). Per connection.
    db_.exec("PRAGMA foreign_keys = ON", "Enabling foreign keys");
    if (options_.maxPageCount > 0) {
        const std::string pragma = "PRAGMA max_page_count = " + std::to_string(options_.maxPageCount);
        db_.exec(pragma.c_str(), "Setting the page quota");
    }
}

int ConversationStore::prepareSchema(bool backUpFirst)
{
    return migrate(db_, kSchemaVersion, [&](int fromVersion) {
        // A new database has nothing to protect; an existing one is copied
        // before every step, so a migration bug can always be undone.
        if (backUpFirst)
            backups::create(db_.handle(), dir_, fromVersion, QDateTime::currentDateTimeUtc());
    });
}

int ConversationStore::recoverStreaming(bool ownToo)
{
    // A reply still 'streaming' at open is being written right now by another
    // store on this file (another Vela, a tool, another store in this
    // process) or was left by one that died. Its writer's lock tells which
    // (writers.h): only the rows of writers that are gone are marked stopped,
    // keeping their text. Inside the write transaction, so no writer adds a
    // streaming row between the look and the update.
    sql::Transaction tx(db_);
    std::vector<QString> gone;
    {
        auto s = db_.cached("SELECT DISTINCT writer FROM messages WHERE status = 'streaming'");
        while (s->step()) {
            const QString writer = s->text(0);
            const bool own = writer == writer_->id();
            if (own ? ownToo : writer.isEmpty() || writers::isGone(dir_, writer))
                gone.push_back(writer);
        }
    }
    int n = 0;
    for (const QString& writer : gone) {
        db_.cached("UPDATE messages SET status = 'stopped' WHERE status = 'streaming' AND writer = ?1")
            ->bind(1, writer)
            .run();
        n += db_.changes();
    }
    tx.commit();
    return n;
}

std::vector<BackupInfo> ConversationStore::backups() const { return backups::list(dir_); }

QString ConversationStore::backupNow()
{
    const QString path = backups::create(db_.handle(), dir_, schemaVersion(db_), QDateTime::currentDateTimeUtc());
    backups::prune(dir_, options_.keepBackups, path);
    return path;
}

RestoreReport ConversationStore::restoreBackup(const QString& path)
{
    if (!QFileInfo(path).isFile())
        throw StorageError(ErrorKind::NotFound, QStringLiteral("There is no backup at %1").arg(path));
    RestoreReport r;
    {
        sql::Connection source(path, false, true);
        quickCheck(source, QStringLiteral("The backup %1").arg(path));
        r.restoredVersion = schemaVersion(source);
        if (r.restoredVersion > kSchemaVersion)
            throw StorageError(ErrorKind::TooNew,
                               QStringLiteral("The backup %1 has schema version %2; this Vela understands up to %3")
                                   .arg(path)
                                   .arg(r.restoredVersion)
                                   .arg(kSchemaVersion));

        // The current data is one more backup, so a restore can be undone.
        r.safetyBackup = backups::create(db_.handle(), dir_, schemaVersion(db_), QDateTime::currentDateTimeUtc());
        // Cached statements hold compiled schema; the copy replaces it.
        db_.clearCache();
        // The backup API works in place on the live connection: it takes the
        // write lock, replaces every page and truncates, as one transaction
        // that other connections see atomically (https://sqlite.org/backup.html).
        backups::copyDatabase(source.handle(), db_.handle(),
                              QStringLiteral("Restoring the database from %1").arg(path));
    }
    prepareSchema(true);
    r.recoveredMessages = recoverStreaming(true);
    backups::prune(dir_, options_.keepBackups, path);
    return r;
}

} // namespace vela::storage
