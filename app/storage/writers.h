// Writer identity: which ConversationStore is writing a streaming reply, and
// whether it is still there.
//
// Every open ConversationStore holds a lock file <dataDir>/writers/<id>.lock
// (QLockFile: the file names the process, and on Unix an flock() on it is
// held for as long as the file is locked) and records its id in the
// `writer` column of the streaming rows it starts (schema v3). A writer is
// gone when nobody holds its lock: the store closed, or its process died
// (QLockFile treats a lock whose process no longer runs as stale and takes
// it over). Crash recovery stops only the replies of writers that are gone,
// so a second store on the same file leaves a live reply alone.
#pragma once

#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QLockFile;
QT_END_NAMESPACE

namespace vela::storage::writers {

// This store's identity and lock; released (the file removed) on destruction.
class WriterLock {
public:
    // Creates <dataDir>/writers if needed; throws StorageError (Io) when the
    // lock cannot be taken.
    explicit WriterLock(const QString& dataDir);
    ~WriterLock();
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

    const QString& id() const { return id_; }

private:
    QString id_;
    std::unique_ptr<QLockFile> lock_;
};

// True when no live store holds the lock of writer `id`. Finding out takes
// the lock for a moment, which also removes a dead writer's leftover file.
// False when the lock is held, or cannot be examined (then the rows wait
// for a later open rather than risk stopping a live reply).
bool isGone(const QString& dataDir, const QString& id);

// Removes the lock files of writers that are gone (crashed processes leave
// them behind); `ownId`'s is kept.
void sweep(const QString& dataDir, const QString& ownId);

} // namespace vela::storage::writers
