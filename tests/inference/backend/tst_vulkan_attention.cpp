// The attention kernels at their edges, against the CPU reference
// (backend/cpu/kernels.h): the tiled prefill kernel (attention_prefill) over
// head dimensions, GQA ratios, odd token counts, prefill continuing after
// earlier positions, grids recorded for more tokens than the step has, and
// long contexts; key splits that are empty (more slices than keys) through
// attention_merge; top-k over logits that are not finite or very negative
// (the finite sentinel of shaders/common.glsl); and whole-model logits with
// the prefill kernel forced against the CPU backend. Runs on any Vulkan
// device (lavapipe in CI); skips with a message when there is none.
#include "kernel_test_rig.h"

#include "backend/backend.h"
#include "backend/cpu/kernels.h"
#include "backend/vulkan/vulkan_backend.h"
#include "model/model.h"
#include "model_writer.h"

#include <QtTest/QtTest>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <random>

using namespace vela;
using namespace vela::backend::vulkan;
using namespace vela::backend::vulkan::test;
using AL = kernels::AttentionLayout;

class TestVulkanAttention : public QObject, KernelRig {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void prefillTilePerHeadDim();
    void prefill_data();
    void prefill();
    void emptySplits_data();
    void emptySplits();
    void topKNonFiniteAndVeryNegative();
    void wholeModelWithPrefillKernel_data();
    void wholeModelWithPrefillKernel();

private:
    struct Shape {
        uint32_t nHead, nKv, hd, pos0, tokens, splits, gridTokens;
    };
    // Runs kernels::attention in `layout` on random F16 caches; returns the
    // layout that ran and sets err to the relative error against the CPU
    // reference and finite to whether every output is finite. Outputs of
    // tokens in [tokens, gridTokens) must stay untouched (0).
    AL runAttention(const Shape& s, AL layout, float& err, bool& finite, bool& untouched);
};

void TestVulkanAttention::initTestCase()
{
    openDevice(32);
}

void TestVulkanAttention::cleanupTestCase()
{
    closeDevice();
}

// Every head dimension the kernels take gets a tile within the portable
// 32 KiB of shared memory, as large as the rule allows; GPUs prefill with
// the tiled kernel, CPU devices with the texel one.
void TestVulkanAttention::prefillTilePerHeadDim()
{
    for (uint32_t hd = 2; hd <= 256; hd += 2) {
        const KernelPlan::PrefillTile t = KernelPlan::attentionPrefillTile(hd).value();
        QVERIFY2(KernelPlan::attentionPrefillSharedBytes(hd, t) <= kPortableSharedBytes,
                 qPrintable(QString::number(hd)));
        QVERIFY(t.keys >= 8);
    }
    QCOMPARE(KernelPlan::attentionPrefillTile(64)->keys, 32u);
    QCOMPARE(KernelPlan::attentionPrefillTile(128)->keys, 32u);
    QCOMPARE(KernelPlan::attentionPrefillTile(256)->keys, 8u);
    // A device with Vulkan's minimum 16 KiB: smaller tiles, and none at all
    // where even 8 keys do not fit (the tiled kernel runs then).
    QCOMPARE(KernelPlan::attentionPrefillTile(128, 16 * 1024)->keys, 8u);
    QVERIFY(!KernelPlan::attentionPrefillTile(256, 16 * 1024));
    DeviceInfo cpu, gpu;
    cpu.type = "cpu";
    gpu.type = "discrete";
    QCOMPARE(int(KernelPlan::forDevice(gpu).prefillAttention), int(AL::Prefill));
    QCOMPARE(int(KernelPlan::forDevice(cpu).prefillAttention), int(AL::Texel));
}

AL TestVulkanAttention::runAttention(const Shape& s, AL layout, float& err, bool& finite, bool& untouched)
{
    const uint32_t positions = s.pos0 + s.tokens, kvw = s.nKv * s.hd, qw = s.nHead * s.hd;
    // The cache holds halves; the CPU reference gets the same rounded values.
    auto kf = randomFloats(size_t(positions) * kvw), vf = randomFloats(size_t(positions) * kvw);
    std::vector<uint16_t> kh(kf.size()), vh(vf.size());
    for (size_t i = 0; i < kf.size(); ++i) {
        kh[i] = quant::floatToHalf(kf[i]);
        kf[i] = quant::halfToFloat(kh[i]);
        vh[i] = quant::floatToHalf(vf[i]);
        vf[i] = quant::halfToFloat(vh[i]);
    }
    const auto q = randomFloats(size_t(s.gridTokens) * qw, 2.0f); // peaked softmax rows too
    std::vector<float> want(size_t(s.tokens) * qw), scratch(positions);
    for (uint32_t t = 0; t < s.tokens; ++t)
        backend::cpu::attention(q.data() + size_t(t) * qw, kf.data(), vf.data(), want.data() + size_t(t) * qw,
                                s.pos0 + t, s.nHead, s.nKv, s.hd, scratch.data());
    std::vector<uint32_t> step = {s.pos0, s.tokens};
    step.resize(2 + s.gridTokens);
    BufferSlice qs = floats(q), kc = upload(kh.data(), kh.size() * 2), vc = upload(vh.data(), vh.size() * 2),
                out = zeros(q.size() * 4),
                partial = zeros(kernels::attentionPartialBytes(s.gridTokens, s.nHead, s.hd, s.splits)),
                ss = upload(step.data(), step.size() * 4);
    AttentionParams p{s.nHead, s.nKv, s.hd, s.splits, 1.0f / std::sqrt(float(s.hd))};
    AL used = AL::Auto;
    run([&](CommandRecorder& r) { used = kernels::attention(r, qs, kc, vc, out, partial, ss, p, s.gridTokens, layout); });
    const auto got = read(out, q.size());
    const std::vector<float> live(got.begin(), got.begin() + ptrdiff_t(want.size()));
    err = maxRelError(live, want);
    finite = std::all_of(live.begin(), live.end(), [](float x) { return std::isfinite(x); });
    untouched = std::all_of(got.begin() + ptrdiff_t(want.size()), got.end(), [](float x) { return x == 0.0f; });
    return used;
}

void TestVulkanAttention::prefill_data()
{
    QTest::addColumn<int>("nHead");
    QTest::addColumn<int>("gqa");
    QTest::addColumn<int>("headDim");
    QTest::addColumn<int>("pos0");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("gridTokens");
    for (int g : {1, 2, 4, 8})
        for (int hd : {64, 128})
            QTest::newRow(qPrintable(QStringLiteral("gqa %1 hd %2 odd tokens").arg(g).arg(hd)))
                << 8 << g << hd << 0 << 13 << 13;
    QTest::newRow("continues after 150 positions") << 6 << 2 << 64 << 150 << 9 << 9;
    QTest::newRow("grid for more tokens than the step") << 4 << 2 << 128 << 5 << 7 << 12;
    QTest::newRow("long context 1100 keys") << 4 << 4 << 128 << 1080 << 21 << 21;
    QTest::newRow("tokens across tiles 47") << 2 << 1 << 64 << 0 << 47 << 47;
    QTest::newRow("head dim 256 (8-key tiles)") << 4 << 2 << 256 << 30 << 11 << 11;
    QTest::newRow("head dim 36 odd pairs spread") << 4 << 2 << 36 << 10 << 3 << 3;
    QTest::newRow("head dim 2") << 2 << 1 << 2 << 3 << 5 << 5;
    QTest::newRow("3 heads gqa 3") << 3 << 3 << 64 << 36 << 6 << 6;
    QTest::newRow("one token") << 8 << 4 << 128 << 40 << 1 << 1;
}

// attention_prefill (forced) against the CPU reference at the edge shapes.
void TestVulkanAttention::prefill()
{
    QFETCH(int, nHead);
    QFETCH(int, gqa);
    QFETCH(int, headDim);
    QFETCH(int, pos0);
    QFETCH(int, tokens);
    QFETCH(int, gridTokens);
    const Shape s{uint32_t(nHead), uint32_t(nHead / gqa), uint32_t(headDim), uint32_t(pos0), uint32_t(tokens), 1,
                  uint32_t(gridTokens)};
    float err = 0;
    bool finite = false, untouched = false;
    QCOMPARE(int(runAttention(s, AL::Prefill, err, finite, untouched)), int(AL::Prefill));
    QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("relative error %1").arg(err)));
    QVERIFY(finite);
    QVERIFY2(untouched, "rows of tokens beyond step[1] were written");
}

void TestVulkanAttention::emptySplits_data()
{
    QTest::addColumn<int>("layout");
    QTest::addColumn<int>("pos0");
    QTest::addColumn<int>("tokens");
    for (auto [layout, name] : {std::pair{AL::Tiled, "tiled"}, std::pair{AL::Texel, "texel"}}) {
        QTest::newRow(qPrintable(QStringLiteral("positions 0-3, 16 splits %1").arg(name)))
            << int(layout) << 0 << 4;
        QTest::newRow(qPrintable(QStringLiteral("decode at 0, 16 splits %1").arg(name))) << int(layout) << 0 << 1;
        QTest::newRow(qPrintable(QStringLiteral("decode at 9, 16 splits %1").arg(name))) << int(layout) << 9 << 1;
    }
}

// More key slices than keys: most slices are empty (m = NEG_SENTINEL, l = 0)
// and attention_merge must weigh them 0, giving the reference and no NaN.
void TestVulkanAttention::emptySplits()
{
    QFETCH(int, layout);
    QFETCH(int, pos0);
    QFETCH(int, tokens);
    if (AL(layout) == AL::Texel && !context_->plan().texelBuffers)
        QSKIP("the device needs texel offsets aligned to more than 16 bytes");
    const Shape s{8, 2, 128, uint32_t(pos0), uint32_t(tokens), 16, uint32_t(tokens)};
    float err = 0;
    bool finite = false, untouched = false;
    QCOMPARE(int(runAttention(s, AL(layout), err, finite, untouched)), layout);
    QVERIFY(finite);
    QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("relative error %1").arg(err)));
}

// top_k's documented edges (kernel_params.h TopKParams): NaN and ±inf are no
// candidates, so with fewer finite logits than k the rest is "none"; finite
// logits however negative (-FLT_MAX, below the -1e30 sentinel) rank as they are.
void TestVulkanAttention::topKNonFiniteAndVeryNegative()
{
    const uint32_t n = 3000, k = 20; // two top_k workgroups (kTopKSlice = 2048)
    std::vector<float> l(n, NAN);
    for (uint32_t i = 0; i < n; i += 3)
        l[i] = i % 2 ? INFINITY : -INFINITY;
    const std::vector<std::pair<uint32_t, float>> finite = {
        {2500, -1e35f}, {7, -FLT_MAX}, {1999, 3.5f}, {2048, -2.0f}, {10, 3.5f}, {2999, -1e30f}};
    for (auto [id, v] : finite)
        l[id] = v;
    BufferSlice ls = floats(l), scratch = zeros(kernels::topKScratchBytes(n, k)), res = zeros(size_t(k) * 8);
    run([&](CommandRecorder& r) { kernels::topK(r, ls, scratch, res, n, k); });
    std::vector<uint32_t> got(size_t(k) * 2);
    std::memcpy(got.data(), res.mapped, got.size() * 4);
    const std::vector<std::pair<uint32_t, float>> want = {{10, 3.5f},   {1999, 3.5f},  {2048, -2.0f},
                                                          {2999, -1e30f}, {2500, -1e35f}, {7, -FLT_MAX}};
    for (uint32_t j = 0; j < k; ++j) {
        float v;
        std::memcpy(&v, &got[j * 2 + 1], 4);
        if (j >= want.size()) {
            QCOMPARE(got[j * 2], 0xFFFFFFFFu);
            QVERIFY(std::isfinite(v)); // "none" carries the finite sentinel
            continue;
        }
        QCOMPARE(got[j * 2], want[j].first);
        QCOMPARE(v, want[j].second);
    }
}

void TestVulkanAttention::wholeModelWithPrefillKernel_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("kvHeads");
    QTest::addColumn<int>("headDim");
    QTest::newRow("qwen3 gqa 2 hd 64") << "qwen3" << 2 << 64;
    QTest::newRow("qwen3 gqa 4 hd 128") << "qwen3" << 1 << 128;
    QTest::newRow("qwen2 mha hd 64") << "qwen2" << 4 << 64;
}

// Teacher-forced logits of a whole model with every multi-token attention
// on attention_prefill (VulkanOptions::PrefillAttention::Prefill) against the
// CPU backend, within tst_vulkan_backend's tolerance: a 37-token prefill,
// then 12 more tokens continuing at position 37.
void TestVulkanAttention::wholeModelWithPrefillKernel()
{
    QFETCH(QString, arch);
    QFETCH(int, kvHeads);
    QFETCH(int, headDim);
    vela::test::ModelSpec spec;
    spec.arch = arch.toStdString();
    spec.nEmbd = 256;
    spec.headDim = uint32_t(headDim);
    spec.nFf = {512};
    spec.nHeadKv = {uint32_t(kvHeads)};
    spec.matrixType = gguf::TensorType::Q8_0;
    gguf::Writer w = vela::test::buildModel(spec);
    w.setUInt32(spec.arch + ".context_length", 512);
    auto m = vela::test::openModel(w);
    auto cpu = backend::createCpuBackend(m, {.threads = 2, .roundActivations = false});
    auto gpu = createVulkanBackend(m, {.device = std::nullopt,
                                       .context = context_,
                                       .prefillAttention = VulkanOptions::PrefillAttention::Prefill});
    std::mt19937 gen(3);
    std::uniform_int_distribution<int> d(0, int(m->config.nVocab) - 1);
    std::vector<backend::TokenId> tokens(49);
    for (auto& t : tokens)
        t = d(gen);
    auto sa = cpu->createState(64), sb = gpu->createState(64);
    for (auto [begin, end] : {std::pair{0, 37}, std::pair{37, 49}}) {
        const std::span<const backend::TokenId> part(tokens.data() + begin, size_t(end - begin));
        std::vector<float> a, b;
        cpu->forward(*sa, part, uint32_t(begin), backend::LogitsMode::All, a);
        gpu->forward(*sb, part, uint32_t(begin), backend::LogitsMode::All, b);
        QCOMPARE(b.size(), a.size());
        float scale = 1e-6f, diff = 0.0f;
        for (size_t i = 0; i < a.size(); ++i) {
            scale = std::max(scale, std::fabs(a[i]));
            diff = std::max(diff, std::fabs(a[i] - b[i]));
        }
        // F16 KV cache and float reassociation (tst_vulkan_backend's bound).
        QVERIFY2(diff / scale < 5e-3f, qPrintable(QStringLiteral("relative difference %1").arg(diff / scale)));
    }
    QCOMPARE(context_->validationErrors(), 0u);
}

QTEST_APPLESS_MAIN(TestVulkanAttention)
#include "tst_vulkan_attention.moc"
