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
Inspected inspect(const QString& path)
{
    gguf::File file = gguf::File::open(path.toStdString());
    model::Config config = model::Config::fromGguf(file);
    if (file.tensors().empty())
        throw InvalidInput("the file has no weights (a vocabulary-only GGUF cannot generate)");
    model::Weights weights = model::Weights::bind(file, config);
    (void)tokenizer::Tokenizer::fromGguf(file);
    (void)chat::detectFamily(file);
    return {std::move(file), std::move(config), std::move(weights)};
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
    return isChatModel() ? templateFamily : QStringLiteral("base model: completion only");
}

QString ModelInfo::quantizationMix() const
{
    QString mix;
    for (auto it = tensorTypes.cbegin(); it != tensorTypes.cend(); ++it)
        mix += (mix.isEmpty() ? QString() : QStringLiteral(", ")) + it.key() + QStringLiteral(" ×") +
               QString::number(it.value());
    return quantization.isEmpty() ? mix : quantization + QStringLiteral(" (") + mix + QStringLiteral(")");
}

void validateModel(const QString& path)
{
    (void)inspect(path);
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
    m.name = fi.completeBaseName();
    try {
        const Inspected in = inspect(path);
        m.valid = true;
        if (!in.config.name.empty())
            m.name = QString::fromStdString(in.config.name);
        m.architecture = QString::fromLatin1(model::architectureName(in.config.arch));
        m.parameters = in.weights.nParams;
        m.contextLength = in.config.contextLength;
        m.templateFamily = QString::fromLatin1(chat::familyName(chat::detectFamily(in.file)));
        m.shape = ModelShape::fromGguf(in.file, in.config, in.weights.unusedTensors);
        std::map<std::string, uint64_t> bytesByType;
        for (const auto& t : in.file.tensors()) {
            const std::string type = gguf::typeName(t.type);
            ++m.tensorTypes[QString::fromStdString(type)];
            bytesByType[type] += t.nBytes;
        }
        uint64_t most = 0;
        for (const auto& [type, bytes] : bytesByType)
            if (bytes > most) {
                most = bytes;
                m.quantization = QString::fromStdString(type);
            }
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
                  {"valid", valid}, {"name", name}};
    if (!valid) {
        o["error"] = error;
        return o;
    }
    QJsonObject types;
    for (auto it = tensorTypes.cbegin(); it != tensorTypes.cend(); ++it)
        types[it.key()] = it.value();
    QJsonObject measured;
    for (auto it = measuredBytes.cbegin(); it != measuredBytes.cend(); ++it)
        measured[it.key()] = it.value();
    o["architecture"] = architecture;
    o["parameters"] = qint64(parameters);
    o["tensor_types"] = types;
    o["quantization"] = quantization;
    o["context_length"] = qint64(contextLength);
    o["template_family"] = templateFamily;
    o["measured_bytes"] = measured;
    o["shape"] = QJsonObject{{"file_bytes", qint64(shape.fileBytes)},
                             {"weight_bytes", qint64(shape.weightBytes)},
                             {"embedding", qint64(shape.nEmbd)},
                             {"head_dim", qint64(shape.headDim)},
                             {"vocab", qint64(shape.nVocab)},
                             {"context_length", qint64(shape.contextLength)},
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
    m.name = o["name"].toString();
    m.error = o["error"].toString();
    m.architecture = o["architecture"].toString();
    m.parameters = quint64(o["parameters"].toInteger());
    const QJsonObject types = o["tensor_types"].toObject();
    for (auto it = types.begin(); it != types.end(); ++it)
        m.tensorTypes[it.key()] = it.value().toInt();
    const QJsonObject measured = o["measured_bytes"].toObject();
    for (auto it = measured.begin(); it != measured.end(); ++it)
        m.measuredBytes[it.key()] = it.value().toInteger();
    m.quantization = o["quantization"].toString();
    m.contextLength = quint32(o["context_length"].toInteger());
    m.templateFamily = o["template_family"].toString();
    const QJsonObject s = o["shape"].toObject();
    m.shape.fileBytes = quint64(s["file_bytes"].toInteger());
    m.shape.weightBytes = quint64(s["weight_bytes"].toInteger());
    m.shape.nEmbd = quint32(s["embedding"].toInteger());
    m.shape.headDim = quint32(s["head_dim"].toInteger());
    m.shape.nVocab = quint32(s["vocab"].toInteger());
    m.shape.contextLength = quint32(s["context_length"].toInteger());
    for (const QJsonValue& l : s["layers"].toArray()) {
        const QJsonArray a = l.toArray();
        m.shape.layers.push_back({quint32(a.at(0).toInteger()), quint32(a.at(1).toInteger()),
                                  quint32(a.at(2).toInteger())});
    }
    return m;
}

} // namespace vela::library
