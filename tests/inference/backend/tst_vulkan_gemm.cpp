// The prefill GEMM (MatmulLayout::Tiled, shaders/matmul_tiled.comp) against
// the CPU reference (backend/cpu/kernels.h) for every weight type: token
// counts around and below the tile (1, 7, 33, 128), row counts that are not
// multiples of any tile, k at the smallest multiple of the block, bias,
// accumulate, the fused norm and GLU, matrices split into parts, and grids
// past the 65535-workgroup cap. Each case runs with this device's plan tile
// and the GPU plan's tile, so lavapipe also checks the tile GPUs run.
#include "kernel_test_rig.h"

#include "backend/cpu/kernels.h"

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

// The two tiles each case runs with: "plan" (this device's) and "gpu".
MatmulTile tileNamed(const QString& name, const KernelPlan& plan)
{
    if (name == QStringLiteral("plan"))
        return plan.tile;
    DeviceInfo gpu;
    gpu.type = "discrete";
    return KernelPlan::forDevice(gpu, 64).tile;
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
};

void TestVulkanGemm::initTestCase()
{
    if (listDevices().empty())
        QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
    context_ = Context::create();
    pipelines_ = std::make_unique<Pipelines>(context_);
    memory_ = std::make_unique<Allocator>(*context_, VkDeviceSize(16) << 20);
    pool_ = std::make_unique<backend::cpu::ThreadPool>(1);
    qInfo("device: %s", context_->info().name.c_str());
}

void TestVulkanGemm::cleanupTestCase()
{
    if (context_)
        QCOMPARE(context_->validationErrors(), 0u);
    memory_.reset();
    pipelines_.reset();
}

// Both device classes' tiles fit the portable 32 KiB with GLU, and Auto
// switches to the GEMM where the plan says.
void TestVulkanGemm::planTiles()
{
    DeviceInfo cpu, gpu;
    cpu.type = "cpu";
    gpu.type = "discrete";
    for (const KernelPlan& p : {KernelPlan::forDevice(cpu, 16), KernelPlan::forDevice(gpu, 64)}) {
        QVERIFY(p.tile.sharedBytes(true) <= kPortableSharedBytes);
        QVERIFY(p.tile.sharedBytes(false) < p.tile.sharedBytes(true));
        QCOMPARE(p.tile.bm % p.tile.tm, 0u);
        QCOMPARE(p.tile.bn % p.tile.tn, 0u);
        QVERIFY(p.tile.workgroup() >= p.tile.bn);
    }
    const KernelPlan g = KernelPlan::forDevice(gpu, 64), c = KernelPlan::forDevice(cpu, 16);
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

QTEST_APPLESS_MAIN(TestVulkanGemm)
#include "tst_vulkan_gemm.moc"
