// The CPU reference backend: the numerical oracle for the Vulkan backend.
//
// Forward pass of Qwen3 / Qwen2 (llama.cpp's build_qwen3 / build_qwen2 graphs):
//   x = token_embd[token]
//   per layer:  h = rms_norm(x) * attn_norm
//               q, k, v = Wq h (+bq), Wk h (+bk), Wv h (+bv)
//               qwen3: q, k = per-head rms_norm(q) * q_norm, rms_norm(k) * k_norm
//               q, k = rope_neox(q, k, pos); cache[pos] = k, v
//               x += Wo attention(q, cache)
//               h = rms_norm(x) * ffn_norm
//               x += Wdown (silu(Wgate h) * Wup h)
//   logits = Woutput (rms_norm(x) * output_norm)
// Weights stay in the memory map (dequantized a row at a time); only the
// small norm and bias vectors are converted to float once. The KV cache is
// F32, as in the reference outputs.
#include "backend/backend.h"
#include "backend/cpu/kernels.h"
#include "backend/cpu/thread_pool.h"
#include "common/error.h"
#include "quant/dequantize.h"

#include <algorithm>

namespace vela::backend {

namespace {

using cpu::ThreadPool;

std::vector<float> floats(const gguf::TensorInfo* t)
{
    if (!t)
        return {};
    std::vector<float> v(t->nElements);
    quant::dequantize(t->type, t->data, v.data(), v.size());
    return v;
}

// Floats of one layer's K (or V) cache: [position][n_head_kv][head_dim].
size_t cacheElements(const model::Config& c, const model::LayerShape& l, uint32_t nCtx)
{
    return size_t(nCtx) * l.nHeadKv * c.headDim;
}

struct LayerVectors {
    std::vector<float> attnNorm, ffnNorm, qNorm, kNorm, qBias, kBias, vBias;
};

class CpuState final : public RunState {
public:
    CpuState(const model::Config& c, uint32_t nCtx) : capacity_(nCtx)
    {
        for (const model::LayerShape& l : c.layers) {
            k.emplace_back(cacheElements(c, l, nCtx));
            v.emplace_back(cacheElements(c, l, nCtx));
        }
    }
    uint32_t capacity() const override { return capacity_; }

    uint32_t capacity_;
    std::vector<std::vector<float>> k, v; // per layer: [position][n_head_kv][head_dim]
};

class CpuBackend final : public Backend {
public:
    CpuBackend(std::shared_ptr<const model::Model> m, CpuOptions options)
        : model_(std::move(m)), pool_(options.threads), round_(options.roundActivations)
    {
        const model::Weights& w = model_->weights;
        outputNorm_ = floats(w.outputNorm);
        for (const model::LayerWeights& l : w.layers)
            layers_.push_back({floats(l.attnNorm), floats(l.ffnNorm), floats(l.attnQNorm), floats(l.attnKNorm),
                               floats(l.attnQBias), floats(l.attnKBias), floats(l.attnVBias)});
    }

    std::string name() const override { return "cpu (" + std::to_string(pool_.size()) + " threads)"; }
    BackendStats stats() const override
    {
        BackendStats s;
        s.threads = uint32_t(pool_.size());
        return s;
    }
    BackendKind kind() const override { return BackendKind::Cpu; }
    const model::Model& model() const override { return *model_; }

    std::unique_ptr<RunState> createState(uint32_t nCtx) override
    {
        if (nCtx == 0 || nCtx > model_->config.trainedContext)
            throw InvalidInput("context size " + std::to_string(nCtx) + " is outside 1.." +
                               std::to_string(model_->config.trainedContext));
        return std::make_unique<CpuState>(model_->config, nCtx);
    }

    void forward(RunState& state, std::span<const TokenId> tokens, uint32_t pos, LogitsMode mode,
                 std::vector<float>& logits) override;

private:
    std::shared_ptr<const model::Model> model_;
    ThreadPool pool_;
    bool round_;
    std::vector<float> outputNorm_;
    std::vector<LayerVectors> layers_;
};

void CpuBackend::forward(RunState& rs, std::span<const TokenId> tokens, uint32_t pos, LogitsMode mode,
                         std::vector<float>& logits)
{
    auto& st = dynamic_cast<CpuState&>(rs);
    const model::Config& c = model_->config;
    const model::Weights& w = model_->weights;
    const size_t n = tokens.size();
    if (n == 0)
        throw InvalidInput("forward: no tokens");
    if (size_t(pos) + n > st.capacity())
        throw InvalidInput("context full: positions " + std::to_string(pos) + ".." + std::to_string(pos + n - 1) +
                           " exceed the context size " + std::to_string(st.capacity()));
    const size_t E = c.nEmbd, hd = c.headDim;

    std::vector<float> x(n * E), h(n * E);
    for (size_t t = 0; t < n; ++t) {
        if (tokens[t] < 0 || uint32_t(tokens[t]) >= c.nVocab)
            throw InvalidInput("token id " + std::to_string(tokens[t]) + " is outside the vocabulary");
        cpu::embedding(*w.tokenEmbd, uint32_t(tokens[t]), x.data() + t * E);
    }

    std::vector<float> q, k, v, att, proj, gate, up, scores(st.capacity());
    for (uint32_t il = 0; il < c.nLayers; ++il) {
        const model::LayerShape& s = c.layers[il];
        const model::LayerWeights& lw = w.layers[il];
        const LayerVectors& lv = layers_[il];
        const size_t qw = s.nHead * hd, kvw = s.nHeadKv * hd;

        cpu::rmsNorm(x.data(), lv.attnNorm.data(), h.data(), n, E, c.rmsEps);
        q.resize(n * qw);
        k.resize(n * kvw);
        v.resize(n * kvw);
        cpu::matmul(pool_, *lw.attnQ, h.data(), q.data(), n, lv.qBias.empty() ? nullptr : lv.qBias.data(), round_);
        cpu::matmul(pool_, *lw.attnK, h.data(), k.data(), n, lv.kBias.empty() ? nullptr : lv.kBias.data(), round_);
        cpu::matmul(pool_, *lw.attnV, h.data(), v.data(), n, lv.vBias.empty() ? nullptr : lv.vBias.data(), round_);

        att.resize(n * qw);
        for (size_t t = 0; t < n; ++t) {
            const uint32_t p = pos + uint32_t(t);
            float* qt = q.data() + t * qw;
            float* kt = k.data() + t * kvw;
            if (c.hasQkNorm()) {
                cpu::rmsNorm(qt, lv.qNorm.data(), qt, s.nHead, hd, c.rmsEps);
                cpu::rmsNorm(kt, lv.kNorm.data(), kt, s.nHeadKv, hd, c.rmsEps);
            }
            cpu::ropeNeox(qt, s.nHead, hd, p, c.ropeBase);
            cpu::ropeNeox(kt, s.nHeadKv, hd, p, c.ropeBase);
            std::copy(kt, kt + kvw, st.k[il].begin() + ptrdiff_t(size_t(p) * kvw));
            std::copy(v.begin() + ptrdiff_t(t * kvw), v.begin() + ptrdiff_t((t + 1) * kvw),
                      st.v[il].begin() + ptrdiff_t(size_t(p) * kvw));
        }
        // Tokens attend independently once their K/V are cached: split over threads.
        pool_.parallelFor(n, [&](size_t b, size_t e) {
            std::vector<float> sc(st.capacity());
            for (size_t t = b; t < e; ++t)
                cpu::attention(q.data() + t * qw, st.k[il].data(), st.v[il].data(), att.data() + t * qw,
                               pos + uint32_t(t), s.nHead, s.nHeadKv, hd, sc.data());
        });
        proj.resize(n * E);
        cpu::matmul(pool_, *lw.attnOutput, att.data(), proj.data(), n, nullptr, round_);
        for (size_t i = 0; i < n * E; ++i)
            x[i] += proj[i];

        cpu::rmsNorm(x.data(), lv.ffnNorm.data(), h.data(), n, E, c.rmsEps);
        gate.resize(n * s.nFf);
        up.resize(n * s.nFf);
        cpu::matmul(pool_, *lw.ffnGate, h.data(), gate.data(), n, nullptr, round_);
        cpu::matmul(pool_, *lw.ffnUp, h.data(), up.data(), n, nullptr, round_);
        cpu::swiglu(gate.data(), up.data(), gate.data(), n * s.nFf);
        cpu::matmul(pool_, *lw.ffnDown, gate.data(), proj.data(), n, nullptr, round_);
        for (size_t i = 0; i < n * E; ++i)
            x[i] += proj[i];
    }

    if (mode == LogitsMode::None) {
        logits.clear();
        return;
    }
    const size_t first = mode == LogitsMode::All ? 0 : n - 1;
    const size_t rows = n - first;
    cpu::rmsNorm(x.data() + first * E, outputNorm_.data(), h.data(), rows, E, c.rmsEps);
    logits.resize(rows * c.nVocab);
    cpu::matmul(pool_, *w.output, h.data(), logits.data(), rows, nullptr, round_);
}

} // namespace

uint64_t cpuStateBytes(const model::Config& config, uint32_t nCtx)
{
    uint64_t n = 0;
    for (const model::LayerShape& l : config.layers)
        n += 2 * 4 * uint64_t(cacheElements(config, l, nCtx));
    return n;
}

uint64_t cpuScratchBytes(const model::Config& config)
{
    // forward()'s vectors for n = kMaxSubmission: x, h, proj (nEmbd wide),
    // q, att (query width), k, v (KV width), gate, up (FFN width), logits.
    uint64_t qMax = 0, kvMax = 0, ffMax = 0;
    for (const model::LayerShape& l : config.layers) {
        qMax = std::max<uint64_t>(qMax, uint64_t(l.nHead) * config.headDim);
        kvMax = std::max<uint64_t>(kvMax, uint64_t(l.nHeadKv) * config.headDim);
        ffMax = std::max<uint64_t>(ffMax, l.nFf);
    }
    const uint64_t perToken = 3ull * config.nEmbd + 2 * qMax + 2 * kvMax + 2 * ffMax + config.nVocab;
    return 4 * uint64_t(kMaxSubmission) * perToken;
}

std::unique_ptr<Backend> createCpuBackend(std::shared_ptr<const model::Model> model, CpuOptions options)
{
    return std::make_unique<CpuBackend>(std::move(model), options);
}

} // namespace vela::backend
