// HubClient: asks the Hugging Face Hub's public API which commit a revision
// is and which files that commit holds. Asynchronous (QNetworkAccessManager);
// one lookup at a time per object: lookup() again aborts the one in flight
// (its result is never reported), so a UI keeps one client per page.
//
//   1. GET {endpoint}/api/models/{repo}/revision/{rev}
//        -> {"sha": "<40 hex>", ...}: the commit the branch/tag names now.
//   2. GET {endpoint}/api/models/{repo}/tree/{commit}?recursive=true
//        -> [{"type":"file","path":"a/b.gguf","size":N,"oid":"<git>",
//             "lfs":{"oid":"<64 hex>","size":N,"pointerSize":N}}, ...]
//      For a file stored with Git LFS (every GGUF on the Hub), lfs.oid is
//      the SHA-256 of its bytes (the LFS pointer's "oid sha256:…", Git LFS
//      spec), which Download verifies. Long listings are paginated with
//      `Link: <next URL>; rel="next"` (RFC 8288), followed here.
// Endpoints as documented in the Hub API reference (huggingface.co/docs/hub/
// api) and used by huggingface_hub's model_info / list_repo_tree.
//
// TLS verification is Qt's default, never relaxed; the endpoint must pass
// isTrustedTransport (hub_endpoint.h), and so must any redirect or next
// page. JSON that is not as above is a BadResponse error, never a crash.
#pragma once

#include "hub_error.h"

#include <QList>
#include <QNetworkReply> // QPointer needs the complete type
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace vela::library {

struct HubFile {
    QString path;   // in the repo, "folder/Model-Q4_K_M.gguf"
    qint64 size = 0;
    QString sha256; // lfs.oid, lower-case hex; empty for a file not in LFS
};

struct HubRepoFiles {
    QString repo;   // "OWNER/NAME"
    QString commit; // 40 hex
    QList<HubFile> files; // files only, no directories
};

class HubClient : public QObject {
    Q_OBJECT
public:
    explicit HubClient(QObject* parent = nullptr);
    ~HubClient() override;

    // Uses `nam` (not owned) instead of an own QNetworkAccessManager.
    void setNetworkAccessManager(QNetworkAccessManager* nam);
    // Default: hubEndpoint(), read when a lookup starts.
    void setEndpoint(const QUrl& endpoint) { endpoint_ = endpoint; }
    QUrl endpoint() const { return endpoint_; }

    // Resolves `revision` (empty = main) of `repo` to a commit and lists its
    // files. Reports listed() or failed(), always later (never inside this
    // call), exactly once unless aborted.
    void lookup(const QString& repo, const QString& revision = {});
    void abort();
    bool busy() const { return reply_ != nullptr; }

    // Safety bound on followed tree pages (the Hub pages by 1000 entries).
    static constexpr int kMaxPages = 200;

Q_SIGNALS:
    void listed(const vela::library::HubRepoFiles& files);
    void failed(const vela::library::HubError& error);

private:
    void get(const QUrl& url, void (HubClient::*handler)(QNetworkReply*));
    void onRevision(QNetworkReply* reply);
    void onTreePage(QNetworkReply* reply);
    void fail(HubError error);
    void failLater(HubError error);
    HubError badResponse(const QString& why) const;

    QNetworkAccessManager* nam_ = nullptr;
    QUrl endpoint_;
    QUrl activeEndpoint_;
    QPointer<QNetworkReply> reply_;
    HubRepoFiles result_;
    int pages_ = 0;
};

} // namespace vela::library

Q_DECLARE_METATYPE(vela::library::HubRepoFiles)
Q_DECLARE_METATYPE(vela::library::HubError)
