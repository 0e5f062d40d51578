// ModelLibrary: the folder of GGUF models Vela manages, and its index.
//
// The folder (default: <app data>/models, i.e. ~/.local/share/Vela/models)
// holds the models — copies, or symbolic links to files elsewhere — and
// `library.json`, the index: what each file is (ModelInfo), the default
// model, measured memory. The index is a cache: scan() compares it with the
// folder, re-reads only files whose size or mtime changed, drops files that
// are gone and lists unreadable ones as invalid with the reason. Downloads in
// progress live in `.downloads/` (see download.h) and are never listed.
//
// Not thread-safe: use it from one thread. importFile() copies synchronously
// (with a progress callback); a UI runs it on a worker thread.
#pragma once

#include "model_info.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace vela::library {

struct ScanReport {
    int added = 0;
    int removed = 0;
    int reread = 0;    // changed since the index was written
    int unchanged = 0; // taken from the index without opening the file
};

enum class ImportMode { Copy, Link };

// (bytes done, bytes total); return false to cancel.
using ProgressFn = std::function<bool(qint64, qint64)>;

class ModelLibrary : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kIndexName = "library.json";
    static constexpr const char* kDownloadsDir = ".downloads";

    // Creates the folder when missing (RuntimeFailure when it cannot), loads
    // the index and scans.
    explicit ModelLibrary(const QString& folder, QObject* parent = nullptr);

    // <GenericDataLocation>/Vela/models: the same folder for the app and
    // vela-cli, whatever the application name is set to.
    static QString defaultFolder();

    QString folder() const { return folder_; }
    // Switches to another folder (the previous one is left as it is).
    void setFolder(const QString& folder);

    const QList<ModelInfo>& models() const { return models_; }
    std::optional<ModelInfo> find(const QString& fileName) const;

    ScanReport scan();

    // Validates `source` with the engine's reader first (InvalidInput with
    // the reason, nothing copied), then copies it (through a temporary file,
    // renamed when complete) or links it. InvalidInput when a model of that
    // file name is already in the library; RuntimeFailure on I/O errors or
    // cancel. Returns the new entry.
    ModelInfo importFile(const QString& source, ImportMode mode, const ProgressFn& progress = {});

    // Removes a model from the library. The file itself is deleted only when
    // it lives inside the library folder; for a linked model only the link
    // goes. InvalidInput for an unknown name.
    void remove(const QString& fileName);

    // Moves a verified download (a file inside the folder's .downloads) into
    // the library under `fileName` without replacing anything (rename(2) is
    // atomic on one filesystem), then indexes it, with the Hub repository
    // and commit it came from when given (ModelInfo::sourceRepo/sourceCommit,
    // kept in the index).
    ModelInfo adoptDownload(const QString& partPath, const QString& fileName, const QString& sourceRepo = {},
                            const QString& sourceCommit = {});

    QString defaultModel() const { return defaultModel_; } // file name, or empty
    void setDefaultModel(const QString& fileName);         // empty clears
    // Path of the default model when it is present and valid, else empty:
    // what the app loads at start.
    QString defaultModelPath() const;

    // Remembers the memory a load actually used (BackendStats::deviceBytes)
    // so it can be shown next to the estimate.
    void recordMeasuredMemory(const QString& fileName, const QString& device, qint64 bytes);

    QString pathOf(const QString& fileName) const;

Q_SIGNALS:
    void modelsChanged();

private:
    void loadIndex();
    void saveIndex() const;
    ScanReport rescanFolder(); // scan() without modelsChanged
    int indexOf(const QString& fileName) const;

    QString folder_;
    QString defaultModel_;
    QList<ModelInfo> models_;
};

} // namespace vela::library
