// A local stand-in for the Hugging Face Hub (QTcpServer on 127.0.0.1, in the
// test's thread, one request per connection), for HubClient, Download and
// vela-cli pointed at it with HF_ENDPOINT=endpoint(). It speaks the parts of
// the Hub API Vela uses (see library/hub_client.h):
//
//   GET /api/models/O/N/revision/REV   {"id":"O/N","sha":COMMIT}; REV is
//                                      "main" or the commit, else 404
//   GET /api/models/O/N/tree/COMMIT?recursive=true[&cursor=K]
//       [{"type":"directory",...}, {"type":"file","path","size","oid",
//        "lfs":{"oid":SHA-256,"size","pointerSize"}}], paginated with
//        `Link: <...&cursor=K>; rel="next"` when a page size is set
//   GET /O/N/resolve/COMMIT/PATH       the bytes; `Range: bytes=N-` gives 206
//                                      + Content-Range (RFC 9110 §14.2, §14.4)
//
// and misbehaves on demand: an HTTP status for the API or for files (401,
// 403, 404, 429 + Retry-After, 500), a wrong lfs.oid in the tree, served
// bytes that differ from what the tree lists (a file that changes), a file
// that is gone, a connection cut mid-body, a broken JSON answer.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QTcpServer>

class QTcpSocket;

namespace vela::test {

class HubTestServer : public QObject {
    Q_OBJECT
public:
    struct File {
        QString path;
        QByteArray bytes;
    };
    explicit HubTestServer(QObject* parent = nullptr);

    QString endpoint() const; // "http://127.0.0.1:PORT"

    // A repo whose main branch is `commit` and holds `files`.
    void addRepo(const QString& repo, const QString& commit, const QList<File>& files);

    // Every API request (revision, tree) answers `status` (0: normally),
    // with a Retry-After header when `retryAfter` is not empty.
    void failApi(int status, const QByteArray& retryAfter = {}) { apiStatus_ = status; apiRetryAfter_ = retryAfter; }
    // Every file request answers `status` (0: normally).
    void failFiles(int status, const QByteArray& retryAfter = {}) { fileStatus_ = status; fileRetryAfter_ = retryAfter; }
    // The API answers 200 with this body instead (empty: normally).
    void setApiBody(const QByteArray& body) { apiBody_ = body; }
    // The tree lists `sha256` as the file's lfs.oid instead of the real one.
    void setListedSha256(const QString& repo, const QString& path, const QByteArray& sha256);
    // resolve serves `bytes` for the file from now on (the tree is unchanged).
    void setServedBytes(const QString& repo, const QString& path, const QByteArray& bytes);
    // resolve answers 404 for the file (the tree still lists it).
    void removeServed(const QString& repo, const QString& path);
    // The next file response closes the connection after this many body bytes.
    void cutNextAfter(qint64 bytes) { cutAfter_ = bytes; }
    // Tree answers hold at most `n` entries, then a rel="next" link (0: all).
    void setTreePageSize(int n) { pageSize_ = n; }

    // Request targets received ("/api/models/...", "/O/N/resolve/..."), and
    // the Range header of each ("" when none).
    const QList<QByteArray>& targets() const { return targets_; }
    const QList<QByteArray>& ranges() const { return ranges_; }

private:
    struct Repo {
        QString commit;
        QList<File> files;
        QMap<QString, QByteArray> listedSha; // path -> lfs.oid shown instead
        QMap<QString, QByteArray> served;    // path -> bytes served instead
        QList<QString> gone;
    };
    void onConnection();
    void handle(QTcpSocket* s, const QByteArray& request);
    void respond(QTcpSocket* s, int status, QList<QByteArray> headers, QByteArray body, bool file = false);
    void api(QTcpSocket* s, const QStringList& segments, const QString& query);
    void resolve(QTcpSocket* s, const QStringList& segments, const QByteArray& range);
    QByteArray tree(const QString& repo, const Repo& r, int cursor, QByteArray* link) const;

    QTcpServer server_;
    QMap<QString, Repo> repos_;
    int apiStatus_ = 0, fileStatus_ = 0, pageSize_ = 0;
    QByteArray apiRetryAfter_, fileRetryAfter_, apiBody_;
    qint64 cutAfter_ = -1;
    QList<QByteArray> targets_, ranges_;
};

} // namespace vela::test
