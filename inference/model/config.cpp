#include "model/config.h"

#include "common/error.h"
#include "gguf/gguf_file.h"

#include <algorithm>
#include <limits>

namespace vela::model {

const char* architectureName(Architecture a)
{
    return a == Architecture::Qwen3 ? "qwen3" : "qwen2";
}

namespace {

// Sanity bounds: far above any real Qwen model, low enough that derived sizes
// (head_dim * heads, KV cache) cannot overflow 32-bit shader indices.
constexpr uint64_t kMaxLayers = 1024;
constexpr uint64_t kMaxWidth = 1u << 20;
constexpr uint64_t kMaxContext = 1u << 24;
constexpr uint64_t kMaxVocab = 1u << 22;

uint32_t bounded(const std::string& key, uint64_t value, uint64_t max)
{
    if (value == 0 || value > max)
        throw InvalidInput("metadata key '" + key + "' = " + std::to_string(value) + " is out of range (1.." +
                           std::to_string(max) + ")");
    return static_cast<uint32_t>(value);
}

uint32_t requireBounded(const gguf::Metadata& md, const std::string& key, uint64_t max)
{
    return bounded(key, md.requireUInt(key), max);
}

// A value that is either one integer for all layers or an array of nLayers.
std::vector<uint32_t> perLayer(const gguf::Metadata& md, const std::string& key, uint32_t nLayers, uint64_t max)
{
    const gguf::Value* v = md.find(key);
    if (!v)
        throw InvalidInput("metadata key '" + key + "' is missing");
    if (const gguf::Array* a = v->toArray()) {
        if (!gguf::isIntegerType(a->elementType()))
            throw InvalidInput("metadata key '" + key + "' is an array of " + gguf::valueTypeName(a->elementType()) +
                               ", expected integers");
        if (a->size() != nLayers)
            throw InvalidInput("metadata key '" + key + "' has " + std::to_string(a->size()) + " entries for " +
                               std::to_string(nLayers) + " layers");
        std::vector<uint32_t> out;
        for (size_t i = 0; i < a->size(); ++i) {
            auto u = a->at(i).toUInt();
            if (!u)
                throw InvalidInput("metadata key '" + key + "' entry " + std::to_string(i) + " is negative");
            out.push_back(bounded(key + "[" + std::to_string(i) + "]", *u, max));
        }
        return out;
    }
    return std::vector<uint32_t>(nLayers, requireBounded(md, key, max));
}

} // namespace

Config Config::fromGguf(const gguf::File& file)
{
    const gguf::Metadata& md = file.metadata();
    Config c;
    const std::string arch(md.requireString("general.architecture"));
    if (arch == "qwen3")
        c.arch = Architecture::Qwen3;
    else if (arch == "qwen2")
        c.arch = Architecture::Qwen2;
    else
        throw InvalidInput("unsupported architecture '" + arch + "' (Vela runs qwen3 and qwen2)");
    if (auto n = md.getString("general.name"))
        c.name = std::string(*n);

    const std::string p = arch + ".";
    c.nLayers = requireBounded(md, p + "block_count", kMaxLayers);
    c.trainedContext = requireBounded(md, p + "context_length", kMaxContext);
    c.nEmbd = requireBounded(md, p + "embedding_length", kMaxWidth);

    std::vector<uint32_t> ff = perLayer(md, p + "feed_forward_length", c.nLayers, kMaxWidth);
    std::vector<uint32_t> heads = perLayer(md, p + "attention.head_count", c.nLayers, 4096);
    std::vector<uint32_t> kvHeads = perLayer(md, p + "attention.head_count_kv", c.nLayers, 4096);
    c.layers.resize(c.nLayers);
    for (uint32_t i = 0; i < c.nLayers; ++i) {
        c.layers[i] = {heads[i], kvHeads[i], ff[i]};
        if (heads[i] % kvHeads[i] != 0)
            throw InvalidInput("layer " + std::to_string(i) + ": head_count " + std::to_string(heads[i]) +
                               " is not a multiple of head_count_kv " + std::to_string(kvHeads[i]));
    }

    // key_length defaults to n_embd / n_head (llama.cpp does the same).
    if (auto k = md.getUInt(p + "attention.key_length"))
        c.headDim = bounded(p + "attention.key_length", *k, 4096);
    else
        c.headDim = c.nEmbd / c.layers[0].nHead;
    if (auto v = md.getUInt(p + "attention.value_length"))
        c.valueDim = bounded(p + "attention.value_length", *v, 4096);
    else
        c.valueDim = c.headDim;
    if (c.headDim == 0 || c.headDim % 2 != 0)
        throw InvalidInput("head dimension " + std::to_string(c.headDim) + " must be even and non-zero (RoPE pairs)");
    if (c.valueDim != c.headDim)
        throw InvalidInput("value_length " + std::to_string(c.valueDim) + " differs from key_length " +
                           std::to_string(c.headDim) + " (not supported)");

    double eps = md.requireFloat(p + "attention.layer_norm_rms_epsilon");
    if (!(eps > 0.0 && eps < 1.0))
        throw InvalidInput("metadata key '" + p + "attention.layer_norm_rms_epsilon' = " + std::to_string(eps) +
                           " is out of range (0..1)");
    c.rmsEps = static_cast<float>(eps);
    if (auto base = md.getFloat(p + "rope.freq_base")) {
        if (!(*base > 1.0 && *base < 1e12))
            throw InvalidInput("metadata key '" + p + "rope.freq_base' = " + std::to_string(*base) + " is out of range");
        c.ropeBase = static_cast<float>(*base);
    }

    // The vocabulary size is the row count of the token embedding. A file
    // without tensors (a vocabulary-only GGUF) takes it from the tokenizer.
    if (const gguf::TensorInfo* embd = file.findTensor("token_embd.weight")) {
        if (embd->nDims != 2 || embd->ne[0] != c.nEmbd || embd->ne[1] > kMaxVocab)
            throw InvalidInput("tensor 'token_embd.weight' has shape " + embd->shapeString() + ", expected [" +
                               std::to_string(c.nEmbd) + ", n_vocab]");
        c.nVocab = static_cast<uint32_t>(embd->ne[1]);
        // Token ids index the embedding rows and the sampler's logits name
        // tokens: the two sizes must agree (llama.cpp refuses such files too).
        if (const gguf::Value* v = md.find("tokenizer.ggml.tokens"); v && v->toArray() &&
                                                                     v->toArray()->size() != c.nVocab)
            throw InvalidInput("metadata key 'tokenizer.ggml.tokens' has " + std::to_string(v->toArray()->size()) +
                               " tokens, but 'token_embd.weight' has " + std::to_string(c.nVocab) +
                               " rows (they must match)");
    } else if (file.tensors().empty()) {
        if (const gguf::Array* tokens = md.getArray("tokenizer.ggml.tokens"))
            c.nVocab = static_cast<uint32_t>(std::min<size_t>(tokens->size(), kMaxVocab));
    } else {
        throw InvalidInput("tensor 'token_embd.weight' is missing");
    }
    return c;
}

} // namespace vela::model
