// The Vulkan backend: the same forward pass as backend/cpu (see its file
// comment), as compute dispatches.
//
// Weights are uploaded once into pooled device memory (weight_upload.h:
// matrices in their GGUF type, split by rows where a tensor exceeds a
// binding's range; norms and biases as F32). A RunState holds the F16 KV
// cache, activation buffers for a chunk of tokens, the "step" buffer (pos0,
// n, token ids) that kernels read, and recorded command buffers: the decode
// step (one token, last logits) is recorded once and resubmitted for every
// token; prefill chunks
// are recorded per chunk size, the least recently used dropped past
// VulkanState::kRecordingsKept (vulkan_state.h). A step is recorded as one
// or more segments by layers, each its own submission, sized from the
// device's measured speed so that none runs past kSubmissionTargetMs
// (submission_plan.h).
#include "backend/vulkan/vulkan_backend.h"

#include "backend/vulkan/kernels.h"
#include "backend/vulkan/vulkan_state.h"
#include "backend/vulkan/weight_upload.h"
#include "common/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <tuple>
#include <optional>

namespace vela::backend::vulkan {

namespace {

class VulkanBackend final : public Backend {
public:
    VulkanBackend(std::shared_ptr<const model::Model> m, const VulkanOptions& options);

    std::string name() const override { return "vulkan (" + context_->info().name + ")"; }
    BackendKind kind() const override { return BackendKind::Vulkan; }
    const model::Model& model() const override { return *model_; }
    std::unique_ptr<RunState> createState(uint32_t nCtx) override;
    void forward(RunState& state, std::span<const TokenId> tokens, uint32_t pos, LogitsMode mode,
                 std::vector<float>& logits) override;
    void forwardTop(RunState& state, std::span<const TokenId> tokens, uint32_t pos, uint32_t k,
                    std::vector<TokenLogit>& top) override;
    uint32_t maxTopK() const override { return kTopKMax; }
    BackendStats stats() const override;
    void enableProfiling() override;

private:
    // Records the layers `range` of a step of n tokens: the embedding first
    // when the range starts at layer 0, the output head (`out`) last when it
    // ends at the last layer.
    void record(VulkanState& st, CommandRecorder& r, uint32_t n, Logits out, uint32_t topK, LayerRange range);
    // The step's recording in `segments` segments (recorded on first use).
    RecordedStep& recorded(VulkanState& st, uint32_t n, Logits want, uint32_t topK, uint32_t segments);
    // Runs the tokens in chunks; the last chunk computes `last` logits
    // (copied into *logits for Last and All).
    void run(VulkanState& st, std::span<const TokenId> tokens, uint32_t pos, Logits last, uint32_t topK,
             std::vector<float>* logits);
    // The activations a product with `w` reads: for the 32-element quant
    // types (Q4_0, Q4_1, Q5_0, Q5_1, Q8_0) `x` rounded to Q8 blocks into
    // st.b.rounded, as the reference runtime's Vulkan backend does before its
    // integer dot products for exactly those types (its K-quant and float
    // products take float activations); else `x` itself.
    BufferSlice productInput(VulkanState& st, CommandRecorder& r, const DeviceMatrix& w, const BufferSlice& x,
                             uint32_t n);
    // The input and fusion of a product with `w` that reads rms_norm(x) *
    // normW: the norm fused into the product, or, for the types whose
    // activations are rounded to Q8, x normed and rounded by rms_norm_q8.
    struct NormedInput {
        BufferSlice x;
        kernels::MatmulFusion fusion;
        bool rounded = false;
    };
    NormedInput normedInput(VulkanState& st, CommandRecorder& r, const DeviceMatrix& w, const BufferSlice& x,
                            const BufferSlice& normW, uint32_t n, const NormedInput* previous = nullptr);

    std::shared_ptr<const model::Model> model_;
    kernels::MatmulLayout matmulLayout_ = kernels::MatmulLayout::Auto;
    bool prefillAttention_ = false; // VulkanOptions::PrefillAttention::Prefill
    std::shared_ptr<Context> context_;
    std::unique_ptr<Pipelines> pipelines_;
    std::unique_ptr<Allocator> weights_;
    DeviceMatrix tokenEmbd_, output_;
    BufferSlice outputNorm_;
    std::vector<LayerBuffers> layers_;
    double loadMs_ = 0.0;
    uint32_t lastDispatches_ = 0, lastSubmissions_ = 0, lastBarriers_ = 0;
    double submissionTargetMs_ = kSubmissionTargetMs;
    SpeedEstimate speed_{kInitialMsPerGflopGpu}; // set per device class in the constructor
    bool profiling_ = false;
    std::string profileUnavailable_;
    bool topKOnHost_ = false; // VulkanOptions::topK
    std::map<std::string, double> kernelMs_; // enableProfiling(): device ms per kernel
    uint64_t stateBytes_ = 0;
};

VulkanBackend::VulkanBackend(std::shared_ptr<const model::Model> m, const VulkanOptions& options)
    : model_(std::move(m))
{
    const auto t0 = std::chrono::steady_clock::now();
    context_ = options.context ? options.context : Context::create(options.device);
    if (options.memoryLimit)
        context_->setMemoryLimit(options.memoryLimit);
    pipelines_ = std::make_unique<Pipelines>(context_);
    weights_ = std::make_unique<Allocator>(*context_, kWeightBlockBytes);
    const model::Weights& w = model_->weights;
    using Layout = kernels::MatmulLayout;
    matmulLayout_ = options.matmul == VulkanOptions::Matmul::SplitK     ? Layout::SplitK
                    : options.matmul == VulkanOptions::Matmul::Subgroup ? Layout::Subgroup
                    : options.matmul == VulkanOptions::Matmul::Tiled    ? Layout::Tiled
                                                                        : Layout::Auto;
    submissionTargetMs_ = options.submissionTargetMs;
    speed_ = SpeedEstimate(context_->info().isCpu() ? kInitialMsPerGflopCpu : kInitialMsPerGflopGpu);
    prefillAttention_ = options.prefillAttention == VulkanOptions::PrefillAttention::Prefill;
    topKOnHost_ = options.topK == VulkanOptions::TopK::Host ||
                  (options.topK == VulkanOptions::TopK::Auto && context_->plan().topKOnHost);
    uint64_t totalBytes = 0;
    for (const gguf::TensorInfo& t : model_->file.tensors())
        totalBytes += t.nBytes;
    WeightUploader upload(*context_, *weights_, totalBytes, options.progress);
    tokenEmbd_ = upload.matrix(*w.tokenEmbd);
    output_ = w.tiedEmbeddings ? tokenEmbd_ : upload.matrix(*w.output);
    outputNorm_ = upload.vector(w.outputNorm);
    for (const model::LayerWeights& l : w.layers)
        layers_.push_back(upload.layer(l));
    loadMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::unique_ptr<RunState> VulkanBackend::createState(uint32_t nCtx)
{
    if (nCtx == 0 || nCtx > model_->config.trainedContext)
        throw InvalidInput("context size " + std::to_string(nCtx) + " is outside 1.." +
                           std::to_string(model_->config.trainedContext));
    auto st = std::make_unique<VulkanState>(*context_, model_->config, nCtx);
    stateBytes_ = st->memory.allocatedBytes(MemoryKind::Device);
    return st;
}

BufferSlice VulkanBackend::productInput(VulkanState& st, CommandRecorder& r, const DeviceMatrix& w,
                                       const BufferSlice& x, uint32_t n)
{
    if (!roundsActivations(w.type))
        return x;
    r.barrier(); // earlier products may still read st.b.rounded
    kernels::roundQ8(r, x, st.b.rounded, n * w.k);
    r.barrier();
    return st.b.rounded;
}

VulkanBackend::NormedInput VulkanBackend::normedInput(VulkanState& st, CommandRecorder& r, const DeviceMatrix& w,
                                                      const BufferSlice& x, const BufferSlice& normW, uint32_t n,
                                                      const NormedInput* previous)
{
    const bool round = roundsActivations(w.type);
    if (previous && previous->rounded == round)
        return *previous; // q/k/v and gate/up usually share a type: one input for all
    const float eps = model_->config.rmsEps;
    // Folded into the products where the plan says so (KernelPlan::foldNorms);
    // the Q8-rounded types always take rms_norm_q8's normed, rounded copy.
    // The scale is computed once per token by rms_scale rather than by every
    // workgroup of the products (which would each re-read x).
    if (!round && context_->plan().foldNorms) {
        kernels::rmsScale(r, x, st.b.normScale, w.k, eps, n);
        r.barrier();
        return {x,
                {.norm = &normW, .eps = eps, .glu = false, .layout = kernels::MatmulLayout::Auto,
                 .normScale = &st.b.normScale},
                false};
    }
    kernels::rmsNorm(r, x, normW, st.b.rounded, w.k, eps, n, round);
    r.barrier();
    return {st.b.rounded, {}, round};
}

// One step's dispatches. Per layer, for a model whose products take float
// activations (F16, K-quants): q, k, v (each with the attention norm fused;
// one product q|k|v when decoding with LayerBuffers::qkv),
// qk_norm_rope, attention (+ attention_merge when split), o (accumulating
// into the residual), gate·up·SiLU (norm fused), down (accumulating).
void VulkanBackend::record(VulkanState& st, CommandRecorder& r, uint32_t n, Logits out, uint32_t topK,
                           LayerRange range)
{
    const model::Config& c = model_->config;
    const uint32_t E = c.nEmbd, hd = c.headDim;
    // Every product in the layout the options ask for (Auto: per device class).
    auto matmul = [&](const DeviceMatrix& w, const BufferSlice& x, const BufferSlice& y, const BufferSlice* bias,
                      uint32_t nTokens, bool accumulate, kernels::MatmulFusion fusion = {}) {
        if (fusion.layout == kernels::MatmulLayout::Auto)
            fusion.layout = matmulLayout_;
        // productInput() and normedInput() always round these types' x.
        fusion.q8Input = roundsActivations(w.type);
        kernels::matmul(r, w, x, y, bias, nTokens, accumulate, fusion);
    };
    r.begin();
    // Every segment opens with a barrier: after the previous segment's or
    // step's dispatches (the KV cache, the activations they wrote). A
    // barrier's first scope covers the commands of earlier submissions to
    // the queue too (Vulkan spec, "Execution and Memory Dependencies",
    // submission order). A barrier right after another records nothing.
    r.barrier();
    if (range.begin == 0)
        kernels::embedding(r, tokenEmbd_, st.b.step, st.b.x, n);
    r.barrier();
    for (uint32_t il = range.begin; il < range.end; ++il) {
        const LayerBuffers& L = layers_[il];
        const model::LayerShape& s = c.layers[il];
        // q, k and v of the step: with one token and a fused q|k|v matrix,
        // one product writes the row q|k|v at st.b.qkv's start and q, k, v
        // are its consecutive slices (bindable: WeightUploader::adjacent checked that
        // each starts at a multiple of the alignment).
        BufferSlice q = st.b.q, k = st.b.k, v = st.b.v;
        NormedInput in;
        if (n == 1 && L.qkv) {
            const VkDeviceSize qBytes = 4ull * L.q.rows, kvBytes = 4ull * L.k.rows;
            q = subslice(st.b.qkv, 0, qBytes);
            k = subslice(st.b.qkv, qBytes, kvBytes);
            v = subslice(st.b.qkv, qBytes + kvBytes, 4ull * L.v.rows);
            in = normedInput(st, r, *L.qkv, st.b.x, L.attnNorm, n);
            matmul(*L.qkv, in.x, st.b.qkv, L.hasBias ? &L.qkvBias : nullptr, n, false, in.fusion);
        } else {
            in = normedInput(st, r, L.q, st.b.x, L.attnNorm, n);
            matmul(L.q, in.x, q, L.hasBias ? &L.qBias : nullptr, n, false, in.fusion);
            in = normedInput(st, r, L.k, st.b.x, L.attnNorm, n, &in);
            matmul(L.k, in.x, k, L.hasBias ? &L.kBias : nullptr, n, false, in.fusion);
            in = normedInput(st, r, L.v, st.b.x, L.attnNorm, n, &in);
            matmul(L.v, in.x, v, L.hasBias ? &L.vBias : nullptr, n, false, in.fusion);
        }
        r.barrier();
        QkNormRopeParams qp{s.nHead, s.nHeadKv, hd, L.hasNorm ? 1u : 0u, c.rmsEps, c.ropeBase};
        kernels::qkNormRope(r, q, k, v, L.hasNorm ? &L.qNorm : nullptr, L.hasNorm ? &L.kNorm : nullptr,
                            st.b.kCache[il], st.b.vCache[il], st.b.step, qp, n);
        r.barrier();
        const uint32_t splits = n == 1 ? context_->plan().decodeSplitsFor(st.capacity()) : 1;
        AttentionParams ap{s.nHead, s.nHeadKv, hd, splits, 1.0f / std::sqrt(float(hd))};
        kernels::attention(r, q, st.b.kCache[il], st.b.vCache[il], st.b.att, st.b.partial, st.b.step, ap, n,
                           n > 1 && prefillAttention_ ? kernels::AttentionLayout::Prefill
                                                      : kernels::AttentionLayout::Auto);
        r.barrier();
        matmul(L.o, productInput(st, r, L.o, st.b.att, n), st.b.x, nullptr, n, true);
        r.barrier();
        if (L.gateUp) {
            in = normedInput(st, r, *L.gateUp, st.b.x, L.ffnNorm, n);
            kernels::MatmulFusion glu = in.fusion;
            glu.glu = true;
            matmul(*L.gateUp, in.x, st.b.gate, nullptr, n, false, glu);
        } else {
            in = normedInput(st, r, L.gate, st.b.x, L.ffnNorm, n);
            matmul(L.gate, in.x, st.b.gate, nullptr, n, false, in.fusion);
            in = normedInput(st, r, L.up, st.b.x, L.ffnNorm, n, &in);
            matmul(L.up, in.x, st.b.up, nullptr, n, false, in.fusion);
            r.barrier();
            kernels::swiglu(r, st.b.gate, st.b.up, st.b.gate, n * s.nFf);
        }
        r.barrier();
        matmul(L.down, productInput(st, r, L.down, st.b.gate, n), st.b.x, nullptr, n, true);
        r.barrier();
    }
    if (out != Logits::None && range.end == c.nLayers) {
        // Logits of every token, or of the last only: then its row is bound
        // where it is when that offset is bindable, else copied out first
        // (copies have no offset alignment rule, unlike bindings).
        BufferSlice rows = st.b.x;
        uint32_t nRows = n;
        const VkDeviceSize lastRow = VkDeviceSize(n - 1) * E * 4;
        if (out != Logits::All && lastRow % st.memory.alignment() == 0) {
            rows = subslice(st.b.x, lastRow, VkDeviceSize(E) * 4); // bindable there (always for decode: n = 1)
            nRows = 1;
        } else if (out != Logits::All) {
            r.copy(st.b.x, lastRow, st.b.last, 0, VkDeviceSize(E) * 4);
            rows = st.b.last;
            nRows = 1;
        }
        const NormedInput in = normedInput(st, r, output_, rows, outputNorm_, nRows);
        const BufferSlice& dst = out == Logits::Top ? st.b.deviceLogits : st.b.logits;
        matmul(output_, in.x, dst, nullptr, nRows, false, in.fusion);
        if (out == Logits::Top) {
            r.barrier();
            kernels::topK(r, st.b.deviceLogits, st.b.topScratch, st.b.topResult, c.nVocab, topK);
        }
        r.hostReadBarrier(); // the host reads st.b.logits or st.b.topResult
    }
    // No closing barrier: the next segment or step opens with one, and the
    // host's reads have hostReadBarrier() above.
    r.end();
}

RecordedStep& VulkanBackend::recorded(VulkanState& st, uint32_t n, Logits want, uint32_t topK, uint32_t segments)
{
    const VulkanState::RecordingKey key{n, int(want), want == Logits::Top ? topK : 0u, segments};
    if (RecordedStep* found = st.recorded.find(key))
        return *found;
    RecordedStep step;
    for (const LayerRange& range : splitLayers(model_->config.nLayers, segments)) {
        auto made = std::make_unique<CommandRecorder>(*pipelines_);
        if (profiling_)
            made->setProfiling(&kernelMs_);
        record(st, *made, n, want, topK, range);
        step.dispatches += made->dispatches();
        step.barriers += made->barriers();
        step.segments.push_back(std::move(made));
    }
    return st.recorded.insert(key, std::move(step));
}

void VulkanBackend::enableProfiling()
{
    if (context_->timestampValidBits() == 0) {
        profileUnavailable_ = "the compute queue of '" + context_->info().name +
                              "' has no timestamps (timestampValidBits is 0): no kernel profile";
        return;
    }
    profiling_ = true;
}

void VulkanBackend::forward(RunState& rs, std::span<const TokenId> tokens, uint32_t pos, LogitsMode mode,
                            std::vector<float>& logits)
{
    const Logits want = mode == LogitsMode::All ? Logits::All : mode == LogitsMode::None ? Logits::None : Logits::Last;
    run(dynamic_cast<VulkanState&>(rs), tokens, pos, want, 0, &logits);
}

void VulkanBackend::forwardTop(RunState& rs, std::span<const TokenId> tokens, uint32_t pos, uint32_t k,
                               std::vector<TokenLogit>& top)
{
    if (k == 0 || k > kTopKMax)
        throw InvalidInput("forwardTop: k = " + std::to_string(k) + " is outside 1.." + std::to_string(kTopKMax));
    // k rounded up to a multiple of 16 (at most 8 recordings as the number
    // of penalized tokens varies); the extra entries are dropped. Greedy
    // (k = 1) keeps its own recording: top_k's one round is then a single
    // pass over the logits (an argmax per workgroup) and a one-workgroup
    // reduce of their winners, and one pair is read back.
    if (topKOnHost_) {
        Backend::forwardTop(rs, tokens, pos, k, top); // full logits, selected on the host
        return;
    }
    const uint32_t recordedK = k == 1 ? 1u : std::min(kTopKMax, (k + 15) / 16 * 16);
    auto& st = dynamic_cast<VulkanState&>(rs);
    run(st, tokens, pos, Logits::Top, recordedK, nullptr);
    const auto* words = static_cast<const uint32_t*>(st.b.topResult.mapped);
    top.clear();
    for (uint32_t j = 0; j < k && words[2 * j] != 0xFFFFFFFFu; ++j) {
        float v;
        std::memcpy(&v, &words[2 * j + 1], 4);
        top.push_back({TokenId(words[2 * j]), v});
    }
}

void VulkanBackend::run(VulkanState& st, std::span<const TokenId> tokens, uint32_t pos, Logits lastMode,
                        uint32_t topK, std::vector<float>* logits)
{
    const model::Config& c = model_->config;
    if (tokens.empty())
        throw InvalidInput("forward: no tokens");
    if (size_t(pos) + tokens.size() > st.capacity())
        throw InvalidInput("context full: positions " + std::to_string(pos) + ".." +
                           std::to_string(pos + tokens.size() - 1) + " exceed the context size " +
                           std::to_string(st.capacity()));
    for (TokenId t : tokens)
        if (t < 0 || uint32_t(t) >= c.nVocab)
            throw InvalidInput("token id " + std::to_string(t) + " is outside the vocabulary");
    const bool all = lastMode == Logits::All;
    const uint32_t chunk = all ? st.b.logitsRows : kMaxSubmission;
    if (logits)
        logits->clear();
    for (size_t done = 0; done < tokens.size();) {
        const uint32_t n = uint32_t(std::min<size_t>(chunk, tokens.size() - done));
        const bool last = done + n == tokens.size();
        const Logits want = all ? Logits::All : last ? lastMode : Logits::None;
        auto* stepWords = static_cast<uint32_t*>(st.b.step.mapped);
        stepWords[0] = pos + uint32_t(done);
        stepWords[1] = n;
        for (uint32_t i = 0; i < n; ++i)
            stepWords[2 + i] = uint32_t(tokens[done + i]);
        const uint32_t logitRows = want == Logits::All ? n : want == Logits::None ? 0 : 1;
        const StepWork work = stepWork(c, n, pos + uint32_t(done), logitRows);
        const uint32_t segments = planSegments(work, speed_.msPerGflop(n), submissionTargetMs_);
        RecordedStep& step = recorded(st, n, want, topK, segments);
        // Timed on the host around each wait: the submission's device time
        // plus its small fixed cost, which only errs towards more segments.
        double ms = 0.0;
        for (const auto& segment : step.segments) {
            const auto t0 = std::chrono::steady_clock::now();
            segment->submitAndWait();
            ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        }
        speed_.record(n, work.total(), ms);
        lastDispatches_ = step.dispatches;
        lastSubmissions_ = uint32_t(step.segments.size());
        lastBarriers_ = step.barriers;
        const auto* out = static_cast<const float*>(st.b.logits.mapped);
        if (logits && want == Logits::All)
            logits->insert(logits->end(), out, out + size_t(n) * c.nVocab);
        else if (logits && want == Logits::Last)
            logits->assign(out, out + c.nVocab);
        done += n;
    }
}

BackendStats VulkanBackend::stats() const
{
    BackendStats s;
    s.device = context_->info().name;
    s.loadMs = loadMs_;
    s.weightBytes = weights_->allocatedBytes(MemoryKind::Device);
    s.deviceBytes = s.weightBytes + stateBytes_;
    s.dispatchesPerStep = lastDispatches_;
    s.submissionsPerStep = lastSubmissions_;
    s.profileUnavailable = profileUnavailable_;
    s.barriersPerStep = lastBarriers_;
    s.kernelMs = kernelMs_;
    s.validationErrors = context_->validationErrors();
    const Pipelines::Stats ps = pipelines_->stats();
    s.pipelinesCreated = ps.created;
    s.pipelineCacheHits = ps.cacheHits;
    return s;
}

} // namespace

uint64_t deviceTensorBytes(const gguf::TensorInfo& t)
{
    return t.nDims <= 1 ? t.nElements * 4 : t.nBytes; // WeightUploader::vector / matrix
}

std::unique_ptr<Backend> createVulkanBackend(std::shared_ptr<const model::Model> model, const VulkanOptions& options)
{
    return std::make_unique<VulkanBackend>(std::move(model), options);
}

} // namespace vela::backend::vulkan
