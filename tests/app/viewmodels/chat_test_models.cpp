#include "chat_test_models.h"

#include "gguf/gguf_file.h"
#include "model_writer.h"
#include "tokenizer/tokenizer.h"

#include <QDir>
#include <QFile>

#include <cstring>
#include <stdexcept>
#include <vector>

namespace vela::test {

QString writeChatModel(const QString& dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("chat.gguf"));
    writeModel(chatSpec(), path.toStdString());
    return path;
}

QString writeThinkingModel(const QString& dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("thinking.gguf"));
    writeModel(chatSpec(), path.toStdString());

    std::uint64_t outOffset = 0, rowBytes = 0;
    std::vector<float> newline;
    {
        const gguf::File file = gguf::File::open(path.toStdString());
        const auto tokenizer = tokenizer::Tokenizer::fromGguf(file);
        const auto ids = tokenizer.encode("\n", false);
        const gguf::TensorInfo* embd = file.findTensor("token_embd.weight");
        const gguf::TensorInfo* out = file.findTensor("output.weight");
        if (ids.size() != 1 || !embd || !out || embd->type != gguf::TensorType::F32 ||
            out->type != gguf::TensorType::F32)
            throw std::runtime_error("unexpected test model layout");
        const std::uint64_t n = embd->ne[0];
        newline.resize(n);
        std::memcpy(newline.data(), embd->data + ids[0] * n * sizeof(float), n * sizeof(float));
        rowBytes = n * sizeof(float);
        outOffset = out->offset + std::uint64_t(kTestThink) * rowBytes;
    }
    for (float& v : newline)
        v *= 40.0f;
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(qint64(outOffset)) ||
        f.write(reinterpret_cast<const char*>(newline.data()), qint64(rowBytes)) != qint64(rowBytes))
        throw std::runtime_error("cannot patch the test model");
    return path;
}

} // namespace vela::test
