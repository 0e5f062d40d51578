// The decode path of the Vulkan backend (issue 17): the subgroup product
// forced on any device (lavapipe in CI) for every block type, products
// reading a precomputed RMSNorm scale, the fused q|k|v product, the attention
// split chosen from the context size, greedy selection and the barrier
// count, each against the CPU reference. Skips when there is no device.
#include "kernel_test_rig.h"

#include "backend/backend.h"
#include "backend/cpu/kernels.h"
#include "backend/vulkan/vulkan_backend.h"
#include "model/model.h"
#include "model_writer.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace vela;
using namespace vela::backend::vulkan;
using gguf::TensorType;
using namespace vela::backend::vulkan::test;

namespace {

std::shared_ptr<const model::Model> makeModel(const vela::test::ModelSpec& spec)
{
    gguf::Writer w = vela::test::buildModel(spec);
    w.setUInt32(spec.arch + ".context_length", 1024);
    return vela::test::openModel(w);
}

const TensorType kBlockTypes[] = {TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1,
                                  TensorType::Q8_0, TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K,
                                  TensorType::Q5_K, TensorType::Q6_K};

} // namespace

class TestVulkanDecode : public QObject, KernelRig {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void planPicksTheDecodeKernels();
    void normScalePrecomputed_data();
    void normScalePrecomputed();
    void wholeModelDecode_data();
    void wholeModelDecode();
};

void TestVulkanDecode::initTestCase()
{
    openDevice();
}

void TestVulkanDecode::cleanupTestCase()
{
    closeDevice();
}

// GPUs with subgroup arithmetic decode with the subgroup kernel, AMD at
// wave64 where size control allows; the attention split follows the
// context size (one slice per 256 positions, at most the device's).
void TestVulkanDecode::planPicksTheDecodeKernels()
{
    DeviceInfo gpu;
    gpu.type = "discrete";
    gpu.vendorId = 0x10DE;
    QCOMPARE(layoutName(KernelPlan::forDevice(gpu).matmul), layoutName(Layout::SplitK)); // no subgroup ops
    gpu.subgroupArithmetic = true;
    const KernelPlan nvidia = KernelPlan::forDevice(gpu);
    QCOMPARE(layoutName(nvidia.matmul), layoutName(Layout::Subgroup));
    QCOMPARE(nvidia.matmulSubgroupSize, 0u);
    DeviceInfo amd = gpu;
    amd.vendorId = 0x1002;
    QCOMPARE(KernelPlan::forDevice(amd).matmulSubgroupSize, 0u); // no size control
    amd.subgroupSizeControl = true;
    amd.minSubgroupSize = 32;
    amd.maxSubgroupSize = 64;
    QCOMPARE(KernelPlan::forDevice(amd).matmulSubgroupSize, 64u);
    DeviceInfo cpu = gpu;
    cpu.type = "cpu";
    QCOMPARE(layoutName(KernelPlan::forDevice(cpu).matmul), layoutName(Layout::Texel));

    QCOMPARE(nvidia.decodeSplitsFor(1), 1u);
    QCOMPARE(nvidia.decodeSplitsFor(256), 1u);
    QCOMPARE(nvidia.decodeSplitsFor(257), 2u);
    QCOMPARE(nvidia.decodeSplitsFor(4096), 16u);
    QCOMPARE(nvidia.decodeSplitsFor(40960), kMaxDecodeSplits);
    const KernelPlan lavapipe = KernelPlan::forDevice(cpu);
    QCOMPARE(lavapipe.decodeSplitsFor(64), 1u);
    QCOMPARE(lavapipe.decodeSplitsFor(4096), lavapipe.decodeSplits);
}

void TestVulkanDecode::normScalePrecomputed_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("k");
    QTest::addColumn<bool>("glu");
    QTest::addColumn<int>("layout");
    for (TensorType t : kBlockTypes)
        for (int n : {1, 3})
            for (int k : {256, 1280})
                for (bool glu : {false, true})
                    for (Layout layout : {Layout::SplitK, Layout::RowPerThread, Layout::Subgroup})
                        QTest::newRow(qPrintable(QStringLiteral("%1 x%2 k%3%4 %5")
                                                     .arg(gguf::typeName(t).c_str())
                                                     .arg(n)
                                                     .arg(k)
                                                     .arg(glu ? " glu" : "")
                                                     .arg(layoutName(layout))))
                            << int(t) << n << k << glu << int(layout);
}

// rms_scale once, then the product with the norm folded in reading it,
// against rms_norm then the product on the CPU (odd row counts).
void TestVulkanDecode::normScalePrecomputed()
{
    QFETCH(int, type);
    QFETCH(int, tokens);
    QFETCH(int, k);
    QFETCH(bool, glu);
    QFETCH(int, layout);
    const TensorType t = TensorType(type);
    const uint32_t rows = 29, stored = glu ? 2 * rows : rows;
    const auto data = randomRows(t, uint32_t(k), stored);
    const auto x = randomFloats(size_t(k) * size_t(tokens), 3.0f), nw = randomFloats(size_t(k));
    const float eps = 1e-6f;
    std::vector<float> in(x.size());
    backend::cpu::rmsNorm(x.data(), nw.data(), in.data(), size_t(tokens), size_t(k), eps);
    gguf::TensorInfo info;
    info.type = t;
    info.nDims = 2;
    info.ne = {uint64_t(k), stored, 1, 1};
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
    const Layout expected = expectedLayout(Layout(layout), t, uint32_t(tokens), uint32_t(k), context_->plan(), skip);
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
    DeviceMatrix m = matrix(t, uint32_t(k), stored, data, stored);
    BufferSlice xs = floats(x), ns = floats(nw), ys = zeros(want.size() * 4), scales = zeros(size_t(tokens) * 4);
    kernels::MatmulFusion f{.norm = &ns, .eps = eps, .glu = glu, .layout = Layout(layout), .normScale = &scales};
    Layout used = Layout::Auto;
    run([&](CommandRecorder& r) {
        kernels::rmsScale(r, xs, scales, uint32_t(k), eps, uint32_t(tokens));
        r.barrier();
        used = kernels::matmul(r, m, xs, ys, nullptr, uint32_t(tokens), false, f);
    });
    QCOMPARE(layoutName(used), layoutName(expected));
    const float err = maxRelError(read(ys, want.size()), want);
    QVERIFY2(err < 1e-4f, qPrintable(QStringLiteral("relative error %1").arg(err)));
}

void TestVulkanDecode::wholeModelDecode_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("type"); // -1: the Q4_K_M mix (v and down in Q6_K on even layers)
    QTest::addColumn<int>("layout");
    for (int layout : {int(Layout::Auto), int(Layout::Subgroup)}) {
        const QString l = layoutName(Layout(layout));
        QTest::newRow(qPrintable("qwen3 q4_k_m " + l)) << "qwen3" << -1 << layout;
        QTest::newRow(qPrintable("qwen3 q6_k " + l)) << "qwen3" << int(TensorType::Q6_K) << layout;
        QTest::newRow(qPrintable("qwen2 q8_0 biases " + l)) << "qwen2" << int(TensorType::Q8_0) << layout;
        QTest::newRow(qPrintable("qwen3 q4_0 " + l)) << "qwen3" << int(TensorType::Q4_0) << layout;
    }
}

// Prefill, then decode steps one token at a time (the recorded decode step:
// fused q|k|v where the types allow, attention split from the context
// size), each step's logits against the CPU backend's, greedy selection
// against the host's argmax, and the decode step's dispatches and barriers.
void TestVulkanDecode::wholeModelDecode()
{
    QFETCH(QString, arch);
    QFETCH(int, type);
    QFETCH(int, layout);
    vela::test::ModelSpec spec;
    spec.arch = arch.toStdString();
    spec.nLayers = 2;
    spec.nEmbd = 256;
    spec.headDim = 64;
    spec.nHead = {4};
    spec.nHeadKv = {2};
    spec.nFf = {512};
    if (type < 0)
        spec.typeOf = vela::test::q4kmMix;
    else
        spec.matrixType = TensorType(type);
    auto m = makeModel(spec);
    auto cpu = backend::createCpuBackend(m, {.threads = 2, .roundActivations = false});
    VulkanOptions o{.device = std::nullopt, .context = context_};
    o.matmul = Layout(layout) == Layout::Subgroup ? VulkanOptions::Matmul::Subgroup : VulkanOptions::Matmul::Auto;
    // One submission per step, whatever the machine's load: each further
    // segment would open with a barrier of its own (counted below).
    o.submissionTargetMs = 1e9;
    auto gpu = createVulkanBackend(m, o);
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> pick(0, int(m->config.nVocab) - 1);
    std::vector<backend::TokenId> tokens(12);
    for (auto& t : tokens)
        t = pick(rng);
    // 300 positions: two attention slices on every plan.
    auto sa = cpu->createState(300), sb = gpu->createState(300);
    std::vector<float> a, b;
    cpu->forward(*sa, std::span(tokens).first(8), 0, backend::LogitsMode::Last, a);
    gpu->forward(*sb, std::span(tokens).first(8), 0, backend::LogitsMode::Last, b);
    for (uint32_t p = 8; p < tokens.size(); ++p) {
        cpu->forward(*sa, {&tokens[p], 1}, p, backend::LogitsMode::Last, a);
        gpu->forward(*sb, {&tokens[p], 1}, p, backend::LogitsMode::Last, b);
        QCOMPARE(b.size(), a.size());
        const float d = maxRelError(b, a);
        QVERIFY2(d < 5e-3f, qPrintable(QStringLiteral("position %1: relative difference %2").arg(p).arg(d)));
    }
    const backend::BackendStats s = gpu->stats();
    // Per layer at least: q|k|v (one product unless the types differ),
    // qk_norm_rope, attention, its merge, o, gate·up, down; every barrier
    // separates two dispatches, but the step's first (after the previous
    // submission) and the host read's: no copy, no barrier twice.
    QVERIFY(s.dispatchesPerStep >= 7 * spec.nLayers);
    QCOMPARE(s.submissionsPerStep, 1u);
    QVERIFY2(s.barriersPerStep <= s.dispatchesPerStep + 1,
             qPrintable(QStringLiteral("%1 barriers for %2 dispatches").arg(s.barriersPerStep).arg(s.dispatchesPerStep)));

    // Greedy (k = 1) on the device: the host argmax of the same step.
    std::vector<backend::TokenLogit> best, want;
    const uint32_t last = uint32_t(tokens.size() - 1);
    gpu->forward(*sb, {&tokens[last], 1}, last, backend::LogitsMode::Last, b);
    backend::selectTop(b, 1, want);
    gpu->forwardTop(*sb, {&tokens[last], 1}, last, 1, best);
    QCOMPARE(best.size(), size_t(1));
    QCOMPARE(best[0].id, want[0].id);
    QCOMPARE(best[0].logit, want[0].logit);
    QCOMPARE(context_->validationErrors(), 0u);
}

QTEST_APPLESS_MAIN(TestVulkanDecode)
#include "tst_vulkan_decode.moc"
