#include "data_folder_owner.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>

namespace vela::app {

namespace {

// A request line is a few paths; more than this is not one of ours.
constexpr qint64 kMaxRequestBytes = 64 * 1024;

} // namespace

DataFolderOwner::DataFolderOwner(const QString& dataDir, QObject* parent) : QObject(parent), dir_(dataDir) {}

DataFolderOwner::~DataFolderOwner() = default;

bool DataFolderOwner::claim()
{
    if (!QDir().mkpath(dir_)) {
        error_ = QStringLiteral("cannot create the data folder %1").arg(dir_);
        return false;
    }
    // Canonical: two spellings of one folder (a symlink, "..") are one owner.
    const QString canonical = QFileInfo(dir_).canonicalFilePath();
    serverName_ = QStringLiteral("vela-") +
                  QString::fromLatin1(QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
    lock_ = std::make_unique<QLockFile>(QDir(dir_).filePath(QLatin1String(kLockFileName)));
    // The owner may run for weeks: stale only when its process is gone.
    lock_->setStaleLockTime(0);
    if (lock_->tryLock(0))
        return true;
    if (lock_->error() != QLockFile::LockFailedError)
        error_ = QStringLiteral("cannot create the lock %1").arg(QDir(dir_).filePath(QLatin1String(kLockFileName)));
    return false;
}

void DataFolderOwner::listen()
{
    server_ = new QLocalServer(this);
    server_->setSocketOptions(QLocalServer::UserAccessOption);
    // We hold the lock, so a socket file by this name is a dead owner's.
    QLocalServer::removeServer(serverName_);
    if (!server_->listen(serverName_)) {
        // Later launches will say that this one does not answer; the window
        // itself works.
        qWarning("vela: cannot listen for other launches on %s: %s", qPrintable(serverName_),
                 qPrintable(server_->errorString()));
        return;
    }
    connect(server_, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = server_->nextPendingConnection())
            serve(socket);
    });
}

bool DataFolderOwner::waitForLaunch(int timeoutMs)
{
    if (!server_ || !server_->isListening())
        return false;
    // waitForNewConnection emits newConnection, which serve() drains: count.
    const int before = connections_;
    server_->waitForNewConnection(timeoutMs);
    return connections_ > before || server_->hasPendingConnections();
}

void DataFolderOwner::serve(QLocalSocket* socket)
{
    ++connections_;
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
        if (!socket->canReadLine()) {
            if (socket->bytesAvailable() > kMaxRequestBytes)
                socket->abort();
            return;
        }
        const std::optional<LaunchRequest> request = LaunchRequest::fromJson(socket->readLine(kMaxRequestBytes).trimmed());
        if (!request) {
            socket->abort();
            return;
        }
        socket->write("ok\n");
        socket->disconnectFromServer(); // after the answer is written
        emit requested(*request);
    });
}

DataFolderOwner::Handover DataFolderOwner::handOver(const LaunchRequest& request, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    const QByteArray line = request.toJson() + '\n';
    while (!deadline.hasExpired()) {
        QLocalSocket socket;
        socket.connectToServer(serverName_);
        if (socket.waitForConnected(1000)) {
            socket.write(line);
            const bool sent = socket.waitForBytesWritten(int(deadline.remainingTime()));
            while (sent && !socket.canReadLine() && socket.waitForReadyRead(int(deadline.remainingTime()))) {
            }
            if (sent && socket.canReadLine() && socket.readLine().trimmed() == "ok")
                return Handover::Delivered;
            break;
        }
        // No server yet (the owner is starting) or any more (it is exiting,
        // or died): waiting on the lock covers both.
        if (lock_->tryLock(200))
            return Handover::BecameOwner;
    }
    error_ = QStringLiteral("another Vela owns %1 but does not answer").arg(dir_);
    return Handover::Failed;
}

} // namespace vela::app
