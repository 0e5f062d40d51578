// Where models come from: the Hugging Face Hub's endpoint, the file URL of a
// commit, and which transports Vela downloads over. One definition, read by
// the catalog, the Hub client and Download.
//
//   endpoint   https://huggingface.co, or $HF_ENDPOINT (the variable the
//              Hub's own tools read for mirrors); https is required, plain
//              http only to the loopback interface (the tests' servers).
//   file URL   {endpoint}/{repo}/resolve/{commit}/{path}: a commit URL
//              always names the same bytes, unlike .../resolve/main/...
#pragma once

#include <QString>
#include <QUrl>

namespace vela::library {

inline constexpr const char* kDefaultHubEndpoint = "https://huggingface.co";
inline constexpr const char* kHubEndpointVariable = "HF_ENDPOINT";

// https, or http to this computer (localhost, 127.0.0.0/8, ::1). Anything
// else could be tampered with on the way: the hash would catch it, but a
// man in the middle could still serve garbage for hours.
bool isTrustedTransport(const QUrl& url);

// $HF_ENDPOINT when set, else kDefaultHubEndpoint, without a trailing
// slash. Throws vela::InvalidInput naming the variable when it is not a
// trusted (isTrustedTransport) absolute URL.
QUrl hubEndpoint();

// True for a full commit id: 40 hexadecimal digits.
bool isCommitId(const QString& s);

// The first 7 hex digits of a commit id, as git and the Hub show one to
// people ("abc1234"); "" for "".
QString shortCommitId(const QString& commit);

// True for a Hub repository id "OWNER/NAME": two parts of letters, digits,
// '-', '_' and '.', each starting with a letter or digit, no "..", at most
// 96 characters in all (the rule huggingface_hub's validate_repo_id applies).
bool isRepoId(const QString& s);

// {endpoint}/{repo}/resolve/{commit}/{path}; `repo` is "OWNER/NAME" and
// `path` may contain folders. Each segment is percent-encoded.
QUrl hubFileUrl(const QUrl& endpoint, const QString& repo, const QString& commit, const QString& path);

} // namespace vela::library
