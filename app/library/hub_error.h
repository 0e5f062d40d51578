// Why a request to the Hugging Face Hub failed, as a value the UI can show
// (message in the UI language) and code can act on (kind, retry time).
// Shared by HubClient (the API) and Download (a file's resolve URL), so a
// gated repo or a rate limit reads the same wherever it is met.
#pragma once

#include <QString>

class QNetworkReply;

namespace vela::library {

struct HubError {
    enum class Kind {
        None,
        Refused,      // not asked: an untrusted endpoint, a bad repo name
        Network,      // no connection, TLS failure, timeout, cut
        Unauthorized, // 401: private, gated or missing; needs a login Vela does not do
        Forbidden,    // 403: gated, access not granted
        NotFound,     // 404: no such repo, revision or file
        RateLimited,  // 429: retryAfterSeconds says when to try again (-1 unknown)
        Server,       // 5xx
        BadResponse,  // not the JSON the Hub API documents, or another status
    };
    Kind kind = Kind::None;
    int httpStatus = 0;
    qint64 retryAfterSeconds = -1;
    QString message;

    bool ok() const { return kind == Kind::None; }
};

// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as seconds
// from now (0 for a date in the past); -1 when absent or unreadable.
qint64 parseRetryAfter(const QByteArray& value);

// The error for an HTTP status (>= 400) met while fetching `what` (a repo,
// "OWNER/NAME", or a file in it), with the reply's Retry-After for 429.
HubError hubHttpError(int status, const QByteArray& retryAfter, const QString& what);

// A finished reply's error: hubHttpError for an HTTP status, else Network.
// Kind::None when the reply succeeded.
HubError hubReplyError(QNetworkReply* reply, const QString& what);

} // namespace vela::library
