// The submission planner (backend/vulkan/submission_plan.h) without a
// device: how a step's layers are split, how many segments a speed asks
// for, and how the speed estimate follows measurements.
#include "backend/vulkan/submission_plan.h"
#include "backend/vulkan/recorder.h"

#include <QtTest/QtTest>

using namespace vela::backend::vulkan;

namespace {

vela::model::Config config(uint32_t layers)
{
    vela::model::Config c;
    c.nLayers = layers;
    c.nEmbd = 1024;
    c.headDim = 128;
    c.valueDim = 128;
    c.nVocab = 151936;
    c.layers.assign(layers, {.nHead = 16, .nHeadKv = 8, .nFf = 3072});
    return c;
}

double segmentGflop(const StepWork& w, const LayerRange& r)
{
    double g = r.end == w.layers.size() ? w.head : 0.0;
    for (uint32_t l = r.begin; l < r.end; ++l)
        g += w.layers[l];
    return g;
}

} // namespace

class TestSubmissionPlan : public QObject {
    Q_OBJECT
private slots:
    void splitsLayersEvenlyAndInOrder();
    void workCountsProductsAttentionAndHead();
    void fewestSegmentsWithinTheTarget();
    void speedFollowsMeasurements();
    void timestampsMaskedToTheirValidBits();
};

void TestSubmissionPlan::splitsLayersEvenlyAndInOrder()
{
    const auto r = splitLayers(28, 5);
    QCOMPARE(r.size(), size_t(5));
    QCOMPARE(r.front().begin, 0u);
    QCOMPARE(r.back().end, 28u);
    for (size_t i = 0; i < r.size(); ++i) {
        const uint32_t size = r[i].end - r[i].begin;
        QVERIFY(size == 5 || size == 6);
        if (i > 0)
            QCOMPARE(r[i].begin, r[i - 1].end);
    }
    QCOMPARE(splitLayers(28, 1), (std::vector<LayerRange>{{0, 28}}));
    QCOMPARE(splitLayers(3, 7).size(), size_t(3)); // at most one layer each
    QCOMPARE(splitLayers(3, 0), (std::vector<LayerRange>{{0, 3}}));
}

void TestSubmissionPlan::workCountsProductsAttentionAndHead()
{
    const auto c = config(4);
    const StepWork one = stepWork(c, 1, 0, 1);
    // One token, nothing cached: 2 FLOP per weight of q, k, v, o, gate, up,
    // down (1024·(2·2048 + 2·1024) + 3·1024·3072 weights) plus attention
    // over itself (2·2048 multiply-adds).
    const double weights = 1024.0 * (2 * 2048 + 2 * 1024) + 3.0 * 1024 * 3072;
    QCOMPARE(one.layers.size(), size_t(4));
    QVERIFY(qAbs(one.layers[0] - 2e-9 * (weights + 2 * 2048)) < 1e-12);
    QVERIFY(qAbs(one.head - 2e-9 * 1024 * 151936) < 1e-12);
    QCOMPARE(stepWork(c, 1, 0, 0).head, 0.0);
    // 128 tokens cost 128 times the products; attention grows with the position.
    const StepWork chunk = stepWork(c, 128, 0, 0), later = stepWork(c, 128, 4096, 0);
    QVERIFY(chunk.layers[0] > 127 * one.layers[0]);
    QVERIFY(later.layers[0] > chunk.layers[0] * 1.5);
    QVERIFY(qAbs(chunk.total() - 4 * chunk.layers[0]) < 1e-9);
}

void TestSubmissionPlan::fewestSegmentsWithinTheTarget()
{
    const auto c = config(28);
    const StepWork w = stepWork(c, 128, 0, 1);
    const double total = w.total();
    // Fast enough for the whole step in one submission.
    QCOMPARE(planSegments(w, 100.0 / total, 150.0), 1u);
    // Over the target in all: the fewest segments that each fit.
    for (double totalMs : {300.0, 1000.0, 2000.0}) {
        const double rate = totalMs / total;
        const uint32_t s = planSegments(w, rate, 150.0);
        QVERIFY2(s >= uint32_t(std::ceil(totalMs / 150.0)), qPrintable(QString::number(s)));
        for (const LayerRange& r : splitLayers(28, s))
            QVERIFY(segmentGflop(w, r) * rate <= 150.0);
        bool fewerFits = true;
        for (const LayerRange& r : splitLayers(28, s - 1))
            fewerFits = fewerFits && segmentGflop(w, r) * rate <= 150.0;
        QVERIFY(!fewerFits);
    }
    // Even one layer is over the target: one layer per submission.
    QCOMPARE(planSegments(w, 1e6, 150.0), 28u);
    QCOMPARE(planSegments(w, 1.0, 0.0), 28u);
    // All rows' logits weigh on the last segment.
    const StepWork all = stepWork(c, 128, 0, 128);
    QVERIFY(planSegments(all, 1000.0 / total, 150.0) > planSegments(w, 1000.0 / total, 150.0));
}

void TestSubmissionPlan::speedFollowsMeasurements()
{
    SpeedEstimate s(kInitialMsPerGflopGpu);
    QCOMPARE(s.msPerGflop(128), kInitialMsPerGflopGpu);
    s.record(128, 100.0, 50.0); // 0.5 ms per GFLOP
    QCOMPARE(s.msPerGflop(128), 0.5);
    QCOMPARE(s.msPerGflop(100), 0.5); // 64..127: the nearest measured class, 128..255
    QCOMPARE(s.msPerGflop(1), 0.5);   // nearest measured class
    s.record(1, 1.0, 4.0);            // decode: 4 ms per GFLOP
    QCOMPARE(s.msPerGflop(1), 4.0);
    QCOMPARE(s.msPerGflop(2), 4.0);
    QCOMPARE(s.msPerGflop(128), 0.5);
    // Slower: taken at once; faster: averaged in.
    s.record(128, 100.0, 200.0);
    QCOMPARE(s.msPerGflop(128), 2.0);
    s.record(128, 100.0, 100.0);
    QVERIFY(s.msPerGflop(128) < 2.0 && s.msPerGflop(128) > 1.0);
    for (int i = 0; i < 40; ++i)
        s.record(128, 100.0, 100.0);
    QVERIFY(qAbs(s.msPerGflop(128) - 1.0) < 1e-3);
    // Nonsense measurements change nothing.
    s.record(128, 0.0, 5.0);
    s.record(128, 1.0, -1.0);
    QVERIFY(qAbs(s.msPerGflop(128) - 1.0) < 1e-3);
}

void TestSubmissionPlan::timestampsMaskedToTheirValidBits()
{
    const uint64_t m36 = (uint64_t(1) << 36) - 1;
    QCOMPARE(timestampTicks(100, 250, m36), uint64_t(150));
    // Bits above the valid ones are undefined: ignored.
    QCOMPARE(timestampTicks((uint64_t(7) << 40) | 100, (uint64_t(3) << 50) | 250, m36), uint64_t(150));
    // A wrap between the two: counted modulo 2^36.
    QCOMPARE(timestampTicks(m36 - 9, 20, m36), uint64_t(30));
    QCOMPARE(timestampTicks(5, 9, ~uint64_t(0)), uint64_t(4));
    QCOMPARE(timestampTicks(~uint64_t(0) - 1, 3, ~uint64_t(0)), uint64_t(5));
}

QTEST_APPLESS_MAIN(TestSubmissionPlan)
#include "tst_submission_plan.moc"
