#include "download.h"

#include "hub_endpoint.h"
#include "hub_error.h"

#include "catalog.h"
#include "common/error.h"
#include "model_library.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QStorageInfo>

namespace vela::library {

namespace {

// Content-Range: bytes first-last/complete, or bytes */complete (RFC 9110 §14.4).
struct ContentRange {
    qint64 first = -1, complete = -1;
};

ContentRange parseContentRange(const QByteArray& value)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)\s*$)"));
    const auto m = re.match(QString::fromLatin1(value));
    ContentRange r;
    if (!m.hasMatch())
        return r;
    if (m.capturedLength(1) > 0)
        r.first = m.captured(1).toLongLong();
    if (m.captured(3) != QLatin1String("*"))
        r.complete = m.captured(3).toLongLong();
    return r;
}

QString megabytes(qint64 n)
{
    return QString::number(double(n) / (1 << 20), 'f', 1) + QStringLiteral(" MiB");
}

} // namespace

Download::Download(ModelLibrary* library, DownloadRequest request, QObject* parent)
    : QObject(parent), library_(library), folder_(library->folder())
{
    state0_.request = std::move(request);
    state0_.request.sha256 = state0_.request.sha256.toLower();
}

Download::~Download()
{
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
        reply_->deleteLater();
    }
}

void Download::setNetworkAccessManager(QNetworkAccessManager* nam)
{
    nam_ = nam;
}

QString Download::partPath() const
{
    return DownloadState::partPath(folder_, state0_.request.fileName);
}

bool Download::acceptableUrl(const QUrl& url) const
{
    return isTrustedTransport(url);
}

void Download::start()
{
    if (state_ == State::Running)
        return;
    const DownloadRequest& r = state0_.request;
    error_.clear();
    restarts_ = 0;
    if (!isSha256Hex(r.sha256))
        return fail(QStringLiteral("no SHA-256 is known for '%1': Vela only downloads files it can verify")
                        .arg(r.fileName), false);
    if (!acceptableUrl(r.url))
        return fail(QStringLiteral("refusing '%1': only https URLs are downloaded").arg(r.url.toString()), false);
    if (r.fileName.contains(QLatin1Char('/')) || !r.fileName.endsWith(QLatin1String(".gguf")))
        return fail(QStringLiteral("'%1' is not a model file name").arg(r.fileName), false);
    if (QFileInfo::exists(library_->pathOf(r.fileName)))
        return fail(QStringLiteral("a model named '%1' is already in the library").arg(r.fileName), false);

    DownloadState saved;
    const bool resume = saved.load(folder_, r.fileName) && saved.request.url == r.url &&
                        saved.request.sha256.toLower() == r.sha256;
    state0_.etag = resume ? saved.etag : QString();
    state0_.lastModified = resume ? saved.lastModified : QString();
    QDir().mkpath(QFileInfo(partPath()).absolutePath());
    part_.setFileName(partPath());
    offset_ = resume && QFileInfo::exists(partPath()) ? QFileInfo(partPath()).size() : 0;

    const QStorageInfo disk(QFileInfo(partPath()).absolutePath());
    if (r.expectedSize > 0 && disk.isValid() && r.expectedSize - offset_ > disk.bytesAvailable())
        return fail(QStringLiteral("not enough disk space for '%1': %2 more needed, %3 free in %4")
                        .arg(r.fileName, megabytes(r.expectedSize - offset_), megabytes(disk.bytesAvailable()),
                             folder_), false);

    // The hash of what is already there is recomputed, never stored: the
    // part may have been changed since.
    hash_.reset();
    if (offset_ > 0) {
        if (!part_.open(QIODevice::ReadOnly) || !hash_.addData(&part_))
            return fail(QStringLiteral("cannot read '%1': %2").arg(partPath(), part_.errorString()), false);
        part_.close();
    }
    // Unbuffered: a write error (a full disk) shows at the write, not later.
    const auto mode = QIODevice::WriteOnly | QIODevice::Unbuffered |
                      (offset_ > 0 ? QIODevice::Append : QIODevice::Truncate);
    if (!part_.open(mode))
        return fail(QStringLiteral("cannot write '%1': %2").arg(partPath(), part_.errorString()), false);
    try {
        state0_.save(folder_);
    } catch (const Error& e) {
        return fail(QString::fromStdString(e.what()), false);
    }
    received_ = offset_;
    total_ = r.expectedSize;
    if (!nam_) {
        nam_ = new QNetworkAccessManager(this);
    }
    QNetworkRequest req(r.url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    req.setMaximumRedirectsAllowed(10);
    req.setTransferTimeout(timeoutMs_);
    // Ranges count stored bytes; with a content coding they would count the
    // coded ones (RFC 9110 §14.1.2), and Qt would decode behind our back.
    req.setRawHeader("Accept-Encoding", "identity");
    req.setRawHeader("User-Agent", "Vela");
    if (offset_ > 0) {
        req.setRawHeader("Range", "bytes=" + QByteArray::number(offset_) + "-");
        // If-Range (RFC 9110 §13.1.5): only a strong ETag or a date.
        if (!state0_.etag.isEmpty() && !state0_.etag.startsWith(QLatin1String("W/")))
            req.setRawHeader("If-Range", state0_.etag.toLatin1());
        else if (!state0_.lastModified.isEmpty())
            req.setRawHeader("If-Range", state0_.lastModified.toLatin1());
    }
    headersHandled_ = accepting_ = false;
    reply_ = nam_->get(req);
    connect(reply_, &QNetworkReply::metaDataChanged, this, &Download::onHeaders);
    connect(reply_, &QNetworkReply::readyRead, this, &Download::onData);
    connect(reply_, &QNetworkReply::finished, this, &Download::onFinished);
    connect(reply_, &QNetworkReply::redirected, this, &Download::onRedirected);
    clock_.start();
    samples_.clear();
    lastEmitMs_ = -1000;
    setState(State::Running);
    emitProgress(true);
}

void Download::onRedirected(const QUrl& url)
{
    if (!reply_)
        return;
    if (!acceptableUrl(url))
        return fail(QStringLiteral("refusing a redirect to '%1': only https is followed").arg(url.toString()), false);
    Q_EMIT reply_->redirectAllowed();
}

void Download::onHeaders()
{
    if (!reply_ || headersHandled_)
        return;
    const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || (status >= 300 && status < 400))
        return; // not yet, or a redirect being followed
    headersHandled_ = true;
    const ContentRange range = parseContentRange(reply_->rawHeader("Content-Range"));
    const qint64 length = reply_->header(QNetworkRequest::ContentLengthHeader).isValid()
                              ? reply_->header(QNetworkRequest::ContentLengthHeader).toLongLong() : -1;
    if (status == 206) {
        if (range.first != offset_)
            return restartFromZero(); // not the range asked for: take the whole file
        total_ = range.complete >= 0 ? range.complete : (length >= 0 ? offset_ + length : -1);
    } else if (status == 200) {
        if (offset_ > 0) { // Range ignored, or the file changed (If-Range): start over cleanly
            part_.close();
            if (!part_.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
                return fail(QStringLiteral("cannot write '%1': %2").arg(partPath(), part_.errorString()), false);
            hash_.reset();
            offset_ = received_ = 0;
        }
        total_ = length >= 0 ? length : state0_.request.expectedSize;
    } else if (status == 416) {
        if (range.complete == offset_ && offset_ > 0) { // we already have every byte
            dropReply();
            total_ = offset_;
            return complete();
        }
        return restartFromZero();
    } else if (!state0_.request.repo.isEmpty()) {
        // A Hub file: gated (401/403), gone since the tree listed it (404),
        // rate limited (429, with when to retry): the Hub's own words.
        const HubError e = hubHttpError(status, reply_->rawHeader("Retry-After"),
                                        state0_.request.repo + QLatin1Char('/') + state0_.request.fileName);
        return fail(e.message, false);
    } else {
        const QString reason = reply_->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        return fail(QStringLiteral("the server answered %1 %2 for '%3'; nothing was saved")
                        .arg(status).arg(reason, state0_.request.url.toString()), false);
    }
    const qint64 expected = state0_.request.expectedSize;
    if (expected >= 0 && total_ >= 0 && total_ != expected)
        return fail(QStringLiteral("the server's file is %1 bytes but %2 were expected; the download was deleted")
                        .arg(total_).arg(expected), true);
    state0_.etag = QString::fromLatin1(reply_->rawHeader("ETag"));
    state0_.lastModified = QString::fromLatin1(reply_->rawHeader("Last-Modified"));
    try {
        state0_.save(folder_);
    } catch (const Error& e) {
        return fail(QString::fromStdString(e.what()), false);
    }
    accepting_ = true;
}

void Download::onData()
{
    if (!reply_)
        return;
    if (!headersHandled_)
        onHeaders();
    if (!reply_ || !accepting_) {
        if (reply_)
            reply_->readAll(); // a redirect's or an error page's body: dropped
        return;
    }
    const QByteArray data = reply_->readAll();
    if (data.isEmpty())
        return;
    if (part_.write(data) != data.size())
        return fail(QStringLiteral("cannot write '%1': %2; free some space and resume")
                        .arg(partPath(), part_.errorString()), false);
    hash_.addData(data);
    received_ += data.size();
    if (total_ >= 0 && received_ > total_)
        return fail(QStringLiteral("the server sent more than the %1 bytes it announced").arg(total_), true);
    emitProgress(false);
}

void Download::onFinished()
{
    if (!reply_)
        return;
    onData(); // whatever arrived with the end
    if (!reply_ || state_ != State::Running)
        return;
    QNetworkReply* r = reply_;
    reply_ = nullptr;
    r->disconnect(this);
    r->deleteLater();
    if (r->error() != QNetworkReply::NoError) {
        const QString why = r->error() == QNetworkReply::OperationCanceledError
                                ? QStringLiteral("no data for %1 s").arg(timeoutMs_ / 1000.0)
                                : r->errorString();
        return fail(QStringLiteral("the download stopped after %1: %2; it can be resumed")
                        .arg(megabytes(received_), why), false);
    }
    if (!headersHandled_)
        return fail(QStringLiteral("the server sent no usable answer; it can be resumed"), false);
    if (total_ >= 0 && received_ != total_)
        return fail(QStringLiteral("the connection closed after %1 of %2 bytes; it can be resumed")
                        .arg(received_).arg(total_), false);
    complete();
}

void Download::restartFromZero()
{
    if (++restarts_ > 2)
        return fail(QStringLiteral("the server does not answer range requests consistently"), true);
    dropReply();
    part_.close();
    DownloadState::discard(folder_, state0_.request.fileName);
    const int restarts = restarts_;
    state_ = State::Idle;
    start();
    restarts_ = restarts;
}

void Download::complete()
{
    part_.close();
    const DownloadRequest& r = state0_.request;
    if (r.expectedSize >= 0 && received_ != r.expectedSize)
        return fail(QStringLiteral("'%1' is %2 bytes, %3 were expected; the download was deleted")
                        .arg(r.fileName).arg(received_).arg(r.expectedSize), true);
    const QString actual = QString::fromLatin1(hash_.result().toHex());
    if (actual != r.sha256)
        return fail(QStringLiteral("checksum mismatch for '%1': expected SHA-256 %2, got %3; "
                                   "the downloaded file was deleted")
                        .arg(r.fileName, r.sha256, actual), true);
    try {
        modelPath_ = library_->adoptDownload(partPath(), r.fileName, r.repo, r.revision).path;
    } catch (const Error& e) {
        return fail(QString::fromStdString(e.what()), false);
    }
    QFile::remove(DownloadState::statePath(folder_, r.fileName));
    setState(State::Done);
    emitProgress(true);
    Q_EMIT finished(modelPath_);
}

void Download::fail(const QString& message, bool discardPart)
{
    dropReply();
    part_.close();
    if (discardPart)
        DownloadState::discard(folder_, state0_.request.fileName);
    error_ = message;
    setState(State::Failed);
    Q_EMIT failed(message);
}

void Download::pause()
{
    if (state_ != State::Running)
        return;
    dropReply();
    part_.close();
    setState(State::Paused);
}

void Download::cancel()
{
    pause();
    DownloadState::discard(folder_, state0_.request.fileName);
    setState(State::Cancelled);
}

void Download::dropReply()
{
    if (!reply_)
        return;
    QNetworkReply* r = reply_;
    reply_ = nullptr;
    r->disconnect(this);
    // Deferred: aborting inside the reply's own metaDataChanged makes Qt
    // report the error twice ("must only be called once").
    QMetaObject::invokeMethod(r, &QNetworkReply::abort, Qt::QueuedConnection);
    r->deleteLater();
}

void Download::setState(State s)
{
    if (state_ == s)
        return;
    state_ = s;
    Q_EMIT stateChanged(s);
}

void Download::emitProgress(bool force)
{
    const qint64 ms = clock_.isValid() ? clock_.elapsed() : 0;
    if (!force && ms - lastEmitMs_ < 100)
        return;
    lastEmitMs_ = ms;
    samples_.emplace_back(ms, received_);
    while (samples_.size() > 2 && samples_.front().first < ms - 3000)
        samples_.pop_front();
    const auto& [t0, b0] = samples_.front();
    const double speed = ms > t0 ? double(received_ - b0) * 1000.0 / double(ms - t0) : 0.0;
    const double left = total_ >= 0 && speed > 0 ? double(total_ - received_) / speed : -1.0;
    Q_EMIT progress(received_, total_, speed, left);
}

} // namespace vela::library
