// Every Vulkan kernel against the CPU reference (backend/cpu/kernels.h) on
// random inputs whose sizes exercise the edges: rows and tokens that are not
// multiples of the workgroup tiles, odd head counts, GQA ratios 1/2/4/8,
// tensors split into parts, every weight type. Runs on any Vulkan device
// (lavapipe in CI); skips with a message when there is none.
#include "kernel_test_rig.h"

#include "backend/cpu/kernels.h"
#include "quant/activation.h"

#include <QtTest/QtTest>

#include <cmath>
#include <cstring>
#include <random>

using namespace vela;
using namespace vela::backend::vulkan;
using gguf::TensorType;
using namespace vela::backend::vulkan::test;

class TestVulkanKernels : public QObject, KernelRig {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void matmulEveryType_data();
    void matmulEveryType();
    void matmulSplitPartsBiasAccumulate();
    void planPerDeviceClass();
    void matmulFusedNormAndGlu_data();
    void matmulFusedNormAndGlu();
    void rmsNormRoundQ8();
    void embeddingEveryType_data();
    void embeddingEveryType();
    void rmsNorm();
    void qkNormRope_data();
    void qkNormRope();
    void attention_data();
    void attention();
    void elementwise();
    void roundQ8();
    void topK_data();
    void topK();

};

void TestVulkanKernels::initTestCase()
{
    openDevice();
}

void TestVulkanKernels::cleanupTestCase()
{
    closeDevice();
}

void TestVulkanKernels::matmulEveryType_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("layout");
    for (TensorType t : kAllTypes) {
        // The float types take any k: a short last chunk (100), and k % 4 != 0
        // (98), where the texel layout falls back to row per thread.
        const bool isFloat = t == TensorType::F32 || t == TensorType::F16 || t == TensorType::BF16;
        for (int n : {1, 5, 13})
            for (int k : isFloat ? std::vector<int>{768, 1024, 100, 98} : std::vector<int>{768, 1024})
                for (Layout layout : kLayouts)
                    QTest::newRow(qPrintable(QStringLiteral("%1 x%2 k%3 %4")
                                                 .arg(gguf::typeName(t).c_str())
                                                 .arg(n)
                                                 .arg(k)
                                                 .arg(layoutName(layout))))
                        << int(t) << n << k << int(layout);
    }
}

void TestVulkanKernels::matmulEveryType()
{
    QFETCH(int, type);
    QFETCH(int, tokens);
    QFETCH(int, k);
    QFETCH(int, layout);
    const TensorType t = TensorType(type);
    const uint32_t rows = 37; // rows not a multiple of any tile
    const auto data = randomRows(t, uint32_t(k), rows);
    const auto x = randomFloats(size_t(k) * size_t(tokens));
    gguf::TensorInfo info;
    info.type = t;
    info.nDims = 2;
    info.ne = {uint64_t(k), rows, 1, 1};
    info.nElements = uint64_t(k) * rows;
    info.data = reinterpret_cast<const std::byte*>(data.data());
    std::vector<float> want(size_t(rows) * tokens);
    backend::cpu::matmul(*pool_, info, x.data(), want.data(), size_t(tokens));

    QString skip;
    const Layout expected = expectedLayout(Layout(layout), t, uint32_t(tokens), uint32_t(k), context_->plan(), skip);
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
    DeviceMatrix m = matrix(t, uint32_t(k), rows, data, rows);
    BufferSlice xs = floats(x), ys = zeros(want.size() * 4);
    kernels::MatmulFusion f;
    f.layout = Layout(layout);
    Layout used = Layout::Auto;
    run([&](CommandRecorder& r) { used = kernels::matmul(r, m, xs, ys, nullptr, uint32_t(tokens), false, f); });
    QCOMPARE(layoutName(used), layoutName(expected));
    const float err = maxRelError(read(ys, want.size()), want);
    QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("relative error %1").arg(err)));
}

void TestVulkanKernels::matmulSplitPartsBiasAccumulate()
{
    const uint32_t k = 256, rows = 50, tokens = 3;
    const auto data = randomRows(TensorType::Q4_K, k, rows);
    const auto x = randomFloats(size_t(k) * tokens), bias = randomFloats(rows), base = randomFloats(size_t(rows) * tokens);
    gguf::TensorInfo info;
    info.type = TensorType::Q4_K;
    info.nDims = 2;
    info.ne = {k, rows, 1, 1};
    info.nElements = uint64_t(k) * rows;
    info.data = reinterpret_cast<const std::byte*>(data.data());
    std::vector<float> want(size_t(rows) * tokens);
    backend::cpu::matmul(*pool_, info, x.data(), want.data(), tokens, bias.data());
    for (size_t i = 0; i < want.size(); ++i)
        want[i] += base[i];
    DeviceMatrix m = matrix(TensorType::Q4_K, k, rows, data, 17); // three parts: 17 + 17 + 16 rows
    QCOMPARE(m.parts.size(), size_t(3));
    BufferSlice xs = floats(x), ys = floats(base), bs = floats(bias);
    run([&](CommandRecorder& r) { kernels::matmul(r, m, xs, ys, &bs, tokens, true); });
    QVERIFY(maxRelError(read(ys, want.size()), want) < 1e-4f);

    // The same for one token in the subgroup decode layout.
    if (!context_->plan().subgroupArithmetic)
        QSKIP("the subgroup half: the device lacks subgroup arithmetic in compute shaders");
    backend::cpu::matmul(*pool_, info, x.data(), want.data(), 1, bias.data());
    for (uint32_t i = 0; i < rows; ++i)
        want[i] += base[i];
    BufferSlice y1 = floats(std::vector<float>(base.begin(), base.begin() + rows));
    kernels::MatmulFusion f;
    f.layout = Layout::Subgroup;
    Layout used = Layout::Auto;
    run([&](CommandRecorder& r) { used = kernels::matmul(r, m, xs, y1, &bs, 1, true, f); });
    QCOMPARE(layoutName(used), layoutName(Layout::Subgroup));
    QVERIFY(maxRelError(read(y1, rows), std::vector<float>(want.begin(), want.begin() + rows)) < 1e-4f);
}

// KernelPlan::forDevice by device class, and Auto running this device's plan.
void TestVulkanKernels::planPerDeviceClass()
{
    DeviceInfo cpu, gpu;
    cpu.type = "cpu";
    gpu.type = "discrete";
    gpu.subgroupArithmetic = true;
    cpu.limits.minTexelBufferOffsetAlignment = 16;
    gpu.limits.minTexelBufferOffsetAlignment = 64;
    const KernelPlan c = KernelPlan::forDevice(cpu), g = KernelPlan::forDevice(gpu);
    QCOMPARE(layoutName(c.matmul), layoutName(Layout::Texel));
    QCOMPARE(int(c.attention), int(kernels::AttentionLayout::Texel));
    QVERIFY(c.topKOnHost && !c.foldNorms && c.texelBuffers && !c.subgroupArithmetic);
    QCOMPARE(c.decodeSplits, 2u);
    QCOMPARE(layoutName(g.matmul), layoutName(Layout::Subgroup)); // decode; split-k for the rest
    QCOMPARE(int(g.attention), int(kernels::AttentionLayout::Tiled));
    QVERIFY(!g.topKOnHost && g.foldNorms && !g.texelBuffers && g.subgroupArithmetic);
    QCOMPARE(g.decodeSplits, 16u);

    const KernelPlan& plan = context_->plan();
    QCOMPARE(plan.deviceClass == KernelPlan::DeviceClass::Cpu, context_->info().isCpu());
    const uint32_t k = 256, rows = 8;
    const auto data = randomRows(TensorType::Q4_K, k, rows);
    DeviceMatrix m = matrix(TensorType::Q4_K, k, rows, data, rows);
    BufferSlice xs = floats(randomFloats(k)), ys = zeros(rows * 4);
    Layout used = Layout::Auto;
    run([&](CommandRecorder& r) { used = kernels::matmul(r, m, xs, ys, nullptr, 1, false); });
    QCOMPARE(layoutName(used), layoutName(plan.texelBuffers || plan.matmul != Layout::Texel ? plan.matmul
                                                                                            : Layout::RowPerThread));
}

void TestVulkanKernels::matmulFusedNormAndGlu_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<bool>("norm");
    QTest::addColumn<bool>("glu");
    QTest::addColumn<int>("layout");
    for (TensorType t : kAllTypes)
        for (int n : {1, 11})
            for (auto [norm, glu] : {std::pair{true, false}, std::pair{false, true}, std::pair{true, true}})
                for (Layout layout : kLayouts)
                    QTest::newRow(qPrintable(QStringLiteral("%1 x%2%3%4 %5")
                                                 .arg(gguf::typeName(t).c_str())
                                                 .arg(n)
                                                 .arg(norm ? " norm" : "")
                                                 .arg(glu ? " glu" : "")
                                                 .arg(layoutName(layout))))
                        << int(t) << n << norm << glu << int(layout);
}

// The fused products against the unfused CPU reference: rms_norm, then the
// product(s), then SwiGLU.
void TestVulkanKernels::matmulFusedNormAndGlu()
{
    QFETCH(int, type);
    QFETCH(int, tokens);
    QFETCH(bool, norm);
    QFETCH(bool, glu);
    QFETCH(int, layout);
    const TensorType t = TensorType(type);
    const uint32_t k = 512, rows = 23; // output rows not a multiple of the tile
    const uint32_t stored = glu ? 2 * rows : rows;
    const auto data = randomRows(t, k, stored);
    const auto x = randomFloats(size_t(k) * size_t(tokens), 3.0f), nw = randomFloats(k);
    const float eps = 1e-6f;
    std::vector<float> in = x;
    if (norm)
        backend::cpu::rmsNorm(x.data(), nw.data(), in.data(), size_t(tokens), k, eps);
    gguf::TensorInfo info;
    info.type = t;
    info.nDims = 2;
    info.ne = {k, stored, 1, 1};
    info.nElements = uint64_t(k) * stored;
    info.data = reinterpret_cast<const std::byte*>(data.data());
    std::vector<float> all(size_t(stored) * tokens), want(size_t(rows) * tokens);
    backend::cpu::matmul(*pool_, info, in.data(), all.data(), size_t(tokens));
    for (int tt = 0; tt < tokens; ++tt)
        for (uint32_t r = 0; r < rows; ++r) {
            const float g = all[size_t(tt) * stored + r];
            want[size_t(tt) * rows + r] = glu ? g / (1.0f + std::exp(-g)) * all[size_t(tt) * stored + rows + r] : g;
        }

    QString skip;
    const Layout expected = expectedLayout(Layout(layout), t, uint32_t(tokens), k, context_->plan(), skip);
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
    DeviceMatrix m = matrix(t, k, stored, data, stored);
    BufferSlice xs = floats(x), ns = floats(nw), ys = zeros(want.size() * 4);
    kernels::MatmulFusion f{.norm = norm ? &ns : nullptr, .eps = eps, .glu = glu,
                            .layout = Layout(layout)};
    Layout used = Layout::Auto;
    run([&](CommandRecorder& r) { used = kernels::matmul(r, m, xs, ys, nullptr, uint32_t(tokens), false, f); });
    QCOMPARE(layoutName(used), layoutName(expected));
    const float err = maxRelError(read(ys, want.size()), want);
    QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("relative error %1").arg(err)));
}

void TestVulkanKernels::rmsNormRoundQ8()
{
    const uint32_t width = 32 * 19, n = 3;
    const auto x = randomFloats(size_t(width) * n), w = randomFloats(width);
    std::vector<float> want(x.size());
    backend::cpu::rmsNorm(x.data(), w.data(), want.data(), n, width, 1e-6f);
    quant::roundActivations(TensorType::Q8_0, want.data(), want.size());
    BufferSlice xs = floats(x), ws = floats(w), ys = zeros(x.size() * 4);
    run([&](CommandRecorder& r) { kernels::rmsNorm(r, xs, ws, ys, width, 1e-6f, n, true); });
    const auto got = read(ys, x.size());
    // The norm's float sums may differ in the last bit, which can move a
    // value across a rounding boundary: allow one quantization step there.
    size_t offStep = 0;
    for (size_t i = 0; i < got.size(); ++i) {
        const float step = 1.0f / 64; // generous: |normed| ≲ 4, so d ≤ 4/127
        QVERIFY2(std::fabs(got[i] - want[i]) <= step, qPrintable(QString::number(i)));
        offStep += got[i] != want[i];
    }
    QVERIFY2(offStep < got.size() / 100, qPrintable(QStringLiteral("%1 values differ").arg(offStep)));
}

void TestVulkanKernels::embeddingEveryType_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("width");
    // 768 elements of Q3_K/Q6_K make rows of 330/630 bytes: rows that start
    // 2 bytes past a word boundary.
    for (TensorType t : kAllTypes)
        for (int w : {512, 768})
            QTest::newRow(qPrintable(QStringLiteral("%1 w%2").arg(gguf::typeName(t).c_str()).arg(w))) << int(t) << w;
}

void TestVulkanKernels::embeddingEveryType()
{
    QFETCH(int, type);
    QFETCH(int, width);
    const TensorType t = TensorType(type);
    const uint32_t rows = 40;
    const auto data = randomRows(t, width, rows);
    const std::vector<uint32_t> tokens = {0, 39, 17, 18, 5};
    std::vector<uint32_t> step = {0, uint32_t(tokens.size())};
    step.insert(step.end(), tokens.begin(), tokens.end());
    DeviceMatrix m = matrix(t, uint32_t(width), rows, data, 18); // parts of 18 + 18 + 4 rows
    BufferSlice ss = upload(step.data(), step.size() * 4), out = zeros(size_t(width) * tokens.size() * 4);
    run([&](CommandRecorder& r) { kernels::embedding(r, m, ss, out, uint32_t(tokens.size())); });
    const auto got = read(out, size_t(width) * tokens.size());
    const size_t rowBytes = quant::rowBytes(t, width);
    std::vector<float> want(width);
    for (size_t i = 0; i < tokens.size(); ++i) {
        quant::dequantize(t, data.data() + tokens[i] * rowBytes, want.data(), width);
        for (int j = 0; j < width; ++j)
            QCOMPARE(got[i * size_t(width) + size_t(j)], want[size_t(j)]);
    }
}

void TestVulkanKernels::rmsNorm()
{
    const uint32_t width = 1000, n = 3;
    const auto x = randomFloats(size_t(width) * n), w = randomFloats(width);
    std::vector<float> want(x.size());
    backend::cpu::rmsNorm(x.data(), w.data(), want.data(), n, width, 1e-6f);
    BufferSlice xs = floats(x), ws = floats(w), ys = zeros(x.size() * 4);
    run([&](CommandRecorder& r) { kernels::rmsNorm(r, xs, ws, ys, width, 1e-6f, n); });
    QVERIFY(maxRelError(read(ys, x.size()), want) < 1e-5f);
}

void TestVulkanKernels::qkNormRope_data()
{
    QTest::addColumn<int>("nHead");
    QTest::addColumn<int>("nHeadKv");
    QTest::addColumn<int>("headDim");
    QTest::addColumn<bool>("norm");
    QTest::newRow("5/5 hd128 norm") << 5 << 5 << 128 << true;
    QTest::newRow("8/1 hd64 norm") << 8 << 1 << 64 << true;
    QTest::newRow("4/2 hd64 no norm (qwen2)") << 4 << 2 << 64 << false;
}

void TestVulkanKernels::qkNormRope()
{
    QFETCH(int, nHead);
    QFETCH(int, nHeadKv);
    QFETCH(int, headDim);
    QFETCH(bool, norm);
    const uint32_t n = 3, pos0 = 7, nCtx = 16, hd = uint32_t(headDim);
    const uint32_t qw = uint32_t(nHead) * hd, kvw = uint32_t(nHeadKv) * hd;
    auto q = randomFloats(n * qw), k = randomFloats(n * kvw), v = randomFloats(n * kvw);
    const auto qn = randomFloats(hd, 0.2f), kn = randomFloats(hd, 0.2f);
    std::vector<uint32_t> step = {pos0, n, 0, 0, 0};
    BufferSlice qs = floats(q), ks = floats(k), vs = floats(v), qns = floats(qn), kns = floats(kn),
                kc = zeros(size_t(nCtx) * kvw * 2), vc = zeros(size_t(nCtx) * kvw * 2),
                ss = upload(step.data(), step.size() * 4);
    QkNormRopeParams p{uint32_t(nHead), uint32_t(nHeadKv), hd, norm ? 1u : 0u, 1e-6f, 1000000.0f};
    run([&](CommandRecorder& r) {
        kernels::qkNormRope(r, qs, ks, vs, norm ? &qns : nullptr, norm ? &kns : nullptr, kc, vc, ss, p, n);
    });
    const auto gotQ = read(qs, q.size());
    std::vector<uint16_t> gotK(size_t(nCtx) * kvw), gotV(size_t(nCtx) * kvw);
    std::memcpy(gotK.data(), kc.mapped, gotK.size() * 2);
    std::memcpy(gotV.data(), vc.mapped, gotV.size() * 2);
    for (uint32_t t = 0; t < n; ++t) {
        float* qt = q.data() + t * qw;
        float* kt = k.data() + t * kvw;
        if (norm) {
            backend::cpu::rmsNorm(qt, qn.data(), qt, size_t(nHead), hd, 1e-6f);
            backend::cpu::rmsNorm(kt, kn.data(), kt, size_t(nHeadKv), hd, 1e-6f);
        }
        backend::cpu::ropeNeox(qt, size_t(nHead), hd, pos0 + t, 1000000.0f);
        backend::cpu::ropeNeox(kt, size_t(nHeadKv), hd, pos0 + t, 1000000.0f);
        for (uint32_t i = 0; i < kvw; ++i) {
            const size_t c = size_t(pos0 + t) * kvw + i;
            QVERIFY(std::fabs(quant::halfToFloat(gotK[c]) - kt[i]) <= 2e-3f * (1 + std::fabs(kt[i])));
            QCOMPARE(gotV[c], quant::floatToHalf(v[t * kvw + i]));
        }
    }
    QVERIFY(maxRelError(gotQ, q) < 1e-4f);
    for (uint32_t i = 0; i < kvw; ++i) // positions outside pos0..pos0+n-1 untouched
        QCOMPARE(gotK[i], uint16_t(0));
}

void TestVulkanKernels::attention_data()
{
    QTest::addColumn<int>("nHead");
    QTest::addColumn<int>("gqa");
    QTest::addColumn<int>("headDim");
    QTest::addColumn<int>("pos0");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("splits");
    QTest::addColumn<int>("layout");
    // Both layouts on every device: tiled (GPUs) and texel (CPU devices).
    for (auto [layout, name] : {std::pair{kernels::AttentionLayout::Tiled, "tiled"},
                                std::pair{kernels::AttentionLayout::Texel, "texel"}}) {
        auto row = [&](const QString& tag) -> QTestData& {
            return QTest::newRow(qPrintable(tag + QStringLiteral(" ") + QLatin1String(name)));
        };
        for (int g : {1, 2, 4, 8})
            row(QStringLiteral("gqa %1 decode split").arg(g)) << 8 << g << 128 << 300 << 1 << 8 << int(layout);
        row(QStringLiteral("odd heads decode short")) << 3 << 1 << 64 << 0 << 1 << 8 << int(layout);
        row(QStringLiteral("odd heads decode 37")) << 3 << 3 << 64 << 36 << 1 << 8 << int(layout);
        row(QStringLiteral("prefill 7 tokens")) << 4 << 2 << 128 << 0 << 7 << 1 << int(layout);
        row(QStringLiteral("prefill continues")) << 6 << 2 << 64 << 150 << 9 << 1 << int(layout);
        row(QStringLiteral("prefill 12 heads split")) << 12 << 4 << 32 << 20 << 5 << 3 << int(layout);
        row(QStringLiteral("long decode")) << 2 << 2 << 128 << 1500 << 1 << 8 << int(layout);
        // headDim % 8 != 0: the texel layout falls back to the tiled kernel.
        row(QStringLiteral("head dim 36")) << 4 << 2 << 36 << 10 << 3 << 1 << int(layout);
    }
}

void TestVulkanKernels::attention()
{
    QFETCH(int, nHead);
    QFETCH(int, gqa);
    QFETCH(int, headDim);
    QFETCH(int, pos0);
    QFETCH(int, tokens);
    QFETCH(int, splits);
    QFETCH(int, layout);
    if (kernels::AttentionLayout(layout) == kernels::AttentionLayout::Texel && !context_->plan().texelBuffers)
        QSKIP("the device needs texel offsets aligned to more than 16 bytes");
    const uint32_t nKv = uint32_t(nHead / gqa), hd = uint32_t(headDim), n = uint32_t(tokens);
    const uint32_t positions = uint32_t(pos0) + n, kvw = nKv * hd, qw = uint32_t(nHead) * hd;
    // The cache holds halves; the CPU reference gets the same rounded values.
    auto kf = randomFloats(size_t(positions) * kvw), vf = randomFloats(size_t(positions) * kvw);
    std::vector<uint16_t> kh(kf.size()), vh(vf.size());
    for (size_t i = 0; i < kf.size(); ++i) {
        kh[i] = quant::floatToHalf(kf[i]);
        kf[i] = quant::halfToFloat(kh[i]);
        vh[i] = quant::floatToHalf(vf[i]);
        vf[i] = quant::halfToFloat(vh[i]);
    }
    const auto q = randomFloats(size_t(n) * qw);
    std::vector<float> want(q.size()), scratch(positions);
    for (uint32_t t = 0; t < n; ++t)
        backend::cpu::attention(q.data() + t * qw, kf.data(), vf.data(), want.data() + t * qw, uint32_t(pos0) + t,
                                size_t(nHead), nKv, hd, scratch.data());
    std::vector<uint32_t> step = {uint32_t(pos0), n};
    step.resize(2 + n);
    BufferSlice qs = floats(q), kc = upload(kh.data(), kh.size() * 2), vc = upload(vh.data(), vh.size() * 2),
                out = zeros(q.size() * 4),
                partial = zeros(kernels::attentionPartialBytes(n, uint32_t(nHead), hd, uint32_t(splits))),
                ss = upload(step.data(), step.size() * 4);
    AttentionParams p{uint32_t(nHead), nKv, hd, uint32_t(splits), 1.0f / std::sqrt(float(hd))};
    // Texel falls back to the tiled kernel where headDim % 8 != 0.
    using AL = kernels::AttentionLayout;
    const AL expected = AL(layout) == AL::Texel && hd % 8 == 0 ? AL::Texel : AL::Tiled;
    AL used = AL::Auto;
    run([&](CommandRecorder& r) { used = kernels::attention(r, qs, kc, vc, out, partial, ss, p, n, AL(layout)); });
    QCOMPARE(int(used), int(expected));
    const float err = maxRelError(read(out, q.size()), want);
    QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("relative error %1").arg(err)));
}

void TestVulkanKernels::elementwise()
{
    const uint32_t n = 1000;
    const auto g = randomFloats(n), u = randomFloats(n);
    std::vector<float> want(n);
    backend::cpu::swiglu(g.data(), u.data(), want.data(), n);
    BufferSlice gs = floats(g), us = floats(u), out = zeros(n * 4);
    run([&](CommandRecorder& r) { kernels::swiglu(r, gs, us, out, n); });
    QVERIFY(maxRelError(read(out, n), want) < 1e-5f);
}

void TestVulkanKernels::roundQ8()
{
    const uint32_t n = 32 * 37;
    auto x = randomFloats(n);
    std::fill(x.begin() + 64, x.begin() + 96, 0.0f); // an all-zero block stays zero
    BufferSlice xs = floats(x), ys = zeros(n * 4);
    run([&](CommandRecorder& r) { kernels::roundQ8(r, xs, ys, n); });
    std::vector<float> want = x;
    quant::roundActivations(TensorType::Q8_0, want.data(), n); // the CPU reference's Q8_0 rounding
    const auto got = read(ys, n);
    for (uint32_t i = 0; i < n; ++i)
        QVERIFY2(std::fabs(got[i] - want[i]) <= 1e-6f * (1 + std::fabs(want[i])), qPrintable(QString::number(i)));
}

void TestVulkanKernels::topK_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    for (int n : {1, 255, 2049, 151936})
        for (int k : {1, 7, 8, 20, 84, 128}) // 7 | 8: the rounds | the sort (kTopKSortMinK)
            QTest::newRow(qPrintable(QStringLiteral("n%1 k%2").arg(n).arg(k))) << n << k;
}

// The two-pass selection against a full sort in the CPU sampler's order
// (value descending, lower id first on ties), with ties; -inf and NaN are no
// candidates (TopKParams).
void TestVulkanKernels::topK()
{
    QFETCH(int, n);
    QFETCH(int, k);
    auto l = randomFloats(size_t(n));
    for (int i = 0; i < n; i += 7)
        l[size_t(i)] = std::round(l[size_t(i)]); // many exact ties
    if (n > 10) {
        l[3] = -INFINITY;
        l[5] = NAN;
        l[size_t(n) - 1] = 100.0f;
        l[size_t(n) / 2] = 100.0f; // a tie at the top: the lower id first
    }
    std::vector<std::pair<float, uint32_t>> want;
    for (int i = 0; i < n; ++i)
        if (std::isfinite(l[size_t(i)]))
            want.push_back({l[size_t(i)], uint32_t(i)});
    std::sort(want.begin(), want.end(),
              [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    BufferSlice ls = floats(l), scratch = zeros(kernels::topKScratchBytes(uint32_t(n), uint32_t(k)));
    BufferSlice res = zeros(size_t(k) * 8);
    run([&](CommandRecorder& r) { kernels::topK(r, ls, scratch, res, uint32_t(n), uint32_t(k)); });
    std::vector<uint32_t> got(size_t(k) * 2);
    std::memcpy(got.data(), res.mapped, got.size() * 4);
    for (int j = 0; j < k; ++j) {
        const uint32_t id = got[size_t(j) * 2];
        if (size_t(j) >= want.size()) {
            QCOMPARE(id, 0xFFFFFFFFu); // fewer finite logits than k
            continue;
        }
        float v;
        std::memcpy(&v, &got[size_t(j) * 2 + 1], 4);
        QVERIFY2(id == want[size_t(j)].second && v == want[size_t(j)].first,
                 qPrintable(QStringLiteral("rank %1: got %2 (%3), want %4 (%5)")
                                .arg(j).arg(id).arg(v).arg(want[size_t(j)].second).arg(want[size_t(j)].first)));
    }
}

QTEST_APPLESS_MAIN(TestVulkanKernels)
#include "tst_vulkan_kernels.moc"
