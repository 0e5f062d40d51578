// Writes small random-weight Qwen3/Qwen2 GGUF models with chosen shapes, so
// tests run without ../shared and can exercise per-layer (pruned) shapes.
// Weights are F32 from a seeded generator: the same spec gives the same file.
#pragma once

#include "gguf/gguf_writer.h"
#include "model/model.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vela::test {

struct ModelSpec {
    std::string arch = "qwen3";       // "qwen3" or "qwen2"
    uint32_t nLayers = 2;
    uint32_t nEmbd = 64;
    uint32_t headDim = 32;
    std::vector<uint32_t> nHead{4};   // one entry for all layers, or one per layer
    std::vector<uint32_t> nHeadKv{2};
    std::vector<uint32_t> nFf{128};
    uint32_t nVocab = 300;
    uint32_t trainedContext = 512; // what the metadata's context_length claims
    bool tied = true;
    uint32_t seed = 1;
    // Storage type of the 2-D weights (token_embd, projections, output);
    // vectors stay F32. Any type quant::quantize supports.
    gguf::TensorType matrixType = gguf::TensorType::F32;
    // Per-tensor choice instead of matrixType (e.g. q4kmMix), by tensor name.
    std::function<gguf::TensorType(const std::string& name)> typeOf;
    // A minimal byte-level vocabulary (the 256 GPT-2 byte symbols, the Qwen
    // specials, unused padding up to nVocab) and a ChatML template that
    // mentions <think>, so the file loads as a Qwen3 chat model. Without
    // it the file has weights only.
    bool withVocab = true;
    // Tokens in that vocabulary; 0 = max(nVocab, 261). A different count
    // gives a file whose vocabulary disagrees with token_embd's rows.
    uint32_t tokenizerVocab = 0;
};

// The Q4_K_M mix as the speed issue describes it: token_embd and the attn_v
// and ffn_down of every other layer (the even ones) in Q6_K, the rest Q4_K.
gguf::TensorType q4kmMix(const std::string& name);

// The small Qwen3 chat model of the engine, chat and UI tests: hundreds of
// tokens a second on the CPU. Untied: with tied embeddings a random model
// mostly repeats its last input token (a newline, which the reasoning split
// drops), and those tests need text.
ModelSpec chatSpec();

// A small but real chat model (a few hundred KiB) for the download tests:
// the library lists it as valid afterwards, and it arrives in many reads.
ModelSpec downloadableSpec();

// Token ids in the vocabulary written by withVocab.
inline constexpr int32_t kTestEndOfText = 256, kTestImStart = 257, kTestImEnd = 258, kTestThink = 259,
                         kTestEndThink = 260;

// Metadata and tensors of the spec; callers may add or override keys
// (e.g. a tokenizer) before writing.
gguf::Writer buildModel(const ModelSpec& spec);
// The model opened straight from memory (no file), ready for a backend.
std::shared_ptr<const model::Model> openModel(const gguf::Writer& writer);
inline std::shared_ptr<const model::Model> openModel(const ModelSpec& spec) { return openModel(buildModel(spec)); }
void writeModel(const ModelSpec& spec, const std::filesystem::path& path);

} // namespace vela::test
