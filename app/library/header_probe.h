// HeaderProbe: what a GGUF file on a server is (quantization, shape, so the
// fit estimate per device) without downloading the model: its header only,
// fetched with Range requests (RFC 9110 §14.2) and read by
// inspectHeader (model_info.h), the library's own checks.
//
// A GGUF header holds the whole vocabulary before the tensor table (gguf.md):
// a Qwen3 file's is about 6 MB (151,936 tokens and 151,387 merges), a tiny
// fixture's a few KiB. The probe asks for kFirstRequestBytes, then for what
// gguf::HeaderIncomplete says is still missing (at least twice as much each
// time), and gives up past kMaxHeaderBytes. A server that ignores Range and
// answers 200 with the whole file is read only as far as needed, then the
// transfer is dropped. Only trusted transports (hub_endpoint.h), also for
// redirects (the Hub sends file requests on to its storage host).
#pragma once

#include "model_info.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace vela::library {

class HeaderProbe : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kFirstRequestBytes = 8 << 20;
    static constexpr qint64 kMaxHeaderBytes = 64 << 20;

    // `fileSize`: the file's size as the server lists it (the Hub's tree).
    HeaderProbe(QUrl url, qint64 fileSize, QString fileName, QObject* parent = nullptr);
    ~HeaderProbe() override;

    // Uses `nam` (not owned) instead of an own manager; before start().
    void setNetworkAccessManager(QNetworkAccessManager* nam);
    // The first request's size (default kFirstRequestBytes); for tests.
    void setFirstRequestBytes(qint64 bytes) { firstBytes_ = bytes; }

    // Reports through finished() or failed(), once.
    void start();
    void abort();
    // Bytes fetched so far, over all requests.
    qint64 fetched() const { return bytes_.size(); }
    int requests() const { return requests_; }

Q_SIGNALS:
    void finished(const vela::library::HeaderFacts& facts);
    void failed(const QString& message);

private:
    void request(qint64 upTo);
    void onData();
    void onFinished();
    void onRedirected(const QUrl& url);
    void tryRead();
    void fail(const QString& message);
    void drop();

    QUrl url_;
    qint64 fileSize_;
    QString fileName_;
    qint64 firstBytes_ = kFirstRequestBytes;
    QNetworkAccessManager* nam_ = nullptr;
    QPointer<QNetworkReply> reply_;
    QByteArray bytes_;   // the file's first bytes
    qint64 target_ = 0;    // what the current request should bring bytes_ up to
    qint64 startSize_ = 0; // bytes_ when it was sent
    bool accepting_ = false;
    bool done_ = false;
    int requests_ = 0;
};

} // namespace vela::library
