#include "model/weights.h"

#include "common/error.h"
#include "gguf/gguf_file.h"

#include <set>

namespace vela::model {

namespace {

class Binder {
public:
    explicit Binder(const gguf::File& file) : file_(file) {}

    // A weight with exactly `shape` (ne order). Vectors must be float types:
    // they feed norms and biases, which every backend reads as floats.
    Tensor require(const std::string& name, std::vector<uint64_t> shape)
    {
        Tensor t = file_.findTensor(name);
        if (!t)
            throw InvalidInput("tensor '" + name + "' is missing");
        check(t, shape);
        return t;
    }

    Tensor optional(const std::string& name, std::vector<uint64_t> shape)
    {
        Tensor t = file_.findTensor(name);
        if (t)
            check(t, shape);
        return t;
    }

    const std::set<std::string>& used() const { return used_; }

private:
    void check(Tensor t, const std::vector<uint64_t>& shape)
    {
        bool ok = t->nDims == shape.size();
        for (size_t d = 0; ok && d < shape.size(); ++d)
            ok = t->ne[d] == shape[d];
        if (!ok) {
            std::string expected = "[";
            for (size_t d = 0; d < shape.size(); ++d)
                expected += (d ? ", " : "") + std::to_string(shape[d]);
            throw InvalidInput("tensor '" + std::string(t->name) + "' has shape " + t->shapeString() +
                               ", expected " + expected + "]");
        }
        if (shape.size() == 1 && t->type != gguf::TensorType::F32 && t->type != gguf::TensorType::F16 &&
            t->type != gguf::TensorType::BF16)
            throw InvalidInput("tensor '" + std::string(t->name) + "' has type " + gguf::typeName(t->type) +
                               ", expected F32, F16 or BF16 for a vector");
        used_.insert(std::string(t->name));
    }

    const gguf::File& file_;
    std::set<std::string> used_;
};

} // namespace

Weights Weights::bind(const gguf::File& file, const Config& c)
{
    Binder b(file);
    Weights w;
    const uint64_t embd = c.nEmbd, vocab = c.nVocab, hd = c.headDim;
    w.tokenEmbd = b.require("token_embd.weight", {embd, vocab});
    w.outputNorm = b.require("output_norm.weight", {embd});
    w.output = b.optional("output.weight", {embd, vocab});
    w.tiedEmbeddings = w.output == nullptr;
    if (w.tiedEmbeddings)
        w.output = w.tokenEmbd;

    w.layers.resize(c.nLayers);
    for (uint32_t i = 0; i < c.nLayers; ++i) {
        const LayerShape& s = c.layers[i];
        const std::string p = "blk." + std::to_string(i) + ".";
        const uint64_t q = s.nHead * hd, kv = s.nHeadKv * hd, ff = s.nFf;
        LayerWeights& l = w.layers[i];
        l.attnNorm = b.require(p + "attn_norm.weight", {embd});
        l.attnQ = b.require(p + "attn_q.weight", {embd, q});
        l.attnK = b.require(p + "attn_k.weight", {embd, kv});
        l.attnV = b.require(p + "attn_v.weight", {embd, kv});
        if (c.hasQkvBias()) {
            l.attnQBias = b.require(p + "attn_q.bias", {q});
            l.attnKBias = b.require(p + "attn_k.bias", {kv});
            l.attnVBias = b.require(p + "attn_v.bias", {kv});
        }
        if (c.hasQkNorm()) {
            l.attnQNorm = b.require(p + "attn_q_norm.weight", {hd});
            l.attnKNorm = b.require(p + "attn_k_norm.weight", {hd});
        }
        l.attnOutput = b.require(p + "attn_output.weight", {q, embd});
        l.ffnNorm = b.require(p + "ffn_norm.weight", {embd});
        l.ffnGate = b.require(p + "ffn_gate.weight", {embd, ff});
        l.ffnUp = b.require(p + "ffn_up.weight", {embd, ff});
        l.ffnDown = b.require(p + "ffn_down.weight", {ff, embd});
    }

    for (const gguf::TensorInfo& t : file.tensors()) {
        w.nParams += t.nElements;
        if (!b.used().count(std::string(t.name)))
            w.unusedTensors.emplace_back(t.name);
    }
    return w;
}

} // namespace vela::model
