// What the library knows about one GGUF file: read once with the engine's
// validating reader (gguf::File, model::Config/Weights, the tokenizer), then
// kept in the library index as JSON. What the file is comes from
// runtime::describeGguf, the description the status bar and vela-cli show.
#pragma once

#include "fit_estimate.h"

#include "runtime/model_description.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <memory>

namespace vela::gguf {
class MappedFile;
}

namespace vela::library {

struct ModelInfo {
    QString fileName;     // relative to the library folder
    QString path;         // absolute path (a symbolic link for linked imports)
    qint64 fileSize = 0;
    qint64 modifiedMs = 0; // mtime; with fileSize decides whether a rescan re-reads
    bool linked = false;  // a link to a file outside the library
    bool valid = false;
    QString error;        // why the engine refuses the file (when !valid)

    // Of a valid file; an invalid one has only the name (its file name
    // without .gguf).
    runtime::ModelDescription description;
    ModelShape shape;
    QMap<QString, qint64> measuredBytes; // device name → memory measured after a load
    // Where a downloaded file came from on the Hugging Face Hub: "OWNER/NAME"
    // and the 40-hex commit (DownloadRequest::repo/revision). Empty for an
    // import or a download from elsewhere; dropped when the file changes.
    QString sourceRepo;
    QString sourceCommit;

    QString name() const { return QString::fromStdString(description.name); }
    QString architecture() const { return QString::fromStdString(description.architecture); }
    QString quantization() const { return QString::fromStdString(description.quantization); }
    QString templateFamily() const { return QString::fromLatin1(chat::familyName(description.templateFamily)); }
    bool isChatModel() const { return description.isChatModel(); }
    // "qwen3", or "base model: completion only".
    QString templateDescription() const;
    // "Q4_K (Q4_K ×113, Q6_K ×14, F32 ×57)"
    QString quantizationMix() const;

    QJsonObject toJson() const;
    static ModelInfo fromJson(const QJsonObject& o);
};

// Reads and validates a file as the engine would load it. Never throws for a
// bad file: the result is !valid with the reason (a scan must survive any
// file). `fileName` is what the entry is called inside the library.
ModelInfo inspectModel(const QString& path, const QString& fileName);

// Throws vela::InvalidInput with the reason when the engine cannot load the
// file; used by import before anything is copied.
void validateModel(const QString& path);

// What a GGUF file that is not here says of itself (a file on the Hub, its
// first bytes fetched with Range requests: header_probe.h): the description
// and the shape the fit estimate needs, after every check inspectModel
// makes except those that need the tensor data.
struct HeaderFacts {
    runtime::ModelDescription description;
    ModelShape shape;
};
// `prefix`: the file's first bytes; `fileSize`: its whole size. Throws
// gguf::HeaderIncomplete when the header goes on past the prefix (fetch at
// least bytesNeeded()), vela::InvalidInput when the engine would refuse it.
HeaderFacts inspectHeader(std::shared_ptr<const gguf::MappedFile> prefix, uint64_t fileSize, const QString& fileName);

} // namespace vela::library
