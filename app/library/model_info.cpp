#include "model_info.h"

#include "chat/chat_format.h"
#include "common/error.h"
#include "gguf/gguf_file.h"
#include "model/config.h"
#include "model/weights.h"
#include "tokenizer/tokenizer.h"

#include <QFileInfo>
#include <QJsonArray>

#include <map>
#include <new>

namespace vela::library {

namespace {

struct Inspected {
    gguf::File file;
    model::Config config;
    model::Weights weights;
};

// Every check the engine makes when it loads a model (model::Model::open and
// the tokenizer), so the library never lists as valid a file chat would refuse.
Inspected inspect(gguf::File file)
{
    model::Config config = model::Config::fromGguf(file);
    if (file.tensors().empty())
        throw InvalidInput("the file has no weights (a vocabulary-only GGUF cannot generate)");
    model::Weights weights = model::Weights::bind(file, config);
    (void)tokenizer::Tokenizer::fromGguf(file);
    return {std::move(file), std::move(config), std::move(weights)};
}

Inspected inspect(const QString& path)
{
    return inspect(gguf::File::open(path.toStdString()));
}

QJsonArray layersToJson(const std::vector<LayerDims>& layers)
{
    QJsonArray a;
    for (const auto& l : layers)
        a.append(QJsonArray{qint64(l.nHead), qint64(l.nHeadKv), qint64(l.nFf)});
    return a;
}

} // namespace

QString ModelInfo::templateDescription() const
{
    return isChatModel() ? templateFamily() : QStringLiteral("base model: completion only");
}

QString ModelInfo::quantizationMix() const
{
    QString mix;
    for (const auto& [type, count] : description.tensorTypes)
        mix += (mix.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromStdString(type) +
               QStringLiteral(" ×") + QString::number(count);
    return description.quantization.empty() ? mix : quantization() + QStringLiteral(" (") + mix + QStringLiteral(")");
}

void validateModel(const QString& path)
{
    (void)inspect(path);
}

HeaderFacts inspectHeader(std::shared_ptr<const gguf::MappedFile> prefix, uint64_t fileSize, const QString& fileName)
{
    const Inspected in = inspect(gguf::File::parseHeader(std::move(prefix), fileSize));
    return {runtime::describeGguf(in.file, in.config, in.weights, fileName.toStdString()),
            ModelShape::fromGguf(in.file, in.config, in.weights.unusedTensors)};
}

ModelInfo inspectModel(const QString& path, const QString& fileName)
{
    ModelInfo m;
    m.fileName = fileName;
    m.path = path;
    const QFileInfo fi(path);
    m.fileSize = fi.size();
    m.modifiedMs = fi.lastModified().toMSecsSinceEpoch();
    m.linked = fi.isSymLink();
    m.description.name = fi.completeBaseName().toStdString();
    try {
        const Inspected in = inspect(path);
        m.valid = true;
        m.description = runtime::describeGguf(in.file, in.config, in.weights, path.toStdString());
        m.shape = ModelShape::fromGguf(in.file, in.config, in.weights.unusedTensors);
    } catch (const std::bad_alloc&) {
        m.error = QStringLiteral("not enough memory to read the file");
    } catch (const std::exception& e) {
        // vela::InvalidInput for a malformed or unsupported file, or an I/O
        // error from the map: either way, the file is listed with the reason.
        m.error = QString::fromStdString(e.what());
    }
    return m;
}

QJsonObject ModelInfo::toJson() const
{
    QJsonObject o{{"file", fileName}, {"size", fileSize}, {"mtime_ms", modifiedMs}, {"linked", linked},
                  {"valid", valid}, {"name", name()}};
    // "source": {"repo": "OWNER/NAME", "commit": "40 hex"}, only when known.
    if (!sourceRepo.isEmpty())
        o["source"] = QJsonObject{{"repo", sourceRepo}, {"commit", sourceCommit}};
    if (!valid) {
        o["error"] = error;
        return o;
    }
    QJsonObject types;
    for (const auto& [type, count] : description.tensorTypes)
        types[QString::fromStdString(type)] = qint64(count);
    QJsonObject measured;
    for (auto it = measuredBytes.cbegin(); it != measuredBytes.cend(); ++it)
        measured[it.key()] = it.value();
    o["architecture"] = architecture();
    o["parameters"] = qint64(description.parameters);
    o["tensor_types"] = types;
    o["quantization"] = quantization();
    o["context_length"] = qint64(description.trainedContext);
    o["template_family"] = templateFamily();
    o["measured_bytes"] = measured;
    o["shape"] = QJsonObject{{"file_bytes", qint64(shape.fileBytes)},
                             {"weight_bytes", qint64(shape.weightBytes)},
                             {"embedding", qint64(shape.nEmbd)},
                             {"head_dim", qint64(shape.headDim)},
                             {"vocab", qint64(shape.nVocab)},
                             {"context_length", qint64(shape.trainedContext)},
                             {"layers", layersToJson(shape.layers)}};
    return o;
}

ModelInfo ModelInfo::fromJson(const QJsonObject& o)
{
    ModelInfo m;
    m.fileName = o["file"].toString();
    m.fileSize = o["size"].toInteger();
    m.modifiedMs = o["mtime_ms"].toInteger();
    m.linked = o["linked"].toBool();
    m.valid = o["valid"].toBool();
    m.description.name = o["name"].toString().toStdString();
    m.error = o["error"].toString();
    const QJsonObject source = o["source"].toObject();
    m.sourceRepo = source["repo"].toString();
    m.sourceCommit = source["commit"].toString();
    m.description.architecture = o["architecture"].toString().toStdString();
    m.description.parameters = quint64(o["parameters"].toInteger());
    m.description.fileBytes = quint64(m.fileSize);
    const QJsonObject types = o["tensor_types"].toObject();
    for (auto it = types.begin(); it != types.end(); ++it)
        m.description.tensorTypes[it.key().toStdString()] = uint32_t(it.value().toInteger());
    const QJsonObject measured = o["measured_bytes"].toObject();
    for (auto it = measured.begin(); it != measured.end(); ++it)
        m.measuredBytes[it.key()] = it.value().toInteger();
    m.description.quantization = o["quantization"].toString().toStdString();
    m.description.trainedContext = quint32(o["context_length"].toInteger());
    const QString family = o["template_family"].toString();
    for (chat::TemplateFamily f : {chat::TemplateFamily::Qwen3, chat::TemplateFamily::Qwen25,
                                   chat::TemplateFamily::ChatML, chat::TemplateFamily::Completion})
        if (family == QLatin1String(chat::familyName(f)))
            m.description.templateFamily = f;
    const QJsonObject s = o["shape"].toObject();
    m.shape.fileBytes = quint64(s["file_bytes"].toInteger());
    m.shape.weightBytes = quint64(s["weight_bytes"].toInteger());
    m.shape.nEmbd = quint32(s["embedding"].toInteger());
    m.shape.headDim = quint32(s["head_dim"].toInteger());
    m.shape.nVocab = quint32(s["vocab"].toInteger());
    m.shape.trainedContext = quint32(s["context_length"].toInteger());
    for (const QJsonValue& l : s["layers"].toArray()) {
        const QJsonArray a = l.toArray();
        m.shape.layers.push_back({quint32(a.at(0).toInteger()), quint32(a.at(1).toInteger()),
                                  quint32(a.at(2).toInteger())});
    }
    m.description.layers = uint32_t(m.shape.layers.size());
    return m;
}

} // namespace vela::library
