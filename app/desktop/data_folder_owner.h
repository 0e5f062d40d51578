// DataFolderOwner: one Vela per data folder.
//
// Two windows on one database each ran start-up recovery against the other's
// live reply; so the first `vela` on a folder owns it and later launches
// hand their request (LaunchRequest: a model to open, the language, the
// theme) to it and exit, without opening the store.
//
// Who owns the folder: <dataDir>/vela.lock, a QLockFile. It names the owner's
// process, and on Unix an flock() on it lasts as long as the lock; a lock
// left by a process that died is stale and taken over
// (https://doc.qt.io/qt-6/qlockfile.html#tryLock), so a crash never blocks
// the next start.
//
// How a request gets there: a QLocalServer the owner listens on, named after
// the canonical data folder (a hash, so any path fits the socket name
// limit), for this user only. Protocol: the new launch connects, writes one
// line of JSON (LaunchRequest::toJson) and waits for "ok\n".
#pragma once

#include "command_line.h"

#include <QObject>
#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QLocalServer;
class QLocalSocket;
class QLockFile;
QT_END_NAMESPACE

namespace vela::app {

class DataFolderOwner : public QObject {
    Q_OBJECT
public:
    enum class Handover {
        Delivered,   // the owner has the request
        BecameOwner, // the owner went away meanwhile: this process owns the folder now
        Failed,      // see error()
    };

    static constexpr const char* kLockFileName = "vela.lock";

    explicit DataFolderOwner(const QString& dataDir, QObject* parent = nullptr);
    ~DataFolderOwner() override;

    // Creates the folder if needed and takes its lock. False when another
    // live Vela owns it, or the lock cannot be made (error() then says why).
    bool claim();
    // The owner: accepts later launches' requests (emits requested). Needs
    // the application object (the server's socket notifier).
    void listen();
    // Not the owner: hands `request` over. The owner may be starting and
    // not yet listening: until `timeoutMs`, waiting on its lock in between,
    // which also notices an owner that died.
    Handover handOver(const LaunchRequest& request, int timeoutMs = 10000);
    // The owner, for the test driver (--test-await-forward): blocks until a
    // later launch connects or `timeoutMs` pass; true when one did.
    bool waitForLaunch(int timeoutMs);
    QString error() const { return error_; }

signals:
    void requested(const vela::app::LaunchRequest& request);

private:
    void serve(QLocalSocket* socket);

    QString dir_;
    QString serverName_;
    std::unique_ptr<QLockFile> lock_;
    QLocalServer* server_ = nullptr;
    int connections_ = 0; // accepted so far
    QString error_;
};

} // namespace vela::app
