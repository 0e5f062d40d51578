#include "http_test_server.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace vela::test {

HttpTestServer::HttpTestServer(QByteArray body, QObject* parent) : QObject(parent), body_(std::move(body))
{
    server_.listen(QHostAddress::LocalHost, 0);
    connect(&server_, &QTcpServer::newConnection, this, &HttpTestServer::onConnection);
}

QString HttpTestServer::url(const QString& path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
}

int HttpTestServer::openConnections() const
{
    int n = 0;
    for (const QTcpSocket* s : server_.findChildren<QTcpSocket*>()) // accepted sockets are the server's children
        n += s->state() != QAbstractSocket::UnconnectedState;
    return n;
}

void HttpTestServer::onConnection()
{
    while (QTcpSocket* s = server_.nextPendingConnection()) {
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
            buffer->append(s->readAll());
            if (!buffer->contains("\r\n\r\n") || s->property("handled").toBool())
                return;
            s->setProperty("handled", true);
            s->setProperty("request", *buffer);
            handle(s);
        });
    }
}

void HttpTestServer::handle(QTcpSocket* s)
{
    const QByteArray request = s->property("request").toByteArray();
    // Request line: method SP request-target SP HTTP-version (RFC 9112 §3).
    const QList<QByteArray> requestLine = request.left(request.indexOf("\r\n")).split(' ');
    paths_.append(requestLine.size() == 3 ? requestLine.at(1) : QByteArray());
    QByteArray range;
    for (const QByteArray& line : request.split('\n'))
        if (line.toLower().startsWith("range:"))
            range = line.mid(6).trimmed();
    ranges_.append(range);

    auto respond = [&](int status, const QByteArray& reason, const QList<QByteArray>& headers, QByteArray data) {
        statuses_.append(status);
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " " + reason + "\r\n";
        for (const QByteArray& h : headers)
            head += h + "\r\n";
        head += "Content-Length: " + QByteArray::number(data.size()) + "\r\nConnection: close\r\n\r\n";
        s->write(head);
        sendBody(s, std::move(data));
    };
    if (mode_ == Mode::Error500)
        return respond(500, "Internal Server Error", {"Content-Type: text/html"},
                       "<html><body><h1>500</h1>Something broke.</body></html>");
    const QList<QByteArray> common{"Content-Type: application/octet-stream", "Accept-Ranges: bytes", "ETag: " + etag_};
    // bytes=FIRST- or bytes=FIRST-LAST (RFC 9110 §14.1.2; LAST past the end
    // means the end).
    qint64 first = -1, last = body_.size() - 1;
    if (range.startsWith("bytes=") && range.contains('-')) {
        const QList<QByteArray> ends = range.mid(6).split('-');
        bool ok = false;
        first = ends.value(0).toLongLong(&ok);
        if (!ok)
            first = -1;
        if (!ends.value(1).isEmpty())
            last = std::min(last, ends.value(1).toLongLong());
    }
    if (first < 0 || mode_ == Mode::IgnoreRange)
        return respond(200, "OK", common, body_);
    if (first >= body_.size())
        return respond(416, "Range Not Satisfiable", {"Content-Range: bytes */" + QByteArray::number(body_.size())}, {});
    if (mode_ == Mode::WrongRange)
        first = 0;
    if (mode_ == Mode::WrongRange)
        last = body_.size() - 1;
    QList<QByteArray> headers = common;
    headers.append("Content-Range: bytes " + QByteArray::number(first) + "-" + QByteArray::number(last) + "/" +
                   QByteArray::number(body_.size()));
    respond(206, "Partial Content", headers, body_.mid(first, last - first + 1));
}

void HttpTestServer::sendBody(QTcpSocket* s, QByteArray data)
{
    if (cutAfter_ >= 0 && cutAfter_ < data.size())
        data.truncate(cutAfter_); // Content-Length promised more: the client sees a cut
    cutAfter_ = -1;
    if (chunk_ <= 0) {
        s->write(data);
        s->disconnectFromHost(); // after the pending bytes are written
        return;
    }
    // Throttled: one chunk per tick, then close.
    auto rest = std::make_shared<QByteArray>(std::move(data));
    auto* timer = new QTimer(s);
    QPointer<QTcpSocket> guard(s);
    connect(timer, &QTimer::timeout, s, [guard, rest, timer, this] {
        if (!guard)
            return;
        if (rest->isEmpty()) {
            timer->stop();
            guard->disconnectFromHost();
            return;
        }
        guard->write(rest->left(chunk_));
        rest->remove(0, std::min<qint64>(chunk_, rest->size()));
    });
    timer->start(intervalMs_);
}

} // namespace vela::test
