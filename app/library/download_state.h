// The persisted half of a download: `<library>/.downloads/NAME.gguf.part`
// holds the bytes received so far and `NAME.gguf.part.json` what they are
// (URL, expected SHA-256 and size, the server's validators). Together they
// let a download resume after the app restarts; the .part file's size is the
// resume offset (its hash is recomputed from the file, never trusted).
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace vela::library {

struct DownloadRequest {
    QUrl url;
    QString fileName;      // name in the library, "Qwen3-0.6B-Q8_0.gguf"
    QString sha256;        // expected, hex; required (see Download::start)
    qint64 expectedSize = -1;
    QString catalogId;     // informational
    // Where the bytes come from on the Hugging Face Hub, recorded with the
    // model once it is verified: "OWNER/NAME" and the 40-hex commit the URL
    // names (hub_endpoint.h). Both empty for a download from elsewhere.
    QString repo;
    QString revision;
};

struct DownloadState {
    DownloadRequest request;
    // Validators of the representation being fetched (RFC 9110 §8.8), sent
    // back in If-Range so a changed file restarts instead of mixing bytes.
    QString etag;
    QString lastModified;

    static QString partPath(const QString& libraryFolder, const QString& fileName);
    static QString statePath(const QString& libraryFolder, const QString& fileName);

    // False when absent or unreadable (the download then starts over).
    bool load(const QString& libraryFolder, const QString& fileName);
    void save(const QString& libraryFolder) const; // RuntimeFailure on I/O error
    static void discard(const QString& libraryFolder, const QString& fileName); // part + state

    // Downloads left unfinished in a library (paused, failed or interrupted
    // by a restart), to offer resuming them.
    static QList<DownloadState> pending(const QString& libraryFolder);
};

} // namespace vela::library
