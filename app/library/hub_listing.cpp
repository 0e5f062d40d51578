#include "hub_listing.h"

#include "hub_endpoint.h"

#include <QCoreApplication>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>

namespace vela::library {

namespace {

// llama.cpp's file-type names (llama_ftype in llama.h; the names
// llama-quantize accepts and writes into file names).
const QStringList& fileTypeNames()
{
    static const QStringList names{
        QStringLiteral("F32"),     QStringLiteral("F16"),     QStringLiteral("BF16"),    QStringLiteral("Q8_0"),
        QStringLiteral("Q6_K"),    QStringLiteral("Q5_K_M"),  QStringLiteral("Q5_K_S"),  QStringLiteral("Q5_1"),
        QStringLiteral("Q5_0"),    QStringLiteral("Q4_K_M"),  QStringLiteral("Q4_K_S"),  QStringLiteral("Q4_1"),
        QStringLiteral("Q4_0"),    QStringLiteral("Q3_K_L"),  QStringLiteral("Q3_K_M"),  QStringLiteral("Q3_K_S"),
        QStringLiteral("Q2_K_S"),  QStringLiteral("Q2_K"),    QStringLiteral("IQ4_XS"),  QStringLiteral("IQ4_NL"),
        QStringLiteral("IQ3_M"),   QStringLiteral("IQ3_S"),   QStringLiteral("IQ3_XS"),  QStringLiteral("IQ3_XXS"),
        QStringLiteral("IQ2_M"),   QStringLiteral("IQ2_S"),   QStringLiteral("IQ2_XS"),  QStringLiteral("IQ2_XXS"),
        QStringLiteral("IQ1_M"),   QStringLiteral("IQ1_S"),   QStringLiteral("TQ1_0"),   QStringLiteral("TQ2_0"),
        QStringLiteral("MXFP4_MOE")};
    return names;
}

// "NAME-00001-of-00003.gguf" (llama.cpp gguf-split: "%s-%05d-of-%05d.gguf").
const QRegularExpression& splitPattern()
{
    static const QRegularExpression re(QStringLiteral("^(.*)-(\\d{5})-of-(\\d{5})\\.gguf$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString baseName(const QString& path)
{
    return path.section(QLatin1Char('/'), -1);
}

bool isGguf(const QString& path)
{
    return path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive);
}

} // namespace

QString quantizationFromFileName(const QString& fileName)
{
    // Words are separated by '-' or '.' ("Model-Q4_K_M.gguf",
    // "llama-2-7b.Q4_K_M.gguf"); the names themselves contain '_'.
    const QStringList words = baseName(fileName).toUpper().split(QRegularExpression(QStringLiteral("[-.]")));
    for (auto it = words.crbegin(); it != words.crend(); ++it) // the last word wins: "Q8_0-F16" is F16
        if (fileTypeNames().contains(*it))
            return *it;
    return {};
}

QString HubGgufModel::downloadRefusal() const
{
    if (parts() > 1)
        return QCoreApplication::translate("HubListing",
                                           "'%1' is split into %2 files, and Vela cannot load split GGUF files yet: "
                                           "pick a quantization that is a single file.")
            .arg(name)
            .arg(parts());
    if (files.isEmpty() || files[0].sha256.isEmpty())
        return QCoreApplication::translate("HubListing",
                                           "Hugging Face gives no SHA-256 for '%1', so Vela cannot verify it.")
            .arg(name);
    return {};
}

QList<HubGgufModel> ggufModels(const QList<HubFile>& files)
{
    QList<HubGgufModel> models;
    QMap<QString, QMap<int, HubFile>> sets; // "path/NAME|N" -> part number -> file
    QMap<QString, int> counts;
    for (const HubFile& f : files) {
        if (!isGguf(f.path))
            continue;
        const auto m = splitPattern().match(f.path);
        if (!m.hasMatch()) {
            HubGgufModel model;
            model.name = baseName(f.path).chopped(5);
            model.files = {f};
            model.size = f.size;
            model.quantization = quantizationFromFileName(f.path);
            models.append(model);
            continue;
        }
        const int n = m.captured(3).toInt(), k = m.captured(2).toInt();
        if (k < 1 || k > n)
            continue;
        const QString key = m.captured(1) + QLatin1Char('|') + QString::number(n);
        sets[key][k] = f;
        counts[key] = n;
    }
    for (auto it = sets.cbegin(); it != sets.cend(); ++it) {
        if (it->size() != counts[it.key()])
            continue; // a part is missing
        HubGgufModel model;
        const QString prefix = it.key().section(QLatin1Char('|'), 0, 0);
        model.name = baseName(prefix);
        model.files = it->values(); // QMap: in part order
        for (const HubFile& f : model.files)
            model.size += f.size;
        model.quantization = quantizationFromFileName(prefix);
        models.append(model);
    }
    std::sort(models.begin(), models.end(), [](const HubGgufModel& a, const HubGgufModel& b) {
        return a.files[0].path < b.files[0].path;
    });
    return models;
}

DownloadRequest hubDownloadRequest(const QUrl& endpoint, const QString& repo, const QString& commit,
                                   const HubFile& file)
{
    DownloadRequest r;
    r.url = hubFileUrl(endpoint, repo, commit, file.path);
    r.fileName = baseName(file.path);
    r.sha256 = file.sha256;
    r.expectedSize = file.size;
    r.repo = repo;
    r.revision = commit;
    return r;
}

} // namespace vela::library
