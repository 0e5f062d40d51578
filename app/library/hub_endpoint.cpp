#include "hub_endpoint.h"

#include "common/error.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace vela::library {

bool isTrustedTransport(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    return url.scheme() == QLatin1String("http") &&
           (url.host() == QLatin1String("localhost") || QHostAddress(url.host()).isLoopback());
}

QUrl hubEndpoint()
{
    const QString set = qEnvironmentVariable(kHubEndpointVariable).trimmed();
    QString text = set.isEmpty() ? QString::fromLatin1(kDefaultHubEndpoint) : set;
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    const QUrl url(text, QUrl::StrictMode);
    if (!isTrustedTransport(url) || url.hasQuery() || url.hasFragment())
        throw InvalidInput(std::string(kHubEndpointVariable) + "='" + set.toStdString() +
                           "' is not an https URL (plain http is accepted only to this computer)");
    return url;
}

bool isCommitId(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{40}$"));
    return re.match(s).hasMatch();
}

QString shortCommitId(const QString& commit)
{
    return commit.left(7);
}

bool isRepoId(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"));
    return s.size() <= 96 && !s.contains(QLatin1String("..")) && re.match(s).hasMatch();
}

QUrl hubFileUrl(const QUrl& endpoint, const QString& repo, const QString& commit, const QString& path)
{
    QStringList segments = repo.split(QLatin1Char('/'));
    segments << QStringLiteral("resolve") << commit << path.split(QLatin1Char('/'));
    QString encoded = endpoint.toString(QUrl::FullyEncoded);
    for (const QString& s : segments)
        encoded += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(s));
    return QUrl(encoded, QUrl::StrictMode);
}

} // namespace vela::library
