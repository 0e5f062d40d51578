// Config: the hyperparameters of a Qwen3 / Qwen2 model, read from GGUF metadata.
//
// Keys are `<arch>.*` as written by llama.cpp's converter (gguf-py constants):
// block_count, context_length, embedding_length, feed_forward_length,
// attention.head_count, attention.head_count_kv, attention.key_length,
// attention.value_length, attention.layer_norm_rms_epsilon, rope.freq_base.
// feed_forward_length, head_count and head_count_kv may be per-layer arrays
// (pruned or compressed variants), so every layer carries its own LayerShape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vela::gguf {
class File;
}

namespace vela::model {

enum class Architecture { Qwen3, Qwen2 };

const char* architectureName(Architecture a); // "qwen3", "qwen2"

struct LayerShape {
    uint32_t nHead = 0;   // query heads
    uint32_t nHeadKv = 0; // key/value heads (grouped-query attention when < nHead)
    uint32_t nFf = 0;     // SwiGLU hidden width
};

struct Config {
    Architecture arch = Architecture::Qwen3;
    std::string name;              // general.name, may be empty
    uint32_t nLayers = 0;
    uint32_t trainedContext = 0;   // ARCH.context_length: the positions the model was trained for
    uint32_t nEmbd = 0;            // hidden size
    uint32_t headDim = 0;          // key_length (Qwen3-0.6B: 128, with n_head*head_dim ≠ n_embd)
    uint32_t valueDim = 0;         // value_length
    uint32_t nVocab = 0;           // rows of token_embd
    float rmsEps = 1e-6f;
    float ropeBase = 10000.0f;
    std::vector<LayerShape> layers; // size nLayers

    // Qwen3 normalizes Q and K per head (attn_q_norm/attn_k_norm); Qwen2 has
    // biases on the q, k and v projections instead.
    bool hasQkNorm() const { return arch == Architecture::Qwen3; }
    bool hasQkvBias() const { return arch == Architecture::Qwen2; }

    // Reads and validates the hyperparameters; throws vela::InvalidInput
    // naming the key (or "unsupported architecture 'llama'"). nVocab is taken
    // from the token embedding tensor.
    static Config fromGguf(const gguf::File& file);
};

} // namespace vela::model
