// The CPU reference backend on models written by the test: properties that
// must hold whatever the weights (prefill + decode = teacher forcing, prefix
// reuse = fresh session, thread count does not change results) and the
// kernels on hand-checkable inputs.
#include "backend/backend.h"
#include "backend/cpu/kernels.h"
#include "common/error.h"
#include "model/model.h"
#include "model_writer.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace vela;

namespace {

float maxAbsDiff(const float* a, const float* b, size_t n)
{
    float m = 0.0f;
    for (size_t i = 0; i < n; ++i)
        m = std::max(m, std::fabs(a[i] - b[i]));
    return m;
}

const std::vector<backend::TokenId> kTokens = {257, 72, 101, 108, 108, 111, 258, 10, 257, 65, 66, 67, 200, 33};

} // namespace

class TestCpuBackend : public QObject {
    Q_OBJECT
private slots:
    void prefillThenDecodeEqualsTeacherForcing_data();
    void prefillThenDecodeEqualsTeacherForcing();
    void prefixReuseEqualsFreshState();
    void threadCountDoesNotChangeResults();
    void errors();
    void rmsNormKernel();
    void ropeKernel();
    void attentionKernel();
    void swigluKernel();
};

void TestCpuBackend::prefillThenDecodeEqualsTeacherForcing_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("kvHeads");
    QTest::newRow("qwen3 f32 gqa2") << "qwen3" << int(gguf::TensorType::F32) << 2;
    QTest::newRow("qwen3 q8_0 gqa4") << "qwen3" << int(gguf::TensorType::Q8_0) << 1;
    QTest::newRow("qwen3 q4_k mha") << "qwen3" << int(gguf::TensorType::Q4_K) << 4;
    QTest::newRow("qwen2 q4_0 gqa2") << "qwen2" << int(gguf::TensorType::Q4_0) << 2;
}

void TestCpuBackend::prefillThenDecodeEqualsTeacherForcing()
{
    QFETCH(QString, arch);
    QFETCH(int, type);
    QFETCH(int, kvHeads);
    test::ModelSpec spec;
    spec.arch = arch.toStdString();
    spec.nEmbd = 256;
    spec.headDim = 64; // 4 query heads × 64 = 256: whole K-quant blocks for attn_output
    spec.nFf = {256};
    spec.nHeadKv = {uint32_t(kvHeads)};
    spec.matrixType = gguf::TensorType(type);
    auto be = backend::createCpuBackend(test::openModel(spec));
    const size_t V = be->model().config.nVocab;

    auto all = be->createState(64);
    std::vector<float> forced;
    be->forward(*all, kTokens, 0, backend::LogitsMode::All, forced);
    QCOMPARE(forced.size(), kTokens.size() * V);

    // Prefill the first 5 tokens, then decode one at a time.
    auto inc = be->createState(64);
    std::vector<float> logits;
    be->forward(*inc, std::span(kTokens).first(5), 0, backend::LogitsMode::Last, logits);
    QCOMPARE(logits.size(), V);
    QVERIFY(maxAbsDiff(logits.data(), forced.data() + 4 * V, V) < 1e-4f);
    for (size_t t = 5; t < kTokens.size(); ++t) {
        be->forward(*inc, std::span(kTokens).subspan(t, 1), uint32_t(t), backend::LogitsMode::Last, logits);
        const float d = maxAbsDiff(logits.data(), forced.data() + t * V, V);
        QVERIFY2(d < 1e-4f, qPrintable(QStringLiteral("position %1 differs by %2").arg(t).arg(d)));
    }
    for (float x : forced)
        QVERIFY(std::isfinite(x));

    // Chunks that only fill the cache (LogitsMode::None) leave the same
    // cache: the chunk after them gives the teacher-forced logits.
    auto chunked = be->createState(64);
    be->forward(*chunked, std::span(kTokens).first(4), 0, backend::LogitsMode::None, logits);
    QVERIFY(logits.empty());
    be->forward(*chunked, std::span(kTokens).subspan(4, 4), 4, backend::LogitsMode::None, logits);
    be->forward(*chunked, std::span(kTokens).subspan(8), 8, backend::LogitsMode::Last, logits);
    QVERIFY(maxAbsDiff(logits.data(), forced.data() + (kTokens.size() - 1) * V, V) < 1e-4f);
}

void TestCpuBackend::prefixReuseEqualsFreshState()
{
    test::ModelSpec spec;
    spec.nLayers = 3;
    spec.nHead = {4, 2, 4}; // per-layer shapes, as in pruned models
    spec.nHeadKv = {2, 1, 1};
    spec.nFf = {128, 64, 96};
    auto be = backend::createCpuBackend(test::openModel(spec));
    const size_t V = be->model().config.nVocab;
    std::vector<backend::TokenId> other = kTokens;
    other[9] = 120;
    other[10] = 121;

    auto reused = be->createState(32);
    std::vector<float> a, b;
    be->forward(*reused, kTokens, 0, backend::LogitsMode::Last, a);
    // Rewind to position 9 and continue with a different suffix.
    be->forward(*reused, std::span(other).subspan(9), 9, backend::LogitsMode::All, a);
    auto fresh = be->createState(32);
    be->forward(*fresh, other, 0, backend::LogitsMode::All, b);
    const size_t n = other.size() - 9;
    QCOMPARE(a.size(), n * V);
    QVERIFY(maxAbsDiff(a.data(), b.data() + 9 * V, n * V) < 1e-4f);
}

void TestCpuBackend::threadCountDoesNotChangeResults()
{
    test::ModelSpec spec;
    spec.matrixType = gguf::TensorType::Q8_0;
    auto m = test::openModel(spec);
    auto one = backend::createCpuBackend(m, {.threads = 1});
    auto three = backend::createCpuBackend(m, {.threads = 3});
    std::vector<float> a, b;
    auto sa = one->createState(16), sb = three->createState(16);
    one->forward(*sa, kTokens, 0, backend::LogitsMode::All, a);
    three->forward(*sb, kTokens, 0, backend::LogitsMode::All, b);
    QCOMPARE(a, b);
}

void TestCpuBackend::errors()
{
    auto be = backend::createCpuBackend(test::openModel(test::ModelSpec{}));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, be->createState(0));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, be->createState(100000));
    auto st = be->createState(8);
    std::vector<float> logits;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, be->forward(*st, kTokens, 0, backend::LogitsMode::Last, logits));
    const backend::TokenId bad = 5000;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, be->forward(*st, {&bad, 1}, 0, backend::LogitsMode::Last, logits));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, be->forward(*st, {}, 0, backend::LogitsMode::Last, logits));
}

void TestCpuBackend::rmsNormKernel()
{
    const float x[4] = {1, 2, 3, 4}, w[4] = {1, 1, 2, 0.5f};
    float y[4];
    backend::cpu::rmsNorm(x, w, y, 1, 4, 0.0f);
    const float r = 1.0f / std::sqrt(7.5f); // mean of squares = 30 / 4
    QVERIFY(std::fabs(y[0] - r) < 1e-6f);
    QVERIFY(std::fabs(y[2] - 6 * r) < 1e-6f);
    QVERIFY(std::fabs(y[3] - 2 * r) < 1e-6f);
}

void TestCpuBackend::ropeKernel()
{
    std::vector<float> v = {1, 2, 3, 4, 5, 6, 7, 8};
    auto copy = v;
    backend::cpu::ropeNeox(v.data(), 1, 8, 0, 10000.0f);
    QCOMPARE(v, copy); // position 0 is the identity
    backend::cpu::ropeNeox(v.data(), 1, 8, 3, 10000.0f);
    // Pair (0, 4) rotates by 3 radians (i = 0: theta = pos); norms are kept.
    QVERIFY(std::fabs(v[0] - (1 * std::cos(3.0f) - 5 * std::sin(3.0f))) < 1e-5f);
    QVERIFY(std::fabs(v[4] - (1 * std::sin(3.0f) + 5 * std::cos(3.0f))) < 1e-5f);
    QVERIFY(std::fabs(v[1] * v[1] + v[5] * v[5] - (4 + 36)) < 1e-4f);
}

void TestCpuBackend::attentionKernel()
{
    // One KV head shared by two query heads, two cached positions.
    const size_t hd = 2;
    const float k[] = {1, 0, 0, 1}, v[] = {10, 20, 30, 40};
    const float q[] = {100, 0, 0, 0}; // head 0 attends to position 0; head 1 uniformly
    float out[4], scratch[2];
    backend::cpu::attention(q, k, v, out, 1, 2, 1, hd, scratch);
    QVERIFY(std::fabs(out[0] - 10) < 1e-3f && std::fabs(out[1] - 20) < 1e-3f);
    QVERIFY(std::fabs(out[2] - 20) < 1e-5f && std::fabs(out[3] - 30) < 1e-5f);
    backend::cpu::attention(q, k, v, out, 0, 2, 1, hd, scratch); // causal: only position 0
    QVERIFY(std::fabs(out[2] - 10) < 1e-6f);
}

void TestCpuBackend::swigluKernel()
{
    const float g[] = {0, 1, -2}, u[] = {5, 2, 3};
    float o[3];
    backend::cpu::swiglu(g, u, o, 3);
    QCOMPARE(o[0], 0.0f);
    QVERIFY(std::fabs(o[1] - 2.0f / (1 + std::exp(-1.0f))) < 1e-6f);
    QVERIFY(std::fabs(o[2] - 3 * (-2.0f / (1 + std::exp(2.0f)))) < 1e-6f);
}

QTEST_APPLESS_MAIN(TestCpuBackend)
#include "tst_cpu_backend.moc"
