// Download: fetches one model into the library, resumably and verified.
//
//   - Bytes go to `.downloads/NAME.part`; the state next to it (download_
//     state.h) lets a paused, failed or interrupted download resume, also
//     after a restart, with `Range: bytes=N-` (RFC 9110 §14.2).
//   - 206 Partial Content (§15.3.7) whose Content-Range starts at N: appended.
//     200 OK to a Range request (a server may ignore Range, §14.2, or the file
//     changed and If-Range failed, §13.1.5): the part is truncated and the
//     body taken from the start. 416 (§15.5.17): the part is already complete
//     when Content-Range's length equals it, otherwise it starts over.
//     4xx/5xx: an error naming the status; the body (an error page) is never
//     written and the part is kept for a later retry.
//   - The SHA-256 is computed while writing (after re-hashing the existing
//     part on resume) and compared with the expected one before the part is
//     renamed into the library (ModelLibrary::adoptDownload); a mismatch
//     deletes the part and says so. Nothing is registered half-downloaded,
//     and a download without an expected SHA-256 is refused.
//   - TLS peer verification is Qt's default and is never relaxed (no
//     ignoreSslErrors). Plain http is refused except to the loopback
//     interface (the tests' local server); redirects are followed only to
//     https (or loopback http), at most 10.
#pragma once

#include "download_state.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>

#include <deque>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace vela::library {

class ModelLibrary;

class Download : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Failed, Cancelled, Done };
    Q_ENUM(State)

    // `library` must outlive the download. A state file left by an earlier
    // run for the same file name is used when its URL and hash match.
    Download(ModelLibrary* library, DownloadRequest request, QObject* parent = nullptr);
    ~Download() override;

    // Uses `nam` instead of an own QNetworkAccessManager (not owned); call
    // before start().
    void setNetworkAccessManager(QNetworkAccessManager* nam);
    // No byte for this long fails the transfer (resumable). Default 60 s.
    void setTransferTimeout(int ms) { timeoutMs_ = ms; }

    // Starts, or resumes from the .part file. Failures are reported through
    // failed() (also for refusals before any request).
    void start();
    void pause();  // keeps the part and the state
    void cancel(); // deletes them

    State state() const { return state_; }
    qint64 received() const { return received_; }
    qint64 total() const { return total_; } // -1 until known
    QString errorString() const { return error_; }
    QString modelPath() const { return modelPath_; }
    const DownloadRequest& request() const { return state0_.request; }
    QString partPath() const;

Q_SIGNALS:
    // Throttled to ~10 per second. total -1 when unknown; speed in bytes/s
    // over the last few seconds; secondsLeft -1 when unknown.
    void progress(qint64 received, qint64 total, double bytesPerSecond, double secondsLeft);
    void stateChanged(vela::library::Download::State state);
    void finished(const QString& modelPath); // verified and in the library
    void failed(const QString& message);

private:
    void onHeaders();
    void onData();
    void onFinished();
    void onRedirected(const QUrl& url);
    void fail(const QString& message, bool discardPart);
    void setState(State s);
    void dropReply(); // forgets the current reply and aborts it
    void restartFromZero();
    void complete();
    void emitProgress(bool force);
    bool acceptableUrl(const QUrl& url) const;

    ModelLibrary* library_;
    QString folder_;
    DownloadState state0_;
    QNetworkAccessManager* nam_ = nullptr;
    QPointer<QNetworkReply> reply_;
    QFile part_;
    QCryptographicHash hash_{QCryptographicHash::Sha256};
    State state_ = State::Idle;
    qint64 offset_ = 0;   // bytes in the part when the request was sent
    qint64 received_ = 0; // bytes in the part now
    qint64 total_ = -1;
    int timeoutMs_ = 60000;
    int restarts_ = 0;
    bool headersHandled_ = false;
    bool accepting_ = false; // the response's body belongs in the part
    QString error_, modelPath_;
    QElapsedTimer clock_;
    qint64 lastEmitMs_ = -1000;
    std::deque<std::pair<qint64, qint64>> samples_; // (ms, received) for the speed
};

} // namespace vela::library
