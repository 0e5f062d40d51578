// ModelDescription: what a GGUF model file is, for people — the one
// description behind the desktop app's status bar (a loaded model), its
// Models page (the library index), `vela-cli info` and `vela-cli models`, so
// that no two of them can name a different quantization for one file.
//
// It lives in the runtime layer because it joins the layers below: the
// file's tensors (gguf), the hyperparameters and weights (model) and the
// chat-template family (chat).
#pragma once

#include "chat/chat_format.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace vela::gguf {
class File;
}
namespace vela::model {
struct Config;
struct Weights;
}

namespace vela::runtime {

struct ModelDescription {
    std::string name;         // general.name, else the file name without its extension
    std::string architecture; // model::architectureName: "qwen3", "qwen2"
    uint64_t parameters = 0;  // model::Weights::nParams (0 for a vocabulary-only file)
    uint64_t fileBytes = 0;
    std::string quantization; // quantizationLabel(): "Q4_K" for a Q4_K_M file
    std::map<std::string, uint32_t> tensorTypes; // type name → tensors of that type, all tensors
    uint32_t layers = 0;
    uint32_t trainedContext = 0; // `<arch>.context_length`: the longest context the model was trained for
    chat::TemplateFamily templateFamily = chat::TemplateFamily::Completion;

    // Qwen3's template has a think block that can be switched on and off.
    bool thinkingCapable() const { return templateFamily == chat::TemplateFamily::Qwen3; }
    bool isChatModel() const { return templateFamily != chat::TemplateFamily::Completion; }
    bool operator==(const ModelDescription&) const = default;
};

// The model's quantization as one storage type name: the type holding the
// most bytes among the matrices (tensors of two or more dimensions), ties
// to the lower name. Why this rule:
//  * matrices only: the 1-D norm weights stay F32 in every quantization
//    recipe and say nothing about it;
//  * bytes, not elements or tensor counts: bytes are what the file, the
//    device memory and the decode speed (weights read per token) consist
//    of, so the label names the type that dominates all three;
//  * not `general.file_type` (llama.cpp's LLAMA_FTYPE, "Q4_K_M"): the key is
//    optional (Vela's own writer and many converters leave it out) and names
//    the recipe the quantizer was asked for, not what the file holds — the
//    fixture tiny-qwen3-pure-Q4_K.gguf says Q4_K_M (15) with no Q6_K tensor.
// So a Q4_K_M file reads "Q4_K" (its few Q6_K tensors are the exception)
// and an all-F32 file "F32". Empty when the file has no matrices.
std::string quantizationLabel(const gguf::File& file);

// Describes a file already validated as the engine loads it (Config::fromGguf,
// and Weights::bind when it has tensors; a default Weights for a
// vocabulary-only file). `path` gives the name when general.name is absent.
ModelDescription describeGguf(const gguf::File& file, const model::Config& config, const model::Weights& weights,
                              std::string_view path);

} // namespace vela::runtime
