// The fit estimate: the arithmetic on a Qwen3-0.6B-shaped model, verdicts
// and the shorter context, and on fixture models against what the Vulkan
// backend actually allocates (when a Vulkan device, lavapipe included, exists).
#include "library/fit_estimate.h"
#include "library/memory_budgets.h"
#include "library/model_info.h"

#include "backend/vulkan/context.h"
#include "backend/vulkan/vulkan_backend.h"
#include "common/shared_fixtures.h"
#include "gguf/gguf_file.h"
#include "model/model.h"
#include "model_writer.h"

#include <set>

#include <QtTest/QTest>

using namespace vela::library;

namespace {

constexpr uint64_t MiB = uint64_t(1) << 20;

// Qwen3-0.6B (config.json): 28 layers, hidden 1024, 16 query / 8 KV heads of
// 128, FFN 3072, vocabulary 151,936, trained context 40,960.
ModelShape qwen3_06b(uint64_t weightBytes)
{
    ModelShape s;
    s.weightBytes = weightBytes;
    s.fileBytes = weightBytes + 5 * MiB;
    s.nEmbd = 1024;
    s.headDim = 128;
    s.nVocab = 151936;
    s.trainedContext = 40960;
    s.layers.assign(28, LayerDims{16, 8, 3072});
    return s;
}

} // namespace

class TestFit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kvCacheArithmetic()
    {
        const ModelShape s = qwen3_06b(600 * MiB);
        // 2 (K and V) · 28 layers · 4096 positions · 8 heads · 128 · 2 bytes (F16)
        QCOMPARE(kvCacheBytes(s, 4096, DeviceKind::Gpu), uint64_t(469762048));
        QCOMPARE(kvCacheBytes(s, 4096, DeviceKind::Cpu), uint64_t(939524096)); // F32
        QCOMPARE(kvCacheBytes(s, 40960, DeviceKind::Gpu), uint64_t(10) * 469762048);
    }

    void scratchArithmetic()
    {
        const ModelShape s = qwen3_06b(600 * MiB);
        // The Vulkan state's buffers besides the KV cache: activations for a
        // 128-token submission, 4 · 128 · (2·1024 + 2·2048 + 2·1024 + 3·3072)
        // = 8,912,896, and the last token's row (4,096); one vocabulary row
        // (607,744); top-k scratch, the larger of the rounds' ⌈151,936 /
        // 2,048⌉ · 128 · 8 = 76,800 and the sort tree's two levels (75 and 5
        // slices of 128 pairs: 76,800 + 5,120); attention partials for 16
        // splits 16·16·130·4 = 133,120; the norm scales of 128 tokens (512).
        QCOMPARE(scratchBytes(s, DeviceKind::Gpu), uint64_t(8912896 + 4096 + 607744 + 81920 + 133120 + 512));
        // Host-visible: 110 logits rows of 151,936 floats fit in 64 MiB, the
        // top-k result (128 pairs) and the step parameters (130 words, in
        // whole 16-byte units).
        QCOMPARE(hostBufferBytes(s), uint64_t(110) * 607744 + 1024 + 528);
    }

    void verdicts()
    {
        const ModelShape s = qwen3_06b(600 * MiB);
        const MemoryEstimate e = estimateMemory(s, 4096, DeviceKind::Gpu);
        // Weights in 256 MiB blocks: 768; KV + scratch (457.5 MiB) in 64 MiB blocks: 512.
        QCOMPARE(e.deviceTotal, 1280 * MiB);
        QCOMPARE(e.total, e.deviceTotal + e.hostBuffers);

        FitResult f = estimateFit(s, 4096, 2048 * MiB, DeviceKind::Gpu);
        QCOMPARE(f.verdict, FitVerdict::Fits);
        QCOMPARE(f.context, 4096u);
        QCOMPARE(describe(f), std::string("Fits"));

        // 1 GiB: 768 + 63.75 (read-back) leaves 192 MiB of state: 1536 positions.
        f = estimateFit(s, 4096, 1024 * MiB, DeviceKind::Gpu);
        QCOMPARE(f.verdict, FitVerdict::FitsShorterContext);
        QCOMPARE(f.context, 1536u);
        QVERIFY(f.estimate.total <= 1024 * MiB);
        QVERIFY(estimateMemory(s, 2048, DeviceKind::Gpu).total > 1024 * MiB);
        QCOMPARE(describe(f), std::string("Fits with shorter context (1536)"));

        f = estimateFit(s, 4096, 900 * MiB, DeviceKind::Gpu);
        QCOMPARE(f.verdict, FitVerdict::TooLarge);
        QCOMPARE(describe(f), std::string("Too large"));

        // Asking beyond the trained context is clamped to it.
        f = estimateFit(s, 1 << 20, uint64_t(1) << 40, DeviceKind::Gpu);
        QCOMPARE(f.context, 40960u);

        // The CPU reads the mapped file and keeps the cache in F32.
        const MemoryEstimate cpu = estimateMemory(s, 4096, DeviceKind::Cpu);
        QCOMPARE(cpu.weights, s.fileBytes);
        QCOMPARE(cpu.total, cpu.weights + cpu.kvCache + cpu.scratch);
    }

    void budgetsIncludeTheCpu()
    {
        const auto budgets = memoryBudgets(false);
        QCOMPARE(budgets.size(), size_t(1));
        QCOMPARE(budgets[0].id, std::string("cpu"));
        QVERIFY(budgets[0].budgetBytes > 0);
    }

    void fixtureWeightsAreTheTensorBytes_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"tiny-qwen3-Q8_0.gguf", "tiny-qwen3-Q4_K_M.gguf", "tiny-qwen3-BF16.gguf",
                              "tiny-qwen3-untied-Q4_K_M.gguf", "tiny-qwen2-Q4_K_M.gguf"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    void fixtureWeightsAreTheTensorBytes()
    {
        VELA_REQUIRE_SHARED();
        QFETCH(QString, file);
        const auto path = vela::test::fixtureModel(file.toStdString());
        const ModelInfo m = inspectModel(QString::fromStdString(path.string()), file);
        QVERIFY2(m.valid, qPrintable(m.error));
        const vela::gguf::File g = vela::gguf::File::open(path);
        uint64_t expected = 0;
        for (const auto& t : g.tensors())
            expected += t.nDims == 1 ? t.nElements * 4 : t.nBytes;
        QCOMPARE(m.shape.weightBytes, expected);
        QCOMPARE(m.shape.fileBytes, g.fileSize());
        QVERIFY(estimateFit(m.shape, 4096, 1024 * MiB, DeviceKind::Gpu).verdict == FitVerdict::Fits);
        QVERIFY(estimateFit(m.shape, 4096, 1 * MiB, DeviceKind::Gpu).verdict == FitVerdict::TooLarge);
    }

    void estimateMatchesWhatTheVulkanBackendAllocates()
    {
        VELA_REQUIRE_SHARED();
        if (vela::backend::vulkan::listDevices().empty())
            QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
        for (const char* file : {"tiny-qwen3-Q4_K_M.gguf", "qwen3-fullvocab-tiny-Q8_0.gguf"}) {
            const auto path = vela::test::fixtureModel(file);
            const ModelInfo m = inspectModel(QString::fromStdString(path.string()), QString::fromLatin1(file));
            auto backend = vela::backend::vulkan::createVulkanBackend(vela::model::Model::open(path));
            auto state = backend->createState(2048);
            const auto stats = backend->stats();
            const MemoryEstimate e = estimateMemory(m.shape, 2048, DeviceKind::Gpu);
            QCOMPARE(stats.deviceBytes, e.deviceTotal);
        }
    }

    // The estimate follows the backend as the context grows: a model whose
    // KV cache (8 KiB a position) crosses several of the state's 64 MiB
    // blocks, against what the Vulkan backend's allocator holds.
    void estimateFollowsTheContext()
    {
        if (vela::backend::vulkan::listDevices().empty())
            QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
        vela::test::ModelSpec spec;
        spec.nHead = {8};
        spec.nHeadKv = {8};
        spec.headDim = 128;
        spec.trainedContext = 20000;
        const auto model = vela::test::openModel(spec);
        const ModelShape shape = ModelShape::fromGguf(model->file, model->config, model->weights.unusedTensors);
        auto backend = vela::backend::vulkan::createVulkanBackend(model);
        std::set<uint64_t> totals;
        for (uint32_t nCtx : {1u, 777u, 8000u, 8192u, 16000u, 20000u}) {
            auto state = backend->createState(nCtx);
            const auto stats = backend->stats();
            const MemoryEstimate e = estimateMemory(shape, nCtx, DeviceKind::Gpu);
            QCOMPARE(e.kvCache, uint64_t(nCtx) * 8192);
            QCOMPARE(stats.deviceBytes, e.deviceTotal);
            totals.insert(e.deviceTotal);
        }
        QVERIFY(totals.size() >= 3); // the contexts span one to four state blocks
    }
};

QTEST_GUILESS_MAIN(TestFit)
#include "tst_library_fit.moc"
