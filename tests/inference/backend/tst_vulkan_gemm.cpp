// The prefill GEMM (MatmulLayout::Tiled, shaders/matmul_tiled.comp) against
// the CPU reference (backend/cpu/kernels.h) for every weight type: token
// counts around and below the tile (1, 7, 33, 128), row counts that are not
// multiples of any tile, k at the smallest multiple of the block, bias,
// accumulate, the fused norm and GLU, matrices split into parts, and grids
// past the 65535-workgroup cap. Each case runs with this device's plan tile
// and the GPU plan's tile, so lavapipe also checks the tile GPUs run; the
// integer dot-product variant (TiledInt8) on Q8-rounded activations; and a
// whole model with every product tiled against the CPU backend.
#include "kernel_test_rig.h"

#include "backend/backend.h"
#include "backend/cpu/kernels.h"
#include "backend/vulkan/vulkan_backend.h"
#include "model/model.h"
#include "model_writer.h"

#include <QtTest/QtTest>

using namespace vela;
using namespace vela::backend::vulkan;
using gguf::TensorType;
using namespace vela::backend::vulkan::test;

namespace {

gguf::TensorInfo tensorInfo(TensorType t, uint32_t k, uint32_t rows, const std::vector<uint8_t>& data)
{
    gguf::TensorInfo info;
    info.type = t;
    info.nDims = 2;
    info.ne = {k, rows, 1, 1};
    info.nElements = uint64_t(k) * rows;
    info.data = reinterpret_cast<const std::byte*>(data.data());
    return info;
}

// The smallest k a type takes (one block), and for the float types a k that
// leaves a short last chunk.
std::vector<uint32_t> kValues(TensorType t)
{
    if (!isBlockType(t))
        return {1, 100, 512};
    return {uint32_t(gguf::layoutOf(t).blockElements), 512};
}

// A discrete GPU's limits as desktop cards report them (48 KiB of shared
// memory, 1024 invocations); `shared` overrides the first.
DeviceInfo discreteGpu(uint32_t shared = 48 * 1024)
{
    DeviceInfo gpu;
    gpu.type = "discrete";
    gpu.limits.maxComputeSharedMemorySize = shared;
    gpu.limits.maxComputeWorkGroupInvocations = 1024;
    gpu.limits.maxComputeWorkGroupSize = {1024, 1024, 64};
    return gpu;
}

// The two tiles each case runs with: "plan" (this device's) and "gpu".
MatmulTile tileNamed(const QString& name, const KernelPlan& plan)
{
    if (name == QStringLiteral("plan"))
        return plan.tile;
    return KernelPlan::forDevice(discreteGpu()).tile;
}

} // namespace

class TestVulkanGemm : public QObject, KernelRig {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void planTiles();
    void tiledEveryType_data();
    void tiledEveryType();
    void tiledFusions_data();
    void tiledFusions();
    void tiledSplitPartsBiasAccumulate();
    void tiledGridCaps();
    void tiledInt8_data();
    void tiledInt8();
    void wholeModelTiledMatchesCpu_data();
    void wholeModelTiledMatchesCpu();
};

void TestVulkanGemm::initTestCase()
{
    openDevice();
}

void TestVulkanGemm::cleanupTestCase()
{
    closeDevice();
}

// Both device classes' tiles fit the portable 32 KiB with GLU, and Auto
// switches to the GEMM where the plan says.
void TestVulkanGemm::planTiles()
{
    DeviceInfo cpu = discreteGpu(32 * 1024), gpu = discreteGpu();
    cpu.type = "cpu";
    for (const KernelPlan& p : {KernelPlan::forDevice(cpu), KernelPlan::forDevice(gpu)}) {
        QVERIFY(p.tile.sharedBytes(true) <= kPortableSharedBytes);
        QVERIFY(p.tile.sharedBytes(false) < p.tile.sharedBytes(true));
        QCOMPARE(p.tile.bm % p.tile.tm, 0u);
        QCOMPARE(p.tile.bn % p.tile.tn, 0u);
        QVERIFY(p.tile.workgroup() >= p.tile.bn);
    }
    const KernelPlan g = KernelPlan::forDevice(gpu), c = KernelPlan::forDevice(cpu);
    // Vulkan's minimum 16 KiB: the small tile; 4 KiB: no GEMM at all.
    const KernelPlan small = KernelPlan::forDevice(discreteGpu(16 * 1024));
    QVERIFY(small.tile.sharedBytes(true) <= 16 * 1024);
    QVERIFY(small.tile.bm < g.tile.bm);
    QCOMPARE(KernelPlan::forDevice(discreteGpu(4 * 1024)).tiledMinTokens, 0u);
    QVERIFY(g.tiledMinTokens > 1);
    QCOMPARE(layoutName(g.matmulFor(1)), layoutName(Layout::SplitK));
    QCOMPARE(layoutName(g.matmulFor(g.tiledMinTokens - 1)), layoutName(Layout::SplitK));
    QCOMPARE(layoutName(g.matmulFor(g.tiledMinTokens)), layoutName(Layout::Tiled));
    QCOMPARE(layoutName(c.matmulFor(512)), layoutName(Layout::Texel));

    // Auto on this device runs what its plan names for a prefill batch.
    const KernelPlan& plan = context_->plan();
    const uint32_t k = 256, rows = 8, tokens = 64;
    const auto data = randomRows(TensorType::Q4_K, k, rows);
    DeviceMatrix m = matrix(TensorType::Q4_K, k, rows, data, rows);
    BufferSlice xs = floats(randomFloats(size_t(k) * tokens)), ys = zeros(size_t(rows) * tokens * 4);
    Layout used = Layout::Auto;
    run([&](CommandRecorder& r) { used = kernels::matmul(r, m, xs, ys, nullptr, tokens, false); });
    const Layout want = plan.matmulFor(tokens);
    QCOMPARE(layoutName(used), layoutName(want == Layout::Texel && !plan.texelBuffers ? Layout::RowPerThread : want));
}

void TestVulkanGemm::tiledEveryType_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("k");
    QTest::addColumn<QString>("tile");
    for (TensorType t : kAllTypes)
        for (int n : {1, 7, 33, 128})
            for (uint32_t k : kValues(t))
                for (const QString& tile : {QStringLiteral("plan"), QStringLiteral("gpu")})
                    QTest::newRow(qPrintable(QStringLiteral("%1 x%2 k%3 %4")
                                                 .arg(gguf::typeName(t).c_str())
                                                 .arg(n)
                                                 .arg(k)
                                                 .arg(tile)))
                        << int(t) << n << int(k) << tile;
}

void TestVulkanGemm::tiledEveryType()
{
    QFETCH(int, type);
    QFETCH(int, tokens);
    QFETCH(int, k);
    QFETCH(QString, tile);
    const TensorType t = TensorType(type);
    const uint32_t rows = 67; // not a multiple of any tile's rows
    const auto data = randomRows(t, uint32_t(k), rows);
    const auto x = randomFloats(size_t(k) * size_t(tokens));
    const gguf::TensorInfo info = tensorInfo(t, uint32_t(k), rows, data);
    std::vector<float> want(size_t(rows) * tokens);
    backend::cpu::matmul(*pool_, info, x.data(), want.data(), size_t(tokens));

    DeviceMatrix m = matrix(t, uint32_t(k), rows, data, rows);
    BufferSlice xs = floats(x), ys = zeros(want.size() * 4);
    const MatmulTile mt = tileNamed(tile, context_->plan());
    kernels::MatmulFusion f;
    f.layout = Layout::Tiled;
    f.tile = &mt;
    Layout used = Layout::Auto;
    run([&](CommandRecorder& r) { used = kernels::matmul(r, m, xs, ys, nullptr, uint32_t(tokens), false, f); });
    QCOMPARE(layoutName(used), layoutName(Layout::Tiled));
    const float err = maxRelError(read(ys, want.size()), want);
    QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("relative error %1").arg(err)));
}

void TestVulkanGemm::tiledFusions_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<bool>("norm");
    QTest::addColumn<bool>("glu");
    QTest::addColumn<QString>("tile");
    for (TensorType t : kAllTypes)
        for (int n : {7, 33})
            for (auto [norm, glu] : {std::pair{true, false}, std::pair{false, true}, std::pair{true, true}})
                for (const QString& tile : {QStringLiteral("plan"), QStringLiteral("gpu")})
                    QTest::newRow(qPrintable(QStringLiteral("%1 x%2%3%4 %5")
                                                 .arg(gguf::typeName(t).c_str())
                                                 .arg(n)
                                                 .arg(norm ? " norm" : "")
                                                 .arg(glu ? " glu" : "")
                                                 .arg(tile)))
                        << int(t) << n << norm << glu << tile;
}

// The fused products against the unfused CPU reference: rms_norm, then the
// product(s), then SwiGLU.
void TestVulkanGemm::tiledFusions()
{
    QFETCH(int, type);
    QFETCH(int, tokens);
    QFETCH(bool, norm);
    QFETCH(bool, glu);
    QFETCH(QString, tile);
    const TensorType t = TensorType(type);
    const uint32_t k = 512, rows = 45; // output rows not a multiple of the tile
    const uint32_t stored = glu ? 2 * rows : rows;
    const auto data = randomRows(t, k, stored);
    const auto x = randomFloats(size_t(k) * size_t(tokens), 3.0f), nw = randomFloats(k);
    const float eps = 1e-6f;
    std::vector<float> in = x;
    if (norm)
        backend::cpu::rmsNorm(x.data(), nw.data(), in.data(), size_t(tokens), k, eps);
    const gguf::TensorInfo info = tensorInfo(t, k, stored, data);
    std::vector<float> all(size_t(stored) * tokens), want(size_t(rows) * tokens);
    backend::cpu::matmul(*pool_, info, in.data(), all.data(), size_t(tokens));
    for (int tt = 0; tt < tokens; ++tt)
        for (uint32_t r = 0; r < rows; ++r) {
            const float g = all[size_t(tt) * stored + r];
            want[size_t(tt) * rows + r] = glu ? g / (1.0f + std::exp(-g)) * all[size_t(tt) * stored + rows + r] : g;
        }

    DeviceMatrix m = matrix(t, k, stored, data, stored);
    BufferSlice xs = floats(x), ns = floats(nw), ys = zeros(want.size() * 4);
    const MatmulTile mt = tileNamed(tile, context_->plan());
    kernels::MatmulFusion f{.norm = norm ? &ns : nullptr, .eps = eps, .glu = glu, .layout = Layout::Tiled, .tile = &mt};
    Layout used = Layout::Auto;
    run([&](CommandRecorder& r) { used = kernels::matmul(r, m, xs, ys, nullptr, uint32_t(tokens), false, f); });
    QCOMPARE(layoutName(used), layoutName(Layout::Tiled));
    const float err = maxRelError(read(ys, want.size()), want);
    QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("relative error %1").arg(err)));
}

// A matrix in three parts (each its own dispatch at its yOffset), bias and
// accumulation into existing values (the residual add).
void TestVulkanGemm::tiledSplitPartsBiasAccumulate()
{
    for (TensorType t : {TensorType::Q4_K, TensorType::Q8_0, TensorType::F16}) {
        const uint32_t k = 256, rows = 150, tokens = 33;
        const auto data = randomRows(t, k, rows);
        const auto x = randomFloats(size_t(k) * tokens), bias = randomFloats(rows);
        const auto base = randomFloats(size_t(rows) * tokens);
        const gguf::TensorInfo info = tensorInfo(t, k, rows, data);
        std::vector<float> want(size_t(rows) * tokens);
        backend::cpu::matmul(*pool_, info, x.data(), want.data(), tokens, bias.data());
        for (size_t i = 0; i < want.size(); ++i)
            want[i] += base[i];
        DeviceMatrix m = matrix(t, k, rows, data, 70); // 70 + 70 + 10 rows
        QCOMPARE(m.parts.size(), size_t(3));
        BufferSlice xs = floats(x), ys = floats(base), bs = floats(bias);
        kernels::MatmulFusion f;
        f.layout = Layout::Tiled;
        run([&](CommandRecorder& r) { kernels::matmul(r, m, xs, ys, &bs, tokens, true, f); });
        const float err = maxRelError(read(ys, want.size()), want);
        QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("%1: relative error %2").arg(gguf::typeName(t).c_str()).arg(err)));
    }
}

// More row tiles and more token tiles than 65535 workgroups: with a 1 × 1
// tile the grid is capped in both dimensions and workgroups loop.
void TestVulkanGemm::tiledGridCaps()
{
    const MatmulTile one{1, 1, 1, 1};
    const uint32_t k = 32, many = 65535 + 70;
    for (auto [rows, tokens] : {std::pair{many, 2u}, std::pair{3u, many}}) {
        const auto data = randomRows(TensorType::F32, k, rows);
        const auto x = randomFloats(size_t(k) * tokens);
        const gguf::TensorInfo info = tensorInfo(TensorType::F32, k, rows, data);
        std::vector<float> want(size_t(rows) * tokens);
        backend::cpu::matmul(*pool_, info, x.data(), want.data(), tokens);
        DeviceMatrix m = matrix(TensorType::F32, k, rows, data, rows);
        BufferSlice xs = floats(x), ys = zeros(want.size() * 4);
        kernels::MatmulFusion f;
        f.layout = Layout::Tiled;
        f.tile = &one;
        run([&](CommandRecorder& r) { kernels::matmul(r, m, xs, ys, nullptr, tokens, false, f); });
        const float err = maxRelError(read(ys, want.size()), want);
        QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("%1 rows × %2 tokens: relative error %3").arg(rows).arg(tokens).arg(err)));
    }
}

void TestVulkanGemm::tiledInt8_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("k");
    QTest::addColumn<bool>("glu");
    QTest::addColumn<QString>("tile");
    for (TensorType t : kAllTypes) {
        if (!roundsActivations(t))
            continue;
        for (int n : {1, 7, 33, 128})
            for (int k : {32, 512})
                for (bool glu : {false, true})
                    for (const QString& tile : {QStringLiteral("plan"), QStringLiteral("gpu")})
                        QTest::newRow(qPrintable(QStringLiteral("%1 x%2 k%3%4 %5")
                                                     .arg(gguf::typeName(t).c_str())
                                                     .arg(n)
                                                     .arg(k)
                                                     .arg(glu ? " glu" : "")
                                                     .arg(tile)))
                            << int(t) << n << k << glu << tile;
    }
}

// The integer dot-product GEMM on Q8-rounded activations (rounded by the
// device's round_q8, as the backend does) against the float reference of
// the same rounded values, with bias and accumulation (GLU: without).
void TestVulkanGemm::tiledInt8()
{
    QFETCH(int, type);
    QFETCH(int, tokens);
    QFETCH(int, k);
    QFETCH(bool, glu);
    QFETCH(QString, tile);
    if (!context_->plan().integerDotProduct)
        QSKIP("the device does not offer shaderIntegerDotProduct");
    const TensorType t = TensorType(type);
    const uint32_t rows = 67, stored = glu ? 2 * rows : rows;
    const auto data = randomRows(t, uint32_t(k), stored);
    const auto x = randomFloats(size_t(k) * size_t(tokens), 2.0f);
    const auto bias = randomFloats(rows), base = randomFloats(size_t(rows) * tokens);
    BufferSlice xs = floats(x), rounded = zeros(x.size() * 4);
    run([&](CommandRecorder& r) { kernels::roundQ8(r, xs, rounded, uint32_t(x.size())); });
    const std::vector<float> xr = read(rounded, x.size());

    const gguf::TensorInfo info = tensorInfo(t, uint32_t(k), stored, data);
    std::vector<float> all(size_t(stored) * tokens), want(size_t(rows) * tokens);
    backend::cpu::matmul(*pool_, info, xr.data(), all.data(), size_t(tokens));
    for (int tt = 0; tt < tokens; ++tt)
        for (uint32_t r = 0; r < rows; ++r) {
            const size_t i = size_t(tt) * rows + r;
            const float g = all[size_t(tt) * stored + r];
            want[i] = glu ? g / (1.0f + std::exp(-g)) * all[size_t(tt) * stored + rows + r] : g + bias[r] + base[i];
        }

    DeviceMatrix m = matrix(t, uint32_t(k), stored, data, stored);
    BufferSlice ys = glu ? zeros(want.size() * 4) : floats(base), bs = floats(bias);
    const MatmulTile mt = tileNamed(tile, context_->plan());
    kernels::MatmulFusion f{.norm = nullptr, .eps = 0.0f, .glu = glu, .layout = Layout::Tiled, .tile = &mt,
                            .q8Input = true};
    Layout used = Layout::Auto;
    run([&](CommandRecorder& r) {
        used = kernels::matmul(r, m, rounded, ys, glu ? nullptr : &bs, uint32_t(tokens), !glu, f);
    });
    QCOMPARE(layoutName(used), layoutName(Layout::TiledInt8));
    const float err = maxRelError(read(ys, want.size()), want);
    QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("relative error %1").arg(err)));
}

void TestVulkanGemm::wholeModelTiledMatchesCpu_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("type");
    // The types the test model writer quantizes to (the fixture models of
    // reference_logits_vulkan_tiled cover the rest).
    for (TensorType t : {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0, TensorType::Q4_0,
                         TensorType::Q4_K, TensorType::Q6_K})
        QTest::newRow(qPrintable(QStringLiteral("qwen3 %1").arg(gguf::typeName(t).c_str()))) << "qwen3" << int(t);
    QTest::newRow("qwen2 Q4_0 biases") << "qwen2" << int(TensorType::Q4_0);
}

// A whole forward pass with every product in the GEMM (VulkanOptions::Matmul::
// Tiled: prefill and the last-token logits) against the CPU backend, all
// positions' logits; the tolerance of tst_vulkan_backend (F16 KV cache).
void TestVulkanGemm::wholeModelTiledMatchesCpu()
{
    QFETCH(QString, arch);
    QFETCH(int, type);
    vela::test::ModelSpec spec;
    spec.arch = arch.toStdString();
    spec.nEmbd = 256;
    spec.headDim = 64;
    spec.nFf = {512};
    spec.matrixType = TensorType(type);
    gguf::Writer w = vela::test::buildModel(spec);
    auto m = vela::test::openModel(w);
    auto cpu = backend::createCpuBackend(m, {.threads = 2, .roundActivations = false});
    auto gpu = createVulkanBackend(m, {.device = std::nullopt, .context = context_, .progress = {}, .memoryLimit = 0,
                                       .topK = {}, .matmul = VulkanOptions::Matmul::Tiled});
    std::mt19937 tokenRng(5);
    std::vector<backend::TokenId> tokens(45);
    for (auto& t : tokens)
        t = backend::TokenId(tokenRng() % m->config.nVocab);
    std::vector<float> a, b;
    auto sa = cpu->createState(64), sb = gpu->createState(64);
    cpu->forward(*sa, tokens, 0, backend::LogitsMode::All, a);
    gpu->forward(*sb, tokens, 0, backend::LogitsMode::All, b);
    QCOMPARE(b.size(), a.size());
    const float d = maxRelError(b, a);
    QVERIFY2(d < 5e-3f, qPrintable(QStringLiteral("relative difference %1").arg(d)));
    // Then decode steps (one token, also tiled) continue the same cache.
    const backend::TokenId next[] = {3, 17};
    cpu->forward(*sa, next, uint32_t(tokens.size()), backend::LogitsMode::All, a);
    for (uint32_t i = 0; i < 2; ++i) {
        std::vector<float> step;
        gpu->forward(*sb, {&next[i], 1}, uint32_t(tokens.size() + i), backend::LogitsMode::Last, step);
        const std::vector<float> want(a.begin() + ptrdiff_t(i * step.size()), a.begin() + ptrdiff_t((i + 1) * step.size()));
        QVERIFY2(maxRelError(step, want) < 5e-3f, qPrintable(QStringLiteral("decode %1").arg(i)));
    }
}

QTEST_APPLESS_MAIN(TestVulkanGemm)
#include "tst_vulkan_gemm.moc"
