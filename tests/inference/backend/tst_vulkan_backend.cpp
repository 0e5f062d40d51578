// The Vulkan backend as a whole against the CPU reference on models written
// by the test: teacher-forced logits, prefill + decode, rewinding, a long
// context (4096 positions), and the backend's bookkeeping.
#include "backend/backend.h"
#include "backend/vulkan/context.h"
#include "backend/vulkan/vulkan_backend.h"
#include "common/error.h"
#include "kernel_test_rig.h"
#include "model/model.h"
#include "model_writer.h"
#include "runtime/session.h"
#include "tokenizer/tokenizer.h"

#include <QtTest/QtTest>

#include <chrono>
#include <cmath>
#include <random>

using namespace vela;

namespace {

std::shared_ptr<const model::Model> makeModel(const test::ModelSpec& spec, uint32_t context = 512)
{
    gguf::Writer w = test::buildModel(spec);
    w.setUInt32(spec.arch + ".context_length", context);
    return test::openModel(w);
}

// Largest |got - want| relative to the largest |want| over rows of logits.
using backend::vulkan::test::maxRelError;

std::vector<backend::TokenId> randomTokens(size_t n, uint32_t vocab, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> d(0, int(vocab) - 1);
    std::vector<backend::TokenId> t(n);
    for (auto& x : t)
        x = d(rng);
    return t;
}

} // namespace

class TestVulkanBackend : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void matchesCpuReference_data();
    void matchesCpuReference();
    void prefillThenDecodeAndRewind();
    void longContext();
    void bestLogitsOnTheDevice();
    void outOfDeviceMemoryNamesWhatDidNotFit();
    void deviceLossEndsTheBackendAndANewDeviceRecovers();
    void secondStartCompilesNoPipeline();
    void injectedFaults();
    void stepsSplitIntoSubmissionsGiveTheSameLogits();
    void submissionPastTheFenceTimeoutLosesTheDevice();
    void statsAndErrors();

private:
    void checkBestLogits(backend::vulkan::VulkanOptions::TopK where);
    std::shared_ptr<backend::vulkan::Context> context_;
};

void TestVulkanBackend::initTestCase()
{
    if (backend::vulkan::listDevices().empty())
        QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
    context_ = backend::vulkan::Context::create();
}

void TestVulkanBackend::matchesCpuReference_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("kvHeads");
    QTest::newRow("qwen3 f32") << "qwen3" << int(gguf::TensorType::F32) << 2;
    QTest::newRow("qwen3 q8_0 gqa4") << "qwen3" << int(gguf::TensorType::Q8_0) << 1;
    QTest::newRow("qwen3 q4_k mha") << "qwen3" << int(gguf::TensorType::Q4_K) << 4;
    QTest::newRow("qwen2 q4_0 biases") << "qwen2" << int(gguf::TensorType::Q4_0) << 2;
}

void TestVulkanBackend::matchesCpuReference()
{
    QFETCH(QString, arch);
    QFETCH(int, type);
    QFETCH(int, kvHeads);
    test::ModelSpec spec;
    spec.arch = arch.toStdString();
    spec.nEmbd = 256;
    spec.headDim = 64;
    spec.nFf = {512};
    spec.nHeadKv = {uint32_t(kvHeads)};
    spec.matrixType = gguf::TensorType(type);
    auto m = makeModel(spec);
    auto cpu = backend::createCpuBackend(m, {.threads = 2, .roundActivations = false});
    auto gpu = backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = context_});
    const auto tokens = randomTokens(40, m->config.nVocab, 1);
    std::vector<float> a, b;
    auto sa = cpu->createState(64), sb = gpu->createState(64);
    cpu->forward(*sa, tokens, 0, backend::LogitsMode::All, a);
    gpu->forward(*sb, tokens, 0, backend::LogitsMode::All, b);
    QCOMPARE(b.size(), a.size());
    // F16 KV cache and float reassociation: small relative differences only.
    const float d = maxRelError(b, a);
    QVERIFY2(d < 5e-3f, qPrintable(QStringLiteral("relative difference %1").arg(d)));
    QCOMPARE(context_->validationErrors(), 0u);
}

void TestVulkanBackend::prefillThenDecodeAndRewind()
{
    test::ModelSpec spec;
    spec.matrixType = gguf::TensorType::Q8_0;
    auto m = makeModel(spec);
    auto gpu = backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = context_});
    const size_t V = m->config.nVocab;
    const auto tokens = randomTokens(20, m->config.nVocab, 2);
    auto all = gpu->createState(32);
    std::vector<float> forced, step;
    gpu->forward(*all, tokens, 0, backend::LogitsMode::All, forced);
    auto inc = gpu->createState(32);
    // The first 6 only fill the cache (a prefill's chunk before its last).
    step.assign(3, 1.0f);
    gpu->forward(*inc, std::span(tokens).first(6), 0, backend::LogitsMode::None, step);
    QVERIFY(step.empty());
    for (size_t t = 6; t < tokens.size(); ++t) {
        gpu->forward(*inc, std::span(tokens).subspan(t, 1), uint32_t(t), backend::LogitsMode::Last, step);
        const std::vector<float> want(forced.begin() + ptrdiff_t(t * V), forced.begin() + ptrdiff_t((t + 1) * V));
        QVERIFY2(maxRelError(step, want) < 1e-4f, qPrintable(QStringLiteral("position %1").arg(t)));
    }
    // Rewind to position 10 and replay the same tokens: same logits.
    gpu->forward(*inc, std::span(tokens).subspan(10), 10, backend::LogitsMode::Last, step);
    const std::vector<float> want(forced.end() - ptrdiff_t(V), forced.end());
    QVERIFY(maxRelError(step, want) < 1e-4f);

    // Decode with the subgroup layout of the products gives the logits of
    // split-k (a K-quant model: the Q8 types round their activations, where
    // another summation order may move a value across a rounding step).
    spec.matrixType = gguf::TensorType::Q4_K;
    auto mk = makeModel(spec);
    auto splitK = backend::vulkan::createVulkanBackend(mk, {.device = std::nullopt, .context = context_});
    auto sub = backend::vulkan::createVulkanBackend(
        mk, {.device = std::nullopt, .context = context_, .progress = {}, .memoryLimit = 0, .topK = {},
             .matmul = backend::vulkan::VulkanOptions::Matmul::Subgroup});
    auto sa = splitK->createState(32), sb = sub->createState(32);
    std::vector<float> a, b;
    splitK->forward(*sa, std::span(tokens).first(6), 0, backend::LogitsMode::None, a);
    sub->forward(*sb, std::span(tokens).first(6), 0, backend::LogitsMode::None, b);
    for (size_t t = 6; t < tokens.size(); ++t) {
        splitK->forward(*sa, std::span(tokens).subspan(t, 1), uint32_t(t), backend::LogitsMode::Last, a);
        sub->forward(*sb, std::span(tokens).subspan(t, 1), uint32_t(t), backend::LogitsMode::Last, b);
        QVERIFY2(maxRelError(b, a) < 1e-4f,
                 qPrintable(QStringLiteral("subgroup, position %1: %2").arg(t).arg(maxRelError(b, a))));
    }
}

void TestVulkanBackend::longContext()
{
    test::ModelSpec spec;
    spec.nLayers = 1;
    spec.nEmbd = 64;
    spec.headDim = 32;
    spec.matrixType = gguf::TensorType::Q8_0;
    auto m = makeModel(spec, 4096);
    auto cpu = backend::createCpuBackend(m, {.threads = 2, .roundActivations = false});
    auto gpu = backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = context_});
    const auto tokens = randomTokens(4095, m->config.nVocab, 3);
    auto sa = cpu->createState(4096), sb = gpu->createState(4096);
    std::vector<float> a, b;
    cpu->forward(*sa, tokens, 0, backend::LogitsMode::Last, a);
    gpu->forward(*sb, tokens, 0, backend::LogitsMode::Last, b);
    QVERIFY2(maxRelError(b, a) < 5e-3f, qPrintable(QString::number(maxRelError(b, a))));
    // The last position of the context, decoded one token at a time.
    const backend::TokenId last = 42;
    cpu->forward(*sa, {&last, 1}, 4095, backend::LogitsMode::Last, a);
    gpu->forward(*sb, {&last, 1}, 4095, backend::LogitsMode::Last, b);
    QVERIFY2(maxRelError(b, a) < 5e-3f, qPrintable(QString::number(maxRelError(b, a))));
}

// forwardTop selects on the device exactly the host selection of the same
// step's full logits, for greedy (k = 1), the presets' k and odd k; and so
// does the host selection that CPU devices use by default.
void TestVulkanBackend::bestLogitsOnTheDevice()
{
    for (auto where : {backend::vulkan::VulkanOptions::TopK::Device, backend::vulkan::VulkanOptions::TopK::Host})
        checkBestLogits(where);
}

void TestVulkanBackend::checkBestLogits(backend::vulkan::VulkanOptions::TopK where)
{
    test::ModelSpec spec;
    spec.matrixType = gguf::TensorType::Q4_K;
    auto m = makeModel(spec);
    auto gpu = backend::vulkan::createVulkanBackend(
        m, {.device = std::nullopt, .context = context_, .progress = {}, .memoryLimit = 0, .topK = where});
    const auto tokens = randomTokens(12, m->config.nVocab, 5);
    auto st = gpu->createState(32);
    std::vector<float> logits;
    std::vector<TokenLogit> best, want;
    const uint32_t last = uint32_t(tokens.size() - 1);
    gpu->forward(*st, std::span(tokens).first(last), 0, backend::LogitsMode::Last, logits);
    for (uint32_t k : {1u, 20u, 37u, 128u}) {
        // The same decode step twice (rewinding to `last`): full logits, then the device's selection.
        gpu->forward(*st, std::span(tokens).last(1), last, backend::LogitsMode::Last, logits);
        backend::selectTop(logits, k, want);
        gpu->forwardTop(*st, std::span(tokens).last(1), uint32_t(tokens.size() - 1), k, best);
        QCOMPARE(best.size(), size_t(k));
        for (size_t j = 0; j < k; ++j) {
            QCOMPARE(best[j].id, want[j].id);
            QCOMPARE(best[j].logit, want[j].logit);
        }
    }
    QVERIFY_THROWS_EXCEPTION(InvalidInput, gpu->forwardTop(*st, std::span(tokens).first(1), 0, 0, best));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, gpu->forwardTop(*st, std::span(tokens).first(1), 0, 129, best));
}

// A GPU too small for the model (here: a memory limit, as a user setting
// would impose) fails the load with a message that names the tensor that
// did not fit and the sizes, never a crash; a later load with room works
// on the same device.
void TestVulkanBackend::outOfDeviceMemoryNamesWhatDidNotFit()
{
    test::ModelSpec spec;
    spec.matrixType = gguf::TensorType::F32;
    auto m = makeModel(spec);
    auto context = backend::vulkan::Context::create();
    try {
        backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = context, .progress = {},
                                                 .memoryLimit = 1});
        QFAIL("loading past the memory limit succeeded");
    } catch (const OutOfDeviceMemory& e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.contains("not enough GPU memory for tensor"), qPrintable(msg));
        QVERIFY2(msg.contains("MiB"), qPrintable(msg));
    }
    context->setMemoryLimit(0);
    auto gpu = backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = context});
    auto st = gpu->createState(16);
    std::vector<float> logits;
    const backend::TokenId t = 3;
    gpu->forward(*st, {&t, 1}, 0, backend::LogitsMode::Last, logits);
    QCOMPARE(logits.size(), size_t(m->config.nVocab));
}

// VK_ERROR_DEVICE_LOST (simulated: lavapipe cannot lose its device) ends
// the running generation with vela::DeviceLost, every later step fails the
// same way, destroying the dead backend is safe, and a backend on a new
// device picks up where the conversation was.
void TestVulkanBackend::deviceLossEndsTheBackendAndANewDeviceRecovers()
{
    auto m = makeModel({});
    auto tok = tokenizer::Tokenizer::fromGguf(m->file);
    auto context = backend::vulkan::Context::create();
    auto gpu = backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = context});
    const auto prompt = randomTokens(8, m->config.nVocab, 6);
    std::vector<TokenId> before;
    {
        runtime::Session s(*gpu, tok, 64);
        s.prefill(prompt);
        runtime::GenerateOptions opts;
        opts.sampling = sampling::SamplingParams::greedy();
        opts.maxTokens = 4;
        opts.onToken = [&](TokenId t) {
            if (before.size() == 1)
                context->simulateDeviceLoss();
            before.push_back(t);
            return true;
        };
        QVERIFY_THROWS_EXCEPTION(DeviceLost, s.generate(opts));
        QVERIFY(context->lost());
        QVERIFY_THROWS_EXCEPTION(DeviceLost, s.prefill(prompt));
    }
    gpu.reset();
    context.reset();

    auto fresh = backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = nullptr});
    runtime::Session s(*fresh, tok, 64);
    s.prefill(prompt);
    runtime::GenerateOptions opts;
    opts.sampling = sampling::SamplingParams::greedy();
    opts.maxTokens = 2;
    const auto r = s.generate(opts);
    QCOMPARE(r.tokens.size(), size_t(2));
    QCOMPARE(r.tokens.front(), before.front()); // the same greedy continuation
}

// The pipeline cache in $XDG_CACHE_HOME/vela: the first start compiles every
// pipeline it uses and saves them; a second start takes every one from the
// cache (VK_EXT_pipeline_creation_feedback reports the hits).
void TestVulkanBackend::secondStartCompilesNoPipeline()
{
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    const QByteArray previous = qgetenv("XDG_CACHE_HOME");
    qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
    auto m = makeModel({});
    auto start = [&] {
        auto gpu = backend::vulkan::createVulkanBackend(m, {});
        auto st = gpu->createState(16);
        const auto tokens = randomTokens(3, m->config.nVocab, 7);
        std::vector<TokenLogit> best;
        gpu->forwardTop(*st, tokens, 0, 20, best);
        return gpu->stats();
    };
    const backend::BackendStats first = start();
    const backend::BackendStats second = start();
    if (previous.isNull())
        qunsetenv("XDG_CACHE_HOME");
    else
        qputenv("XDG_CACHE_HOME", previous);
    const QStringList files = QDir(cache.path() + "/vela").entryList({"pipelines-*.bin"}, QDir::Files);
    QCOMPARE(files.size(), 1);
    QVERIFY(first.pipelinesCreated > 5);
    QCOMPARE(second.pipelinesCreated, first.pipelinesCreated);
    // The file starts with the 32-byte header of VkPipelineCacheHeaderVersionOne;
    // a driver that keeps no binaries (Mesa 22's lavapipe) writes only that.
    const qint64 bytes = QFileInfo(cache.path() + "/vela/" + files.front()).size();
    QVERIFY(bytes >= 32);
    if (!context_->creationFeedback() || bytes == 32)
        QSKIP("the driver keeps no pipeline binaries or reports no cache hits; the cache file was written and read");
    QCOMPARE(first.pipelineCacheHits, 0u);
    QCOMPARE(second.pipelineCacheHits, second.pipelinesCreated);
}

// The fault-injection switch (VELA_FAULT_INJECTION, test builds): an
// allocation that fails while loading, a device lost at a chosen submission;
// each is the error the app handles, and a context made without the switch
// works again.
void TestVulkanBackend::injectedFaults()
{
#ifndef VELA_FAULT_INJECTION
    QSKIP("built without VELA_FAULT_INJECTION");
#else
    auto m = makeModel({});
    qputenv("VELA_FAULT_INJECTION", "alloc=1");
    try {
        backend::vulkan::createVulkanBackend(m, {});
        QFAIL("the injected allocation failure did not surface");
    } catch (const OutOfDeviceMemory& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("fault injected"), e.what());
    }
    qputenv("VELA_FAULT_INJECTION", "lost=40");
    {
        auto gpu = backend::vulkan::createVulkanBackend(m, {});
        auto st = gpu->createState(64);
        std::vector<TokenLogit> best;
        int steps = 0;
        try {
            for (; steps < 64; ++steps) {
                const TokenId t = steps % 7;
                gpu->forwardTop(*st, {&t, 1}, uint32_t(steps), 1, best);
            }
            QFAIL("the injected device loss did not surface");
        } catch (const DeviceLost&) {
        }
        QVERIFY(steps < 40);
        const TokenId t = 1;
        QVERIFY_THROWS_EXCEPTION(DeviceLost, gpu->forwardTop(*st, {&t, 1}, 0, 1, best)); // stays lost
    }
    qunsetenv("VELA_FAULT_INJECTION");
    auto gpu = backend::vulkan::createVulkanBackend(m, {});
    auto st = gpu->createState(8);
    std::vector<TokenLogit> best;
    const TokenId t = 1;
    gpu->forwardTop(*st, {&t, 1}, 0, 1, best);
    QCOMPARE(best.size(), size_t(1));
#endif
}

// A step split by layers into one submission per layer (a tiny submission
// target, as a slow GPU's measured speed would ask for) computes exactly
// what one submission per step does: every later segment sees the earlier
// ones' writes, and the last one's logits reach the host. With the default
// target a small model's decode step stays one submission.
void TestVulkanBackend::stepsSplitIntoSubmissionsGiveTheSameLogits()
{
    test::ModelSpec spec;
    spec.nLayers = 4;
    spec.matrixType = gguf::TensorType::Q4_K;
    auto m = makeModel(spec);
    auto options = [&](double targetMs) {
        backend::vulkan::VulkanOptions o{.device = std::nullopt, .context = context_};
        o.submissionTargetMs = targetMs;
        return o;
    };
    auto whole = backend::vulkan::createVulkanBackend(m, options(1e12));
    auto split = backend::vulkan::createVulkanBackend(m, options(0.0));
    const auto tokens = randomTokens(150, m->config.nVocab, 8); // two chunks: 128 + 22
    auto sa = whole->createState(160), sb = split->createState(160);
    std::vector<float> a, b;
    whole->forward(*sa, tokens, 0, backend::LogitsMode::All, a);
    split->forward(*sb, tokens, 0, backend::LogitsMode::All, b);
    QCOMPARE(b.size(), a.size());
    QCOMPARE(maxRelError(b, a), 0.0f);
    QCOMPARE(whole->stats().submissionsPerStep, 1u);
    QCOMPARE(split->stats().submissionsPerStep, spec.nLayers);
    QCOMPARE(split->stats().dispatchesPerStep, whole->stats().dispatchesPerStep); // summed over segments
    // A prefill that only fills the cache, then decoding: the same logits
    // and the same best tokens.
    whole->forward(*sa, std::span(tokens).first(100), 0, backend::LogitsMode::None, a);
    split->forward(*sb, std::span(tokens).first(100), 0, backend::LogitsMode::None, b);
    std::vector<TokenLogit> bestA, bestB;
    for (uint32_t t = 100; t < 104; ++t) {
        whole->forward(*sa, std::span(tokens).subspan(t, 1), t, backend::LogitsMode::Last, a);
        split->forward(*sb, std::span(tokens).subspan(t, 1), t, backend::LogitsMode::Last, b);
        QCOMPARE(maxRelError(b, a), 0.0f);
        whole->forwardTop(*sa, std::span(tokens).subspan(t, 1), t, 5, bestA);
        split->forwardTop(*sb, std::span(tokens).subspan(t, 1), t, 5, bestB);
        QCOMPARE(bestB.size(), bestA.size());
        for (size_t j = 0; j < bestA.size(); ++j)
            QCOMPARE(bestB[j].id, bestA[j].id);
    }
    QCOMPARE(split->stats().submissionsPerStep, spec.nLayers);
    auto plain = backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = context_});
    auto sc = plain->createState(16);
    plain->forward(*sc, std::span(tokens).first(1), 0, backend::LogitsMode::Last, a);
    QCOMPARE(plain->stats().submissionsPerStep, 1u);
    QCOMPARE(context_->validationErrors(), 0u);
}

// A submission that does not finish within the fence timeout (here made
// shorter than a real 128-token prefill takes on any device) ends the step
// with vela::DeviceLost saying so, the context stays lost, tearing it down
// waits for the queue, and a new context and backend work as before.
void TestVulkanBackend::submissionPastTheFenceTimeoutLosesTheDevice()
{
    test::ModelSpec spec;
    spec.nEmbd = 256;
    spec.headDim = 64;
    spec.nFf = {768};
    spec.matrixType = gguf::TensorType::Q8_0;
    auto m = makeModel(spec);
    const auto tokens = randomTokens(128, m->config.nVocab, 9);
    auto context = backend::vulkan::Context::create();
    QCOMPARE(context->fenceTimeout(), std::chrono::nanoseconds(context->info().isCpu()
                                                                   ? backend::vulkan::Context::kFenceTimeoutCpu
                                                                   : backend::vulkan::Context::kFenceTimeoutGpu));
    std::vector<float> before, logits;
    {
        auto gpu = backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = context});
        auto st = gpu->createState(128);
        gpu->forward(*st, tokens, 0, backend::LogitsMode::Last, before);
        context->setFenceTimeout(std::chrono::nanoseconds(0));
        try {
            gpu->forward(*st, tokens, 0, backend::LogitsMode::Last, logits);
            QFAIL("a submission past the fence timeout succeeded");
        } catch (const DeviceLost& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains("did not finish its work within 0 s"), qPrintable(msg));
            QVERIFY2(msg.contains(QString::fromStdString(context->info().name)), qPrintable(msg));
        }
        QVERIFY(context->lost());
        QVERIFY_THROWS_EXCEPTION(DeviceLost, gpu->forward(*st, tokens, 0, backend::LogitsMode::Last, logits));
    }
    QCOMPARE(context->validationErrors(), 0u); // nothing freed while the queue still ran it
    context.reset();
    auto fresh = backend::vulkan::createVulkanBackend(m, {});
    auto st = fresh->createState(128);
    fresh->forward(*st, tokens, 0, backend::LogitsMode::Last, logits);
    QCOMPARE(maxRelError(logits, before), 0.0f);
}

void TestVulkanBackend::statsAndErrors()
{
    auto m = makeModel({});
    auto gpu = backend::vulkan::createVulkanBackend(m, {.device = std::nullopt, .context = context_});
    QVERIFY_THROWS_EXCEPTION(InvalidInput, gpu->createState(0));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, gpu->createState(100000));
    auto st = gpu->createState(8);
    std::vector<float> logits;
    const auto tokens = randomTokens(9, m->config.nVocab, 4);
    QVERIFY_THROWS_EXCEPTION(InvalidInput, gpu->forward(*st, tokens, 0, backend::LogitsMode::Last, logits));
    const backend::TokenId bad = 100000;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, gpu->forward(*st, {&bad, 1}, 0, backend::LogitsMode::Last, logits));
    gpu->forward(*st, std::span(tokens).first(1), 0, backend::LogitsMode::Last, logits);
    const backend::BackendStats s = gpu->stats();
    QVERIFY(!s.device.empty());
    QVERIFY(s.weightBytes > 0);
    QVERIFY(s.deviceBytes > s.weightBytes);
    QVERIFY(s.dispatchesPerStep > 10);
    QVERIFY_THROWS_EXCEPTION(InvalidInput, backend::vulkan::Context::create(999));
}

QTEST_APPLESS_MAIN(TestVulkanBackend)
#include "tst_vulkan_backend.moc"
