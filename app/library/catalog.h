// The catalog of recommended models: a JSON list bundled with Vela
// (resources/catalog/catalog.json, compiled in as :/vela/catalog/catalog.json)
// or read from a file.
//
// Schema (version 2):
//   {"version": 2, "models": [{
//      "id": "qwen3-0.6b-q8_0", "name": "Qwen3 0.6B (Q8_0)",
//      "kind": "chat" | "base" | "embedding",
//      "repo": "Qwen/Qwen3-0.6B-GGUF",                  (Hub repository, OWNER/NAME)
//      "revision": "40 hex digits" | null,              (the commit the file is taken from)
//      "file": "Qwen3-0.6B-Q8_0.gguf",                  (path in the repo = name in the library)
//      "size": 639446688 | null,                        (bytes)
//      "sha256": "64 hex digits" | null,
//      "size_approx_mb": 610,                           (MiB, display only; required when size is null)
//      "license": "Apache-2.0",
//      "good_for": {"en": "…", "es": "…"}}]}
// There is no URL: the file is always fetched from
// hubFileUrl(hubEndpoint(), repo, revision, file) (hub_endpoint.h), built when
// the download starts, so HF_ENDPOINT points catalog downloads at a mirror.
// An entry with revision, size and sha256 all known is *pinned*: downloaded
// from that commit and verified against that size and hash. Any other entry
// is to be resolved from the Hub's metadata when downloaded (not available
// yet: such an entry is listed but not downloaded). Version 1 (a "url" per
// entry, usually .../resolve/main/...) is refused: a branch URL can change.
#pragma once

#include "download_state.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

namespace vela::library {

enum class CatalogKind { Chat, Base, Embedding };

// "chat", "base", "embedding": the schema's spelling.
QString catalogKindName(CatalogKind kind);

struct CatalogEntry {
    QString id;
    QString name;
    CatalogKind kind = CatalogKind::Chat;
    QString repo;              // "OWNER/NAME"
    QString revision;          // 40-hex commit, empty when not pinned
    QString fileName;          // path in the repo and name in the library
    qint64 size = -1;          // exact bytes, -1 when unknown
    qint64 approxMegabytes = 0; // MiB, display only (0 when size is known and none was given)
    QString sha256;            // lower-case hex, empty when unknown
    QString license;
    QMap<QString, QString> goodFor; // language code → text

    // Revision, size and SHA-256 all known: downloadable as it is.
    bool pinned() const { return !revision.isEmpty() && size >= 0 && !sha256.isEmpty(); }
    // The commit URL under `endpoint` (hubEndpoint()); empty without a revision.
    QUrl fileUrl(const QUrl& endpoint) const;
    // What Download needs for a pinned entry (url, file name, hash, size,
    // catalog id, repo and revision).
    DownloadRequest downloadRequest(const QUrl& endpoint) const;
    // The text in `language` ("es"), falling back to English.
    QString goodForIn(const QString& language) const;
};

class Catalog {
public:
    static constexpr const char* kBundled = ":/vela/catalog/catalog.json";
    static constexpr int kVersion = 2;

    // Reads and checks a catalog (a file path or a ":/" resource); throws
    // vela::InvalidInput naming the entry and field that is wrong.
    static Catalog load(const QString& path = QString::fromLatin1(kBundled));
    static Catalog parse(const QByteArray& json);

    const QList<CatalogEntry>& entries() const { return entries_; }
    // By id, or by file name; nullptr when absent.
    const CatalogEntry* find(const QString& idOrFile) const;

private:
    QList<CatalogEntry> entries_;
};

// True for 64 hexadecimal digits.
bool isSha256Hex(const QString& s);

} // namespace vela::library
