// The GGUF models in a Hub repo's file list (HubClient), as a user picks
// them: one entry per single .gguf file, and one per complete multi-part
// set. Multi-part files follow llama.cpp's gguf-split naming,
// "NAME-00001-of-00003.gguf" (five digits each, parts numbered from 1);
// a set is one model only when every part 1..N is listed, its size the sum.
// Incomplete sets are left out (nothing could load them).
//
// The fit estimate needs each file's GGUF header, which the tree does not
// give; it is not part of the listing.
#pragma once

#include "download_state.h"
#include "hub_client.h"

#include <QList>
#include <QString>

namespace vela::library {

struct HubGgufModel {
    QString name;          // "Qwen3-0.6B-Q8_0", a set without "-0000k-of-0000N"
    QList<HubFile> files;  // one, or the parts in order
    qint64 size = 0;       // all parts together
    QString quantization;  // llama.cpp file-type name, "Q4_K_M"; "" when unknown
    int parts() const { return int(files.size()); }

    // Why Vela will not download it, in the UI language; empty when it
    // can. Vela's GGUF reader loads single files only, so a split model is
    // refused; a file without a SHA-256 in the tree cannot be verified.
    QString downloadRefusal() const;
};

QList<HubGgufModel> ggufModels(const QList<HubFile>& files);

// The llama.cpp file-type name (LLAMA_FTYPE_MOSTLY_*, as llama-quantize
// names them) found in a file name: "Q4_K_M" for "qwen2.5-3b-q4_k_m.gguf";
// "" when the name carries none.
QString quantizationFromFileName(const QString& fileName);

// The request that downloads `file` of `repo` at `commit` through Download:
// the commit URL (hubFileUrl), the file's base name in the library, its
// lfs.oid as SHA-256 and its size, the repo and commit recorded.
DownloadRequest hubDownloadRequest(const QUrl& endpoint, const QString& repo, const QString& commit,
                                   const HubFile& file);

} // namespace vela::library
