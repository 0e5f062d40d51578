#include "hub_link.h"

#include "hub_endpoint.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace vela::library {

namespace {

// Hosts whose links name Hub repos, besides the configured endpoint's: the
// default endpoint's (kDefaultHubEndpoint), its www. form and the Hub's
// short domain.
bool isHubHost(const QString& host)
{
    static const QString hub = QUrl(QString::fromLatin1(kDefaultHubEndpoint)).host();
    return host == hub || host == QLatin1String("www.") + hub || host == QLatin1String("hf.co");
}

// A path or revision segment: not empty, not "." or "..", no control
// characters or backslash (a Windows path separator, never in a Hub path).
bool isSafeSegment(const QString& s)
{
    if (s.isEmpty() || s == QLatin1String(".") || s == QLatin1String(".."))
        return false;
    for (const QChar c : s)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QLatin1Char('\\'))
            return false;
    return true;
}

// A refusal: nothing, and the reason in `error`.
std::optional<HubRef> refuse(QString* error, const QString& why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

// segments: OWNER, NAME, then either the path (bare form) or the URL's
// tree|blob|resolve/REV/PATH.
std::optional<HubRef> fromSegments(const QStringList& segments, bool isUrl, const QString& text, QString* error)
{
    if (!segments.isEmpty() && (segments[0] == QLatin1String("datasets") || segments[0] == QLatin1String("spaces")))
        return refuse(error, QCoreApplication::translate("HubLink", "'%1' is a dataset or a Space, not a model: paste a model's link").arg(text));
    if (segments.size() < 2)
        return refuse(error, QCoreApplication::translate("HubLink", "'%1' does not name a Hugging Face model: expected OWNER/REPO or a link to "
                                "one").arg(text));
    for (const QString& s : segments)
        if (!isSafeSegment(s))
            return refuse(error, QCoreApplication::translate("HubLink", "'%1' has an empty, '.' or '..' part").arg(text));
    if (!isHubName(segments[0]) || !isHubName(segments[1]))
        return refuse(error, QCoreApplication::translate("HubLink", "'%1/%2' is not a valid Hugging Face repo name").arg(segments[0], segments[1]));
    HubRef ref;
    ref.repo = segments[0] + QLatin1Char('/') + segments[1];
    QStringList rest = segments.mid(2);
    if (isUrl && !rest.isEmpty()) {
        const QString kind = rest.takeFirst();
        const bool file = kind == QLatin1String("blob") || kind == QLatin1String("resolve");
        if (!file && kind != QLatin1String("tree"))
            return refuse(error, QCoreApplication::translate("HubLink", "'%1' is not a link to a model or its files").arg(text));
        if (rest.isEmpty() || (file && rest.size() < 2))
            return refuse(error, QCoreApplication::translate("HubLink", "'%1' names no revision or file").arg(text));
        ref.revision = rest.takeFirst();
        for (const QString& part : ref.revision.split(QLatin1Char('/'))) // "refs/pr/1"
            if (!isSafeSegment(part))
                return refuse(error, QCoreApplication::translate("HubLink", "'%1' has an empty, '.' or '..' part").arg(text));
    }
    for (const QString& s : rest) // a percent-encoded "%2F" must not smuggle in "../"
        if (s.contains(QLatin1Char('/')))
            return refuse(error, QCoreApplication::translate("HubLink", "'%1' has an empty, '.' or '..' part").arg(text));
    ref.path = rest.join(QLatin1Char('/'));
    return ref;
}

} // namespace

std::optional<HubRef> parseHubLink(const QString& input, const QUrl& endpoint, QString* error)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return refuse(error, QCoreApplication::translate("HubLink", "paste a Hugging Face link or OWNER/REPO"));
    // Without a scheme, "hf.co/OWNER/REPO" is a link and "OWNER/REPO" a name.
    QString asUrl = text;
    const QString firstPart = text.section(QLatin1Char('/'), 0, 0).toLower();
    const bool hasScheme = text.contains(QLatin1String("://"));
    // A first part that looks like a domain ("github.com/...") is a link to
    // another site, not an owner (Hub user and organisation names are not domains).
    static const QRegularExpression domain(QStringLiteral("^[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}(:\\d+)?$"));
    if (!hasScheme && (isHubHost(firstPart) || firstPart == endpoint.authority().toLower() ||
                       domain.match(firstPart).hasMatch()))
        asUrl = QStringLiteral("https://") + text;
    if (!hasScheme && asUrl == text) { // a bare name: OWNER/REPO[/PATH], a query ignored
        const QString path = text.section(QLatin1Char('?'), 0, 0).section(QLatin1Char('#'), 0, 0);
        QStringList segments = path.split(QLatin1Char('/'));
        if (segments.size() > 2 && segments.last().isEmpty())
            segments.removeLast(); // a folder's trailing slash
        return fromSegments(segments, false, text, error);
    }

    const QUrl url(asUrl, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return refuse(error, QCoreApplication::translate("HubLink", "'%1' is not a valid link").arg(text));
    // The endpoint may be a mirror under a path ("https://mirror/hf"): its
    // links carry that prefix before OWNER/REPO.
    QString path = url.path(QUrl::FullyEncoded);
    const QString prefix = endpoint.path(QUrl::FullyEncoded);
    const bool onEndpoint = url.authority().toLower() == endpoint.authority().toLower() &&
                            (prefix.isEmpty() || path.startsWith(prefix + QLatin1Char('/')));
    if (!isHubHost(url.host().toLower()) && !onEndpoint)
        return refuse(error, QCoreApplication::translate("HubLink", "'%1' is not on Hugging Face (%2): Vela only downloads from the Hub")
                                 .arg(url.host(), endpoint.host()));
    if (onEndpoint && !isHubHost(url.host().toLower()))
        path = path.mid(prefix.size());
    QStringList segments = path.split(QLatin1Char('/'));
    if (!segments.isEmpty() && segments.first().isEmpty())
        segments.removeFirst();
    if (segments.size() > 2 && segments.last().isEmpty())
        segments.removeLast();
    if (segments.size() == 2 && segments.last().isEmpty())
        segments.removeLast(); // "…/OWNER/" is not a repo
    for (QString& s : segments)
        s = QUrl::fromPercentEncoding(s.toUtf8());
    return fromSegments(segments, true, text, error);
}

} // namespace vela::library
