#include "model_writer.h"

#include "quant/quantize.h"

#include <cmath>
#include <cstring>
#include <algorithm>
#include <random>

namespace vela::test {

namespace {

uint32_t layerValue(const std::vector<uint32_t>& v, uint32_t layer)
{
    return v.size() == 1 ? v[0] : v.at(layer);
}

void setPerLayer(gguf::Writer& w, const std::string& key, const std::vector<uint32_t>& v)
{
    if (v.size() == 1)
        w.setUInt32(key, v[0]);
    else
        w.setUInt32Array(key, v);
}

// GPT-2's byte-to-symbol map (bytes_to_unicode in the GPT-2 encoder): printable
// bytes stand for themselves, the others are shifted to U+0100 and up.
std::string byteSymbol(int b)
{
    static const std::vector<uint32_t> map = [] {
        std::vector<uint32_t> m(256);
        uint32_t next = 256;
        for (int i = 0; i < 256; ++i) {
            bool printable = (i >= 33 && i <= 126) || (i >= 161 && i <= 172) || (i >= 174 && i <= 255);
            m[i] = printable ? uint32_t(i) : next++;
        }
        return m;
    }();
    uint32_t cp = map[b];
    std::string out;
    if (cp < 0x80) {
        out += char(cp);
    } else {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    }
    return out;
}

void addVocab(gguf::Writer& w, uint32_t nVocab)
{
    std::vector<std::string> tokens;
    std::vector<int32_t> types;
    for (int b = 0; b < 256; ++b) {
        tokens.push_back(byteSymbol(b));
        types.push_back(1);
    }
    for (const char* s : {"<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>"}) {
        tokens.push_back(s);
        types.push_back(std::string(s).find('|') != std::string::npos ? 3 : 4);
    }
    while (tokens.size() < nVocab) {
        tokens.push_back("[PAD" + std::to_string(tokens.size()) + "]");
        types.push_back(5);
    }
    w.setString("tokenizer.ggml.model", "gpt2");
    w.setString("tokenizer.ggml.pre", "qwen2");
    w.setStringArray("tokenizer.ggml.tokens", tokens);
    w.setInt32Array("tokenizer.ggml.token_type", types);
    w.setStringArray("tokenizer.ggml.merges", {});
    w.setUInt32("tokenizer.ggml.eos_token_id", kTestImEnd);
    w.setUInt32("tokenizer.ggml.bos_token_id", kTestEndOfText);
    w.setUInt32("tokenizer.ggml.padding_token_id", kTestEndOfText);
    w.setBool("tokenizer.ggml.add_bos_token", false);
    // Not the official template: just enough for family detection (ChatML + think).
    w.setString("tokenizer.chat_template",
                "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
                "{% if add_generation_prompt %}<|im_start|>assistant\n{% if enable_thinking is false %}"
                "<think>\n\n</think>\n\n{% endif %}{% endif %}");
}

} // namespace

ModelSpec chatSpec()
{
    ModelSpec spec;
    spec.tied = false;
    spec.seed = 7;
    return spec;
}

ModelSpec downloadableSpec()
{
    ModelSpec spec;
    spec.nEmbd = 128;
    spec.nFf = {512};
    spec.nVocab = 512;
    return spec;
}

gguf::TensorType q4kmMix(const std::string& name)
{
    if (name == "token_embd.weight" || name == "output.weight")
        return gguf::TensorType::Q6_K;
    if (name.rfind("blk.", 0) == 0 &&
        (name.find(".attn_v.") != std::string::npos || name.find(".ffn_down.") != std::string::npos)) {
        const int layer = std::stoi(name.substr(4));
        return layer % 2 == 0 ? gguf::TensorType::Q6_K : gguf::TensorType::Q4_K;
    }
    return gguf::TensorType::Q4_K;
}

gguf::Writer buildModel(const ModelSpec& s)
{
    gguf::Writer w;
    const std::string p = s.arch + ".";
    w.setString("general.architecture", s.arch);
    w.setString("general.name", "random-" + s.arch);
    w.setUInt32(p + "block_count", s.nLayers);
    w.setUInt32(p + "context_length", s.trainedContext);
    w.setUInt32(p + "embedding_length", s.nEmbd);
    setPerLayer(w, p + "feed_forward_length", s.nFf);
    setPerLayer(w, p + "attention.head_count", s.nHead);
    setPerLayer(w, p + "attention.head_count_kv", s.nHeadKv);
    w.setUInt32(p + "attention.key_length", s.headDim);
    w.setUInt32(p + "attention.value_length", s.headDim);
    w.setFloat32(p + "attention.layer_norm_rms_epsilon", 1e-6f);
    w.setFloat32(p + "rope.freq_base", 1000000.0f);
    if (s.withVocab)
        addVocab(w, s.tokenizerVocab ? s.tokenizerVocab : std::max<uint32_t>(s.nVocab, 261));

    std::mt19937 rng(s.seed);
    auto tensor = [&](const std::string& name, std::vector<uint64_t> ne, float scale, float offset = 0.0f) {
        uint64_t n = 1;
        for (uint64_t d : ne)
            n *= d;
        std::uniform_real_distribution<float> dist(-scale, scale);
        std::vector<float> v(n);
        for (float& x : v)
            x = offset + dist(rng);
        // Rows that are not whole blocks of the chosen type stay F32 (as the
        // reference quantizer falls back for such tensors).
        const gguf::TensorType wanted = s.typeOf ? s.typeOf(name) : s.matrixType;
        const bool fits = ne.size() == 2 && ne[0] % gguf::layoutOf(wanted).blockElements == 0;
        const gguf::TensorType type = fits ? wanted : gguf::TensorType::F32;
        w.addTensor(name, type, std::move(ne), quant::quantize(type, v.data(), v.size()));
    };

    const uint64_t e = s.nEmbd, hd = s.headDim;
    tensor("token_embd.weight", {e, s.nVocab}, 0.5f);
    tensor("output_norm.weight", {e}, 0.1f, 1.0f);
    if (!s.tied)
        tensor("output.weight", {e, s.nVocab}, 0.5f);
    for (uint32_t i = 0; i < s.nLayers; ++i) {
        const std::string b = "blk." + std::to_string(i) + ".";
        const uint64_t q = layerValue(s.nHead, i) * hd, kv = layerValue(s.nHeadKv, i) * hd, ff = layerValue(s.nFf, i);
        const float we = 1.0f / std::sqrt(float(e));
        tensor(b + "attn_norm.weight", {e}, 0.1f, 1.0f);
        tensor(b + "attn_q.weight", {e, q}, we);
        tensor(b + "attn_k.weight", {e, kv}, we);
        tensor(b + "attn_v.weight", {e, kv}, we);
        if (s.arch == "qwen2") {
            tensor(b + "attn_q.bias", {q}, 0.1f);
            tensor(b + "attn_k.bias", {kv}, 0.1f);
            tensor(b + "attn_v.bias", {kv}, 0.1f);
        } else {
            tensor(b + "attn_q_norm.weight", {hd}, 0.1f, 1.0f);
            tensor(b + "attn_k_norm.weight", {hd}, 0.1f, 1.0f);
        }
        tensor(b + "attn_output.weight", {q, e}, 1.0f / std::sqrt(float(q)));
        tensor(b + "ffn_norm.weight", {e}, 0.1f, 1.0f);
        tensor(b + "ffn_gate.weight", {e, ff}, we);
        tensor(b + "ffn_up.weight", {e, ff}, we);
        tensor(b + "ffn_down.weight", {ff, e}, 1.0f / std::sqrt(float(ff)));
    }
    return w;
}

std::shared_ptr<const model::Model> openModel(const gguf::Writer& writer)
{
    return model::Model::fromFile(gguf::File::parse(gguf::MappedFile::fromBytes(writer.toBytes())));
}

void writeModel(const ModelSpec& spec, const std::filesystem::path& path)
{
    buildModel(spec).writeFile(path);
}

} // namespace vela::test
