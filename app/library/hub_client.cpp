#include "hub_client.h"

#include "catalog.h" // isSha256Hex
#include "common/error.h"
#include "hub_endpoint.h"
#include "hub_link.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

namespace vela::library {

namespace {

// {endpoint}/api/models/OWNER/NAME/{kind}/{rev}: each segment percent-
// encoded, so a revision "refs/pr/1" travels as one segment, refs%2Fpr%2F1.
QUrl apiUrl(const QUrl& endpoint, const QString& repo, const QString& kind, const QString& rev)
{
    QString text = endpoint.toString(QUrl::FullyEncoded) + QStringLiteral("/api/models");
    QStringList segments = repo.split(QLatin1Char('/'));
    segments << kind << rev;
    for (const QString& s : segments)
        text += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(s));
    return QUrl(text, QUrl::StrictMode);
}

// The rel="next" target of a Link header (RFC 8288 §3), or an empty URL.
QUrl nextLink(const QByteArray& header, const QUrl& base)
{
    static const QRegularExpression re(QStringLiteral(R"(<([^>]*)>\s*;[^,]*\brel\s*=\s*"?next"?)"));
    const auto m = re.match(QString::fromLatin1(header));
    return m.hasMatch() ? base.resolved(QUrl(m.captured(1))) : QUrl();
}

bool sameOrigin(const QUrl& a, const QUrl& b)
{
    return a.scheme() == b.scheme() && a.host().toLower() == b.host().toLower() && a.port() == b.port();
}

// A path in a tree: relative, no empty, "." or ".." segment.
bool isRepoPath(const QString& path)
{
    if (path.isEmpty())
        return false;
    for (const QString& s : path.split(QLatin1Char('/')))
        if (s.isEmpty() || s == QLatin1String(".") || s == QLatin1String(".."))
            return false;
    return true;
}

// A JSON number that is a whole byte count.
bool byteCount(const QJsonValue& v, qint64* out)
{
    if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != double(qint64(v.toDouble())))
        return false;
    *out = qint64(v.toDouble());
    return true;
}

} // namespace

HubClient::HubClient(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<HubRepoFiles>();
    qRegisterMetaType<HubError>();
}

HubClient::~HubClient()
{
    abort();
}

void HubClient::setNetworkAccessManager(QNetworkAccessManager* nam)
{
    nam_ = nam;
}

void HubClient::abort()
{
    if (!reply_)
        return;
    QNetworkReply* r = reply_;
    reply_ = nullptr;
    r->disconnect(this);
    r->abort();
    r->deleteLater();
}

HubError HubClient::badResponse(const QString& why) const
{
    HubError e;
    e.kind = HubError::Kind::BadResponse;
    e.message = tr("Hugging Face sent an answer Vela cannot read for '%1' (%2).").arg(result_.repo, why);
    return e;
}

void HubClient::lookup(const QString& repo, const QString& revision)
{
    abort();
    result_ = HubRepoFiles{repo, {}, {}};
    pages_ = 0;
    const QStringList parts = repo.split(QLatin1Char('/'));
    if (parts.size() != 2 || !isHubName(parts[0]) || !isHubName(parts[1])) {
        HubError e;
        e.kind = HubError::Kind::Refused;
        e.message = tr("'%1' is not a valid Hugging Face repo name (OWNER/NAME).").arg(repo);
        return failLater(e);
    }
    try {
        activeEndpoint_ = endpoint_.isEmpty() ? hubEndpoint() : endpoint_;
    } catch (const Error& err) {
        HubError e;
        e.kind = HubError::Kind::Refused;
        e.message = QString::fromStdString(err.what());
        return failLater(e);
    }
    if (!isTrustedTransport(activeEndpoint_)) {
        HubError e;
        e.kind = HubError::Kind::Refused;
        e.message = tr("Refusing the Hub endpoint '%1': only https is used (plain http only to this computer).")
                        .arg(activeEndpoint_.toString());
        return failLater(e);
    }
    const QString rev = revision.isEmpty() ? QStringLiteral("main") : revision;
    get(apiUrl(activeEndpoint_, repo, QStringLiteral("revision"), rev), &HubClient::onRevision);
}

void HubClient::get(const QUrl& url, void (HubClient::*handler)(QNetworkReply*))
{
    if (!nam_)
        nam_ = new QNetworkAccessManager(this);
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    req.setMaximumRedirectsAllowed(10);
    req.setTransferTimeout(30000);
    req.setRawHeader("Accept", "application/json");
    req.setRawHeader("User-Agent", "Vela");
    QNetworkReply* r = nam_->get(req);
    reply_ = r;
    // A renamed repo redirects to its new name: followed, but only over a
    // trusted transport.
    connect(r, &QNetworkReply::redirected, this, [this, r](const QUrl& to) {
        if (isTrustedTransport(to))
            return Q_EMIT r->redirectAllowed();
        HubError e;
        e.kind = HubError::Kind::Refused;
        e.message = tr("Refusing a redirect to '%1': only https is followed.").arg(to.toString());
        fail(e);
    });
    connect(r, &QNetworkReply::finished, this, [this, r, handler] {
        if (reply_ != r)
            return;
        reply_ = nullptr;
        r->deleteLater();
        const HubError e = hubReplyError(r, result_.repo);
        if (!e.ok())
            return fail(e);
        (this->*handler)(r);
    });
}

void HubClient::onRevision(QNetworkReply* reply)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return fail(badResponse(tr("the revision is not a JSON object")));
    const QString sha = doc.object().value(QLatin1String("sha")).toString();
    if (!isCommitId(sha))
        return fail(badResponse(tr("no commit id in the revision")));
    result_.commit = sha;
    QUrl tree = apiUrl(activeEndpoint_, result_.repo, QStringLiteral("tree"), sha);
    tree.setQuery(QStringLiteral("recursive=true"));
    get(tree, &HubClient::onTreePage);
}

void HubClient::onTreePage(QNetworkReply* reply)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        return fail(badResponse(tr("the file list is not a JSON array")));
    for (const QJsonValue& v : doc.array()) {
        const QJsonObject o = v.toObject();
        const QString type = o.value(QLatin1String("type")).toString();
        if (type == QLatin1String("directory"))
            continue;
        HubFile f;
        f.path = o.value(QLatin1String("path")).toString();
        if (type != QLatin1String("file") || !isRepoPath(f.path) || !byteCount(o.value(QLatin1String("size")), &f.size))
            return fail(badResponse(tr("a file entry without a type, path or size")));
        if (o.contains(QLatin1String("lfs"))) {
            const QJsonObject lfs = o.value(QLatin1String("lfs")).toObject();
            f.sha256 = lfs.value(QLatin1String("oid")).toString().toLower();
            qint64 lfsSize = -1;
            if (!isSha256Hex(f.sha256) || !byteCount(lfs.value(QLatin1String("size")), &lfsSize) || lfsSize != f.size)
                return fail(badResponse(tr("'%1' has no valid SHA-256 or size").arg(f.path)));
        }
        result_.files.append(f);
    }
    const QUrl next = nextLink(reply->rawHeader("Link"), reply->url());
    if (next.isEmpty())
        return Q_EMIT listed(result_);
    if (!sameOrigin(next, activeEndpoint_) || ++pages_ >= kMaxPages)
        return fail(badResponse(tr("the file list's next page is elsewhere or never ends")));
    get(next, &HubClient::onTreePage);
}

void HubClient::fail(HubError error)
{
    abort();
    Q_EMIT failed(error);
}

void HubClient::failLater(HubError error)
{
    // Queued, so that a caller connecting after lookup() still hears it.
    QTimer::singleShot(0, this, [this, error] { Q_EMIT failed(error); });
}

} // namespace vela::library
