#include "runtime/model_description.h"

#include "gguf/gguf_file.h"
#include "gguf/tensor_type.h"
#include "model/config.h"
#include "model/weights.h"

#include <filesystem>

namespace vela::runtime {

std::string quantizationLabel(const gguf::File& file)
{
    std::map<std::string, uint64_t> bytes; // ordered by name: the first of equals wins below
    for (const gguf::TensorInfo& t : file.tensors())
        if (t.nDims >= 2)
            bytes[gguf::typeName(t.type)] += t.nBytes;
    std::string best;
    uint64_t most = 0;
    for (const auto& [type, n] : bytes)
        if (n > most) {
            most = n;
            best = type;
        }
    return best;
}

ModelDescription describeGguf(const gguf::File& file, const model::Config& config, const model::Weights& weights,
                              std::string_view path)
{
    ModelDescription d;
    d.name = config.name.empty() ? std::filesystem::path(path).stem().string() : config.name;
    d.architecture = model::architectureName(config.arch);
    d.parameters = weights.nParams;
    d.fileBytes = file.fileSize();
    d.quantization = quantizationLabel(file);
    for (const gguf::TensorInfo& t : file.tensors())
        ++d.tensorTypes[gguf::typeName(t.type)];
    d.layers = config.nLayers;
    d.trainedContext = config.trainedContext;
    d.templateFamily = chat::detectFamily(file);
    return d;
}

} // namespace vela::runtime
