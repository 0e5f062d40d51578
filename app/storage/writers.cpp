#include "storage/writers.h"

#include "storage/error.h"

#include <QDir>
#include <QLockFile>
#include <QUuid>

namespace vela::storage::writers {

namespace {

QString folder(const QString& dataDir) { return QDir(dataDir).filePath(QStringLiteral("writers")); }

QString lockPath(const QString& dataDir, const QString& id)
{
    return QDir(folder(dataDir)).filePath(id + QStringLiteral(".lock"));
}

// A writer lives for as long as its store is open, so never stale by age
// (0): only a process that is gone makes it stale.
std::unique_ptr<QLockFile> makeLock(const QString& path)
{
    auto lock = std::make_unique<QLockFile>(path);
    lock->setStaleLockTime(0);
    return lock;
}

} // namespace

WriterLock::WriterLock(const QString& dataDir) : id_(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    if (!QDir().mkpath(folder(dataDir)))
        throw StorageError(ErrorKind::Io, QStringLiteral("Cannot create the folder %1").arg(folder(dataDir)));
    lock_ = makeLock(lockPath(dataDir, id_));
    if (!lock_->tryLock(0))
        throw StorageError(ErrorKind::Io,
                           QStringLiteral("Cannot create the writer lock %1").arg(lockPath(dataDir, id_)));
}

WriterLock::~WriterLock() = default; // QLockFile's destructor unlocks and removes the file

bool isGone(const QString& dataDir, const QString& id)
{
    // An id is a UUID we wrote; anything else is not a file name to touch.
    if (QUuid::fromString(id).isNull())
        return false;
    const auto probe = makeLock(lockPath(dataDir, id));
    if (!probe->tryLock(0))
        return false; // LockFailedError: held by a live store; or unreadable
    probe->unlock();
    return true;
}

void sweep(const QString& dataDir, const QString& ownId)
{
    const QStringList files = QDir(folder(dataDir)).entryList({QStringLiteral("*.lock")}, QDir::Files);
    for (const QString& file : files) {
        const QString id = file.chopped(5); // ".lock"
        if (id != ownId)
            isGone(dataDir, id);
    }
}

} // namespace vela::storage::writers
