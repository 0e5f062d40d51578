#include "hub_error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>
#include <QNetworkReply>
#include <QRegularExpression>

namespace vela::library {

namespace {

// "45 s", "3 min", "2 h": how long until a retry, for the message.
QString waitText(qint64 s)
{
    if (s < 120)
        return QCoreApplication::translate("HubError", "%1 s").arg(s);
    if (s < 2 * 3600)
        return QCoreApplication::translate("HubError", "%1 min").arg((s + 59) / 60);
    return QCoreApplication::translate("HubError", "%1 h").arg((s + 3599) / 3600);
}

} // namespace

qint64 parseRetryAfter(const QByteArray& value)
{
    const QString v = QString::fromLatin1(value).trimmed();
    if (v.isEmpty())
        return -1;
    static const QRegularExpression digits(QStringLiteral("^\\d{1,10}$"));
    if (digits.match(v).hasMatch())
        return v.toLongLong();
    // IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7, the
    // form senders must use), in English whatever the locale.
    QDateTime when = QLocale::c().toDateTime(v, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    when.setTimeZone(QTimeZone::utc());
    if (!when.isValid())
        return -1;
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when));
}

HubError hubHttpError(int status, const QByteArray& retryAfter, const QString& what)
{
    HubError e;
    e.httpStatus = status;
    if (status == 401) {
        // The Hub answers 401 both for a private or gated repo and, to
        // anonymous clients, for one that does not exist.
        e.kind = HubError::Kind::Unauthorized;
        e.message = QCoreApplication::translate("HubError", "'%1' is private, gated or does not exist on Hugging Face (401): it needs a "
                       "Hugging Face login, which Vela does not do. Check the name, or pick a public model.")
                        .arg(what);
    } else if (status == 403) {
        e.kind = HubError::Kind::Forbidden;
        e.message = QCoreApplication::translate("HubError", "'%1' is gated on Hugging Face (403): access must be requested on the model's page, "
                       "and Vela cannot download it.").arg(what);
    } else if (status == 404 || status == 410) {
        e.kind = HubError::Kind::NotFound;
        e.message = QCoreApplication::translate("HubError", "'%1' was not found on Hugging Face (%2): check the name and the revision; a file "
                       "may have been removed from the repo.").arg(what).arg(status);
    } else if (status == 429) {
        e.kind = HubError::Kind::RateLimited;
        e.retryAfterSeconds = parseRetryAfter(retryAfter);
        e.message = e.retryAfterSeconds >= 0
                        ? QCoreApplication::translate("HubError", "Hugging Face is limiting requests (429): try again in %1.")
                              .arg(waitText(e.retryAfterSeconds))
                        : QCoreApplication::translate("HubError", "Hugging Face is limiting requests (429): try again in a few minutes.");
    } else if (status >= 500) {
        e.kind = HubError::Kind::Server;
        e.message = QCoreApplication::translate("HubError", "Hugging Face had a server error (%1) for '%2': try again later.").arg(status).arg(what);
    } else {
        e.kind = HubError::Kind::BadResponse;
        e.message = QCoreApplication::translate("HubError", "Hugging Face answered %1 for '%2', which Vela does not understand.").arg(status).arg(what);
    }
    return e;
}

HubError hubReplyError(QNetworkReply* reply, const QString& what)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400)
        return hubHttpError(status, reply->rawHeader("Retry-After"), what);
    if (reply->error() == QNetworkReply::NoError)
        return {};
    HubError e;
    e.kind = HubError::Kind::Network;
    e.message = QCoreApplication::translate("HubError", "Could not reach Hugging Face for '%1': %2").arg(what, reply->errorString());
    return e;
}

} // namespace vela::library
