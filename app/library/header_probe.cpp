#include "header_probe.h"

#include "hub_endpoint.h"

#include "common/error.h"
#include "gguf/gguf_file.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <vector>

namespace vela::library {

HeaderProbe::HeaderProbe(QUrl url, qint64 fileSize, QString fileName, QObject* parent)
    : QObject(parent), url_(std::move(url)), fileSize_(fileSize), fileName_(std::move(fileName))
{
}

HeaderProbe::~HeaderProbe()
{
    drop();
}

void HeaderProbe::setNetworkAccessManager(QNetworkAccessManager* nam)
{
    nam_ = nam;
}

void HeaderProbe::start()
{
    if (!isTrustedTransport(url_))
        return fail(tr("Refusing %1: only https is used.").arg(url_.toString()));
    if (fileSize_ <= 0)
        return fail(tr("The server lists no size for %1.").arg(fileName_));
    if (!nam_)
        nam_ = new QNetworkAccessManager(this);
    request(std::min(firstBytes_, fileSize_));
}

void HeaderProbe::abort()
{
    done_ = true;
    drop();
}

void HeaderProbe::drop()
{
    if (!reply_)
        return;
    QNetworkReply* r = reply_;
    reply_ = nullptr;
    r->disconnect(this);
    // A reply with an error status is only deleted: Qt reports that error
    // after the headers, and an abort() first would make it report twice.
    const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (r->isRunning() && r->error() == QNetworkReply::NoError && status < 400)
        r->abort();
    r->deleteLater();
}

void HeaderProbe::request(qint64 upTo)
{
    target_ = upTo;
    startSize_ = bytes_.size();
    accepting_ = false;
    QNetworkRequest req(url_);
    // bytes=first-last, both inclusive (RFC 9110 §14.1.2).
    req.setRawHeader("Range", "bytes=" + QByteArray::number(bytes_.size()) + "-" + QByteArray::number(upTo - 1));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    req.setMaximumRedirectsAllowed(10);
    req.setTransferTimeout(60000);
    ++requests_;
    reply_ = nam_->get(req);
    connect(reply_, &QNetworkReply::readyRead, this, &HeaderProbe::onData);
    connect(reply_, &QNetworkReply::finished, this, &HeaderProbe::onFinished);
    connect(reply_, &QNetworkReply::redirected, this, &HeaderProbe::onRedirected);
}

void HeaderProbe::onRedirected(const QUrl& url)
{
    if (!reply_)
        return;
    if (!isTrustedTransport(url))
        return fail(tr("Refusing a redirect to %1: only https is followed.").arg(url.toString()));
    Q_EMIT reply_->redirectAllowed();
}

void HeaderProbe::onData()
{
    if (!reply_)
        return;
    if (!accepting_) {
        const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0 || (status >= 300 && status < 400))
            return; // not yet, or a redirect being followed
        if (status == 200 && !bytes_.isEmpty()) {
            bytes_.clear(); // Range ignored: the body starts at byte 0 again
            startSize_ = 0;
        }
        else if (status != 200 && status != 206)
            return fail(tr("The server answered %1 for %2.").arg(status).arg(fileName_));
        if (status == 206) {
            // "bytes first-last/complete": it must start where we are.
            const QByteArray range = reply_->rawHeader("Content-Range");
            const qsizetype space = range.indexOf(' '), dash = range.indexOf('-');
            if (space < 0 || dash < space || range.mid(space + 1, dash - space - 1).toLongLong() != bytes_.size())
                return fail(tr("The server sent another part of %1 than was asked for.").arg(fileName_));
        }
        accepting_ = true;
    }
    bytes_ += reply_->read(std::max<qint64>(0, target_ - bytes_.size()));
    if (bytes_.size() >= target_) {
        drop(); // enough; a server that ignored Range would send the whole model
        tryRead();
    }
}

void HeaderProbe::onFinished()
{
    if (!reply_)
        return;
    onData();
    if (!reply_)
        return; // handled there
    QNetworkReply* r = reply_;
    const bool ok = r->error() == QNetworkReply::NoError;
    const QString why = r->errorString();
    const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    drop();
    if (done_)
        return;
    if (!ok && status >= 400)
        return fail(tr("The server answered %1 for %2.").arg(status).arg(fileName_));
    if (!ok && bytes_.size() <= startSize_)
        return fail(tr("Could not read the header of %1: %2").arg(fileName_, why));
    tryRead(); // ended early (cut, or a shorter range): read what arrived, then ask for the rest
}

void HeaderProbe::tryRead()
{
    if (done_)
        return;
    try {
        const auto* p = reinterpret_cast<const std::byte*>(bytes_.constData());
        const HeaderFacts facts =
            inspectHeader(gguf::MappedFile::fromBytes(std::vector<std::byte>(p, p + bytes_.size())),
                          uint64_t(fileSize_), fileName_);
        done_ = true;
        Q_EMIT finished(facts);
    } catch (const gguf::HeaderIncomplete& e) {
        const qint64 needed = qint64(e.bytesNeeded());
        if (needed > kMaxHeaderBytes)
            return fail(tr("The header of %1 is larger than %2 MB; Vela does not read it.")
                            .arg(fileName_)
                            .arg(kMaxHeaderBytes >> 20));
        // A server may send less than asked (RFC 9110 §14.4 lets it): go on
        // from there, unless the last request brought nothing.
        if (bytes_.size() <= startSize_)
            return fail(tr("The server sent only %1 bytes of %2.").arg(bytes_.size()).arg(fileName_));
        request(std::min(fileSize_, std::max(needed, 2 * qint64(bytes_.size()))));
    } catch (const std::bad_alloc&) {
        fail(tr("Not enough memory to read the header of %1.").arg(fileName_));
    } catch (const Error& e) {
        fail(tr("%1 is not a model Vela can load: %2").arg(fileName_, QString::fromStdString(e.what())));
    }
}

void HeaderProbe::fail(const QString& message)
{
    if (done_)
        return;
    done_ = true;
    drop();
    Q_EMIT failed(message);
}

} // namespace vela::library
