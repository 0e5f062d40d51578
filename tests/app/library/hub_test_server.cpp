#include "hub_test_server.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace vela::test {

HubTestServer::HubTestServer(QObject* parent) : QObject(parent)
{
    server_.listen(QHostAddress::LocalHost, 0);
    connect(&server_, &QTcpServer::newConnection, this, &HubTestServer::onConnection);
}

QString HubTestServer::endpoint() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(server_.serverPort());
}

void HubTestServer::addRepo(const QString& repo, const QString& commit, const QList<File>& files)
{
    repos_[repo] = Repo{commit, files, {}, {}, {}};
}

void HubTestServer::setListedSha256(const QString& repo, const QString& path, const QByteArray& sha256)
{
    repos_[repo].listedSha[path] = sha256;
}

void HubTestServer::setServedBytes(const QString& repo, const QString& path, const QByteArray& bytes)
{
    repos_[repo].served[path] = bytes;
}

void HubTestServer::removeServed(const QString& repo, const QString& path)
{
    repos_[repo].gone.append(path);
}

void HubTestServer::onConnection()
{
    while (QTcpSocket* s = server_.nextPendingConnection()) {
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
            buffer->append(s->readAll());
            if (!buffer->contains("\r\n\r\n") || s->property("handled").toBool())
                return;
            s->setProperty("handled", true);
            handle(s, *buffer);
        });
    }
}

void HubTestServer::handle(QTcpSocket* s, const QByteArray& request)
{
    const QList<QByteArray> lines = request.split('\n');
    const QByteArray target = lines.value(0).split(' ').value(1);
    QByteArray range;
    for (const QByteArray& line : lines)
        if (line.toLower().startsWith("range:"))
            range = line.mid(6).trimmed();
    targets_.append(target);
    ranges_.append(range);
    const QUrl url(QString::fromLatin1(target));
    QStringList segments = url.path(QUrl::FullyEncoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString& seg : segments)
        seg = QUrl::fromPercentEncoding(seg.toLatin1());
    if (segments.value(0) == QLatin1String("api"))
        return api(s, segments, url.query());
    resolve(s, segments, range);
}

void HubTestServer::respond(QTcpSocket* s, int status, QList<QByteArray> headers, QByteArray body, bool file)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " X\r\n";
    for (const QByteArray& h : headers)
        head += h + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    if (file && cutAfter_ >= 0 && cutAfter_ < body.size()) {
        body.truncate(cutAfter_); // Content-Length promised more: the client sees a cut
        cutAfter_ = -1;
    }
    s->write(head + body);
    s->disconnectFromHost(); // after the pending bytes are written
}

void HubTestServer::api(QTcpSocket* s, const QStringList& seg, const QString& query)
{
    const QList<QByteArray> json{"Content-Type: application/json"};
    if (apiStatus_ != 0)
        return respond(s, apiStatus_, apiRetryAfter_.isEmpty() ? json : json + QList{"Retry-After: " + apiRetryAfter_},
                       R"({"error":"on demand"})");
    if (!apiBody_.isEmpty())
        return respond(s, 200, json, apiBody_);
    // api models O N (revision|tree) REV
    const QString repo = seg.value(2) + QLatin1Char('/') + seg.value(3);
    if (seg.size() != 6 || seg[1] != QLatin1String("models") || !repos_.contains(repo))
        return respond(s, 404, json, R"({"error":"Repository not found"})");
    const Repo& r = repos_[repo];
    const QString rev = seg[5];
    if (seg[4] == QLatin1String("revision")) {
        if (rev != QLatin1String("main") && rev != r.commit)
            return respond(s, 404, json, R"({"error":"Invalid rev id"})");
        return respond(s, 200, json, QJsonDocument(QJsonObject{{"id", repo}, {"sha", r.commit}}).toJson());
    }
    if (seg[4] != QLatin1String("tree") || rev != r.commit)
        return respond(s, 404, json, R"({"error":"Invalid rev id"})");
    QByteArray link;
    const QByteArray body = tree(repo, r, QUrlQuery(query).queryItemValue(QStringLiteral("cursor")).toInt(), &link);
    respond(s, 200, link.isEmpty() ? json : json + QList{"Link: " + link}, body);
}

QByteArray HubTestServer::tree(const QString& repo, const Repo& r, int cursor, QByteArray* link) const
{
    // Directories first, as the Hub lists them, then the files.
    QJsonArray all;
    QSet<QString> dirs;
    for (const File& f : r.files)
        for (int i = f.path.indexOf(QLatin1Char('/')); i > 0; i = f.path.indexOf(QLatin1Char('/'), i + 1))
            if (!dirs.contains(f.path.left(i))) {
                dirs.insert(f.path.left(i));
                all.append(QJsonObject{{"type", "directory"}, {"path", f.path.left(i)}, {"size", 0}, {"oid", "0"}});
            }
    for (const File& f : r.files) {
        const QByteArray sha = r.listedSha.value(
            f.path, QCryptographicHash::hash(f.bytes, QCryptographicHash::Sha256).toHex());
        const QJsonObject lfs{{"oid", QString::fromLatin1(sha)}, {"size", f.bytes.size()}, {"pointerSize", 134}};
        all.append(QJsonObject{{"type", "file"}, {"path", f.path}, {"size", f.bytes.size()},
                               {"oid", QString::fromLatin1(QCryptographicHash::hash(f.bytes, QCryptographicHash::Sha1).toHex())},
                               {"lfs", lfs}});
    }
    if (pageSize_ <= 0)
        return QJsonDocument(all).toJson();
    QJsonArray page;
    for (int i = cursor; i < all.size() && i < cursor + pageSize_; ++i)
        page.append(all[i]);
    if (cursor + pageSize_ < all.size())
        *link = "<" + endpoint().toLatin1() + "/api/models/" + repo.toLatin1() + "/tree/" + r.commit.toLatin1() +
                "?recursive=true&cursor=" + QByteArray::number(cursor + pageSize_) + ">; rel=\"next\"";
    return QJsonDocument(page).toJson();
}

void HubTestServer::resolve(QTcpSocket* s, const QStringList& seg, const QByteArray& range)
{
    if (fileStatus_ != 0)
        return respond(s, fileStatus_, fileRetryAfter_.isEmpty() ? QList<QByteArray>{}
                                                                 : QList{"Retry-After: " + fileRetryAfter_},
                       "Access to this model is restricted.");
    // O N resolve COMMIT PATH...
    const QString repo = seg.value(0) + QLatin1Char('/') + seg.value(1);
    const QString path = seg.mid(4).join(QLatin1Char('/'));
    if (seg.size() < 5 || seg[2] != QLatin1String("resolve") || !repos_.contains(repo) ||
        seg[3] != repos_[repo].commit || repos_[repo].gone.contains(path))
        return respond(s, 404, {}, "Entry not found");
    const Repo& r = repos_[repo];
    QByteArray bytes;
    bool found = false;
    for (const File& f : r.files)
        if (f.path == path) {
            bytes = r.served.value(path, f.bytes);
            found = true;
        }
    if (!found)
        return respond(s, 404, {}, "Entry not found");
    const QList<QByteArray> common{"Content-Type: application/octet-stream", "Accept-Ranges: bytes",
                                   "ETag: \"" + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex() + "\""};
    qint64 first = -1;
    if (range.startsWith("bytes=") && range.endsWith("-"))
        first = range.mid(6, range.size() - 7).toLongLong();
    if (first < 0)
        return respond(s, 200, common, bytes, true);
    if (first >= bytes.size())
        return respond(s, 416, {"Content-Range: bytes */" + QByteArray::number(bytes.size())}, {});
    QList<QByteArray> headers = common;
    headers.append("Content-Range: bytes " + QByteArray::number(first) + "-" + QByteArray::number(bytes.size() - 1) +
                   "/" + QByteArray::number(bytes.size()));
    respond(s, 206, headers, bytes.mid(first), true);
}

} // namespace vela::test
