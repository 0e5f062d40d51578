// What a user pastes to name a model on the Hugging Face Hub, parsed into
// the repo, revision and path it points at. Accepted (query and fragment,
// e.g. "?download=true", are ignored):
//
//   OWNER/REPO                          the whole repo at main
//   OWNER/REPO/FILE.gguf, .../FOLDER    a file or folder at main
//   https://huggingface.co/OWNER/REPO   (also hf.co, www.huggingface.co, with
//                                        or without the scheme, and the
//                                        configured endpoint's host, e.g. a
//                                        local mirror set in HF_ENDPOINT)
//   .../tree/REV[/FOLDER]               a revision (a branch, tag or commit)
//   .../blob/REV/PATH, .../resolve/REV/PATH   one file at a revision
//
// Revisions with a slash appear percent-encoded in Hub URLs
// ("tree/refs%2Fpr%2F1") and are decoded here. Anything else is refused with
// a message in the UI language: other hosts, datasets/ and spaces/ links,
// empty segments, "." or "..", and names the Hub would not accept.
#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace vela::library {

struct HubRef {
    QString repo;     // "OWNER/NAME"
    QString revision; // empty = the default branch, main
    QString path;     // a file or folder in the repo; empty = the whole repo
};

// `endpoint` is hubEndpoint(): links on its host are accepted too. On
// refusal returns nothing and, when `error` is given, sets it to why.
std::optional<HubRef> parseHubLink(const QString& text, const QUrl& endpoint, QString* error = nullptr);

// The Hub's rule for each half of a repo id (OWNER and NAME): letters,
// digits, '-', '_' and '.'; not starting or ending with '-' or '.'; no "--"
// or ".."; at most 96 characters (huggingface_hub's validate_repo_id).
bool isHubName(const QString& part);

} // namespace vela::library
