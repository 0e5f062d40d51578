// Weights: validated views of a model's tensors inside the GGUF memory map.
//
// Nothing is copied: each field points at a gguf::TensorInfo whose data lives
// in the map. Shapes use ggml order, ne0 first = the input (contiguous)
// dimension, so a projection from n_embd to n_out is [n_embd, n_out] and
// row r of the matrix (n_embd values) produces output element r.
#pragma once

#include "model/config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vela::gguf {
class File;
struct TensorInfo;
} // namespace vela::gguf

namespace vela::model {

using Tensor = const gguf::TensorInfo*;

struct LayerWeights {
    Tensor attnNorm = nullptr;   // [n_embd]
    Tensor attnQ = nullptr;      // [n_embd, n_head * head_dim]
    Tensor attnK = nullptr;      // [n_embd, n_head_kv * head_dim]
    Tensor attnV = nullptr;      // [n_embd, n_head_kv * head_dim]
    Tensor attnQBias = nullptr;  // [n_head * head_dim]     (qwen2 only)
    Tensor attnKBias = nullptr;  // [n_head_kv * head_dim]  (qwen2 only)
    Tensor attnVBias = nullptr;  // [n_head_kv * head_dim]  (qwen2 only)
    Tensor attnQNorm = nullptr;  // [head_dim]              (qwen3 only)
    Tensor attnKNorm = nullptr;  // [head_dim]              (qwen3 only)
    Tensor attnOutput = nullptr; // [n_head * head_dim, n_embd]
    Tensor ffnNorm = nullptr;    // [n_embd]
    Tensor ffnGate = nullptr;    // [n_embd, n_ff]
    Tensor ffnUp = nullptr;      // [n_embd, n_ff]
    Tensor ffnDown = nullptr;    // [n_ff, n_embd]
};

struct Weights {
    Tensor tokenEmbd = nullptr;  // [n_embd, n_vocab]
    Tensor outputNorm = nullptr; // [n_embd]
    Tensor output = nullptr;     // [n_embd, n_vocab]; == tokenEmbd when tied
    bool tiedEmbeddings = false;
    std::vector<LayerWeights> layers;
    uint64_t nParams = 0;                   // elements of all tensors in the file
    std::vector<std::string> unusedTensors; // present in the file but not part of the model

    // Finds every expected tensor and checks its shape against config (and
    // vector weights are F32/F16/BF16); throws vela::InvalidInput naming the
    // tensor, its shape and the expected one.
    static Weights bind(const gguf::File& file, const Config& config);
};

} // namespace vela::model
