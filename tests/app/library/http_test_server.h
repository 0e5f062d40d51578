// A tiny HTTP/1.1 server for download tests, on 127.0.0.1 (QTcpServer, in
// the test's thread, event-driven). It serves one body at any path (each
// request's path is recorded, for tests of which URL a client built) and
// honours `Range: bytes=N-` and `bytes=N-M` with 206 + Content-Range (RFC 9110 §14.2, §14.4,
// §15.3.7), 416 past the end (§15.5.17); one connection per request
// (Connection: close). Misbehaviours on demand, for the error paths.
#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>

class QTcpSocket;

namespace vela::test {

class HttpTestServer : public QObject {
    Q_OBJECT
public:
    enum class Mode {
        Normal,      // 200 / 206 / 416
        IgnoreRange, // always 200 with the whole body
        Error500,    // 500 with an HTML error page
        WrongRange,  // 206 starting at 0 whatever was asked
    };
    explicit HttpTestServer(QByteArray body, QObject* parent = nullptr);

    quint16 port() const { return server_.serverPort(); }
    QString url(const QString& path = QStringLiteral("/model.gguf")) const;

    void setMode(Mode m) { mode_ = m; }
    // The next response closes the connection after this many body bytes.
    void cutNextAfter(qint64 bytes) { cutAfter_ = bytes; }
    // Body bytes are sent in chunks of `bytes` every `ms` (to pause mid-way).
    void setThrottle(qint64 bytes, int ms) { chunk_ = bytes; intervalMs_ = ms; }
    void setBody(QByteArray body) { body_ = std::move(body); }
    void setEtag(QByteArray etag) { etag_ = std::move(etag); }

    // Range header of every request received ("" when none).
    const QList<QByteArray>& ranges() const { return ranges_; }
    // The request-target of every request received, as sent (percent-encoded):
    // "/Qwen/Qwen3-0.6B-GGUF/resolve/<commit>/Qwen3-0.6B-Q8_0.gguf".
    const QList<QByteArray>& paths() const { return paths_; }
    const QList<int>& statuses() const { return statuses_; }
    // Connections accepted and not yet closed by either side: 0 once a
    // client that gave up (a paused download) has closed its connection.
    int openConnections() const;

private:
    void onConnection();
    void handle(QTcpSocket* socket);
    void sendBody(QTcpSocket* socket, QByteArray data);

    QTcpServer server_;
    QByteArray body_;
    QByteArray etag_ = "\"v1\"";
    Mode mode_ = Mode::Normal;
    qint64 cutAfter_ = -1;
    qint64 chunk_ = 0;
    int intervalMs_ = 0;
    QList<QByteArray> ranges_;
    QList<QByteArray> paths_;
    QList<int> statuses_;
};

} // namespace vela::test
