// The catalog of recommended models: a JSON list bundled with Vela
// (resources/catalog/catalog.json, compiled in as :/vela/catalog/catalog.json)
// or read from a file.
//
// Schema (version 1):
//   {"version": 1, "models": [{
//      "id": "qwen3-0.6b-q8_0", "name": "Qwen3 0.6B (Q8_0)",
//      "file": "Qwen3-0.6B-Q8_0.gguf", "url": "https://…",
//      "size": 639446688 | null, "size_approx_mb": 610,
//      "sha256": "64 hex digits" | null,
//      "license": "Apache-2.0",
//      "good_for": {"en": "…", "es": "…"}}]}
// An entry whose sha256 is null is listed but cannot be downloaded: Vela
// never registers a file it could not verify (Download refuses to start).
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

namespace vela::library {

struct CatalogEntry {
    QString id;
    QString name;
    QString fileName;
    QUrl url;
    qint64 size = -1;          // exact bytes, -1 when unknown
    qint64 approxMegabytes = 0;
    QString sha256;            // lower-case hex, empty when unknown
    QString license;
    QMap<QString, QString> goodFor; // language code → text

    bool verifiable() const { return !sha256.isEmpty(); }
    // The text in `language` ("es"), falling back to English.
    QString goodForIn(const QString& language) const;
};

class Catalog {
public:
    static constexpr const char* kBundled = ":/vela/catalog/catalog.json";

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
