// The Vulkan backend as a whole against the CPU reference on models written
// by the test: teacher-forced logits, prefill + decode, rewinding, a long
// context (4096 positions), and the backend's bookkeeping.
#include "backend/backend.h"
#include "backend/vulkan/context.h"
#include "backend/vulkan/vulkan_backend.h"
#include "common/error.h"
#include "model/model.h"
#include "model_writer.h"

#include <QtTest/QtTest>

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

// Largest |a - b| relative to the largest |b| over rows of logits.
float relDiff(const std::vector<float>& a, const std::vector<float>& b)
{
    float m = 1e-6f, d = 0.0f;
    for (size_t i = 0; i < a.size(); ++i) {
        m = std::max(m, std::fabs(b[i]));
        d = std::max(d, std::fabs(a[i] - b[i]));
    }
    return d / m;
}

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
    void statsAndErrors();

private:
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
    const float d = relDiff(b, a);
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
    gpu->forward(*inc, std::span(tokens).first(6), 0, backend::LogitsMode::Last, step);
    for (size_t t = 6; t < tokens.size(); ++t) {
        gpu->forward(*inc, std::span(tokens).subspan(t, 1), uint32_t(t), backend::LogitsMode::Last, step);
        const std::vector<float> want(forced.begin() + ptrdiff_t(t * V), forced.begin() + ptrdiff_t((t + 1) * V));
        QVERIFY2(relDiff(step, want) < 1e-4f, qPrintable(QStringLiteral("position %1").arg(t)));
    }
    // Rewind to position 10 and replay the same tokens: same logits.
    gpu->forward(*inc, std::span(tokens).subspan(10), 10, backend::LogitsMode::Last, step);
    const std::vector<float> want(forced.end() - ptrdiff_t(V), forced.end());
    QVERIFY(relDiff(step, want) < 1e-4f);
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
    QVERIFY2(relDiff(b, a) < 5e-3f, qPrintable(QString::number(relDiff(b, a))));
    // The last position of the context, decoded one token at a time.
    const backend::TokenId last = 42;
    cpu->forward(*sa, {&last, 1}, 4095, backend::LogitsMode::Last, a);
    gpu->forward(*sb, {&last, 1}, 4095, backend::LogitsMode::Last, b);
    QVERIFY2(relDiff(b, a) < 5e-3f, qPrintable(QString::number(relDiff(b, a))));
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
