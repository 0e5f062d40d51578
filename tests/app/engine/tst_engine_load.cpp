// EngineController and InferenceWorker: loading, unloading and reloading
// models, the context size, failures (missing, garbage, no Vulkan device,
// injected GPU faults) and shutdown during a load; once on Vulkan when a
// device exists.
#include "engine_test_support.h"

#include "engine/engine_errors.h"

#include "backend/vulkan/context.h"
#include "common/error.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QtTest/QtTest>

#include <memory>
#include <optional>

using namespace vela;
using namespace vela::app;
using namespace vela::app::test_support;

class TestEngineLoad : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void loadReportsModelInfoAndMonotonicProgress();
    void loadMissingFileFails();
    void loadGarbageFileFails();
    void loadMissingVulkanDeviceFails();
    void generateWithoutModelFails();
    void loadWhileGeneratingStopsTheReply();
    void unloadThenReload();
    void contextResizeKeepsTheWeights();
    void destroyMidLoadReturnsPromptly();
    void vulkanLoadsAndStreams();
    void injectedGpuFaultsAreSurvived();

private:
    ModelFiles models_;
};

void TestEngineLoad::initTestCase() { QVERIFY(models_.write()); }

void TestEngineLoad::loadReportsModelInfoAndMonotonicProgress()
{
    EngineController c;
    QCOMPARE(c.state(), EngineController::State::Unloaded);
    QSignalSpy progress(&c, &EngineController::loadProgress);
    QSignalSpy states(&c, &EngineController::stateChanged);
    QVERIFY(load(c, models_.chat, cpu()));

    QVERIFY(progress.size() >= 2);
    double last = -1.0;
    for (const QList<QVariant>& p : progress) {
        const double f = p.at(0).toDouble();
        QVERIFY2(f >= last, qPrintable(QStringLiteral("progress went back from %1 to %2").arg(last).arg(f)));
        QVERIFY(!p.at(1).toString().isEmpty());
        last = f;
    }
    QCOMPARE(last, 1.0);

    const LoadedModelInfo& info = c.modelInfo();
    const auto expected = test::openModel(test::chatSpec());
    QCOMPARE(info.name(), QStringLiteral("random-qwen3"));
    QCOMPARE(info.path, models_.chat);
    QCOMPARE(info.architecture(), QStringLiteral("qwen3"));
    QCOMPARE(info.parameters(), qint64(expected->weights.nParams));
    QCOMPARE(info.quantization(), QStringLiteral("F32"));
    QCOMPARE(info.fileBytes(), QFileInfo(models_.chat).size());
    QCOMPARE(info.contextSize, 512); // min(trained 512, 4096)
    QCOMPARE(info.trainedContext(), 512);
    QCOMPARE(info.backend, QStringLiteral("cpu"));
    QVERIFY2(info.device.startsWith(QLatin1String("CPU")), qPrintable(info.device));
    QCOMPARE(info.vramBytes, qint64(0));
    QVERIFY(info.thinkingCapable());
    QCOMPARE(info.templateFamily(), QStringLiteral("qwen3"));
    QVERIFY(info.loadMs > 0.0);
    QCOMPARE(c.state(), EngineController::State::Ready);
    QCOMPARE(c.stats().contextSize, 512);
    QCOMPARE(c.stats().contextUsed, 0);
    QCOMPARE(states.size(), 2); // Loading, Ready
    QCOMPARE(states.at(0).at(0).value<EngineController::State>(), EngineController::State::Loading);

    // A chosen context size, and one beyond the model's limit.
    QVERIFY(load(c, models_.chat, cpu(), 128));
    QCOMPARE(c.modelInfo().contextSize, 128);
    QVERIFY(load(c, models_.chat, cpu(), 100000));
    QCOMPARE(c.modelInfo().contextSize, 512);
}

void TestEngineLoad::loadMissingFileFails()
{
    EngineController c;
    QSignalSpy failed(&c, &EngineController::loadFailed);
    QSignalSpy loaded(&c, &EngineController::modelLoaded);
    c.loadModel(models_.dir.filePath(QStringLiteral("nope.gguf")), cpu());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kLoadTimeoutMs);
    const auto e = failed.at(0).at(0).value<ErrorInfo>();
    QCOMPARE(e.kind, ErrorInfo::Kind::InvalidModel);
    QVERIFY2(e.message.contains(QLatin1String("nope.gguf")), qPrintable(e.message));
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(c.state(), EngineController::State::Unloaded);
}

void TestEngineLoad::loadGarbageFileFails()
{
    EngineController c;
    QVERIFY(load(c, models_.chat, cpu()));
    QSignalSpy failed(&c, &EngineController::loadFailed);
    QSignalSpy unloaded(&c, &EngineController::modelUnloaded);
    c.loadModel(models_.garbage, cpu());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kLoadTimeoutMs);
    const auto e = failed.at(0).at(0).value<ErrorInfo>();
    QCOMPARE(e.kind, ErrorInfo::Kind::InvalidModel);
    QVERIFY(!e.message.isEmpty());
    // The previous model was unloaded first.
    QCOMPARE(unloaded.size(), 1);
    QVERIFY(!c.isLoaded());
    QCOMPARE(c.state(), EngineController::State::Unloaded);
}

void TestEngineLoad::loadMissingVulkanDeviceFails()
{
    EngineController c;
    QSignalSpy failed(&c, &EngineController::loadFailed);
    BackendChoice b;
    b.kind = BackendChoice::Kind::Vulkan;
    b.device = 999;
    c.loadModel(models_.chat, b);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kLoadTimeoutMs);
    QCOMPARE(failed.at(0).at(0).value<ErrorInfo>().kind, ErrorInfo::Kind::NoDevice);
}

void TestEngineLoad::generateWithoutModelFails()
{
    EngineController c;
    const Reply r = runReply(c, 1, ask(QStringLiteral("hi")), {});
    QVERIFY(r.done);
    QVERIFY(r.failed);
    QCOMPARE(r.error.kind, ErrorInfo::Kind::NoModel);
    QVERIFY(!r.error.message.isEmpty());
    QCOMPARE(r.deltas, 0);
    QCOMPARE(c.state(), EngineController::State::Unloaded);
}

void TestEngineLoad::loadWhileGeneratingStopsTheReply()
{
    EngineController c;
    Reply r;
    QVERIFY(load(c, models_.slow, cpu()));
    track(c, 1, r, &c);
    // Held in its first text until the next load is asked: the reply is
    // running then, whatever the machine's speed.
    WorkerHold hold;
    hold.holdAtFirstDelta(c.worker());
    c.generate(1, ask(QStringLiteral("Tell me a long story.")), greedy(100000));
    QVERIFY(hold.waitHeld(kReplyTimeoutMs));
    QVERIFY2(!r.done, "the reply ended before the next load");
    QSignalSpy loaded(&c, &EngineController::modelLoaded);
    c.loadModel(models_.chat, cpu());
    QCOMPARE(c.state(), EngineController::State::Loading);
    hold.release();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeoutMs);
    QVERIFY(r.done);
    QCOMPARE(r.result.stopReason, StopReason::Stopped);
    QCOMPARE(c.modelInfo().path, models_.chat);
    QCOMPARE(c.state(), EngineController::State::Ready);
}

void TestEngineLoad::unloadThenReload()
{
    EngineController c;
    QVERIFY(load(c, models_.chat, cpu(), 256));
    const LoadedModelInfo before = c.modelInfo();
    QSignalSpy unloaded(&c, &EngineController::modelUnloaded);
    c.unloadModel();
    QTRY_COMPARE_WITH_TIMEOUT(unloaded.size(), 1, kLoadTimeoutMs);
    QVERIFY(!c.isLoaded());
    QCOMPARE(c.state(), EngineController::State::Unloaded);
    const Reply none = runReply(c, 1, ask(QStringLiteral("hi")), greedy(4));
    QCOMPARE(none.error.kind, ErrorInfo::Kind::NoModel);

    // reload() repeats the last load (the recovery after a lost device).
    QSignalSpy loaded(&c, &EngineController::modelLoaded);
    c.reload();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeoutMs);
    QCOMPARE(c.modelInfo().path, before.path);
    QCOMPARE(c.modelInfo().contextSize, 256);
    const Reply ok = runReply(c, 2, ask(QStringLiteral("hi")), greedy(4));
    QVERIFY(ok.done && !ok.failed);
}

void TestEngineLoad::contextResizeKeepsTheWeights()
{
    EngineController c;
    QVERIFY(load(c, models_.chat, cpu(), 256));
    QSignalSpy loads(&c, &EngineController::modelLoaded);
    QSignalSpy resized(&c, &EngineController::contextSizeChanged);
    QCOMPARE(c.effectiveContextSize(0), 256u);      // the load's own size
    QCOMPARE(c.effectiveContextSize(100000), 512u); // bounded by the trained context
    c.setContextSize(128);
    // Queued before the reply: the reply runs on the new cache.
    Reply r = runReply(c, 1, ask(QStringLiteral("Hi")), greedy(4));
    QVERIFY(r.done && !r.failed);
    QCOMPARE(resized.size(), 1);
    QCOMPARE(resized.first().first().toInt(), 128);
    QCOMPARE(r.result.contextSize, 128);
    QCOMPARE(c.modelInfo().contextSize, 128);
    QCOMPARE(c.stats().contextSize, 128);
    c.setContextSize(100000);
    QTRY_COMPARE_WITH_TIMEOUT(resized.size(), 2, kReplyTimeoutMs);
    QCOMPARE(c.modelInfo().contextSize, 512);
    c.setContextSize(512); // the same size: nothing to do
    c.setContextSize(0);   // back to the load's size
    QTRY_COMPARE_WITH_TIMEOUT(resized.size(), 3, kReplyTimeoutMs);
    QCOMPARE(c.modelInfo().contextSize, 256);
    r = runReply(c, 2, ask(QStringLiteral("Hi")), greedy(4));
    QVERIFY(r.done && !r.failed);
    QCOMPARE(r.result.contextSize, 256);
    QCOMPARE(loads.size(), 0);
}

void TestEngineLoad::destroyMidLoadReturnsPromptly()
{
    QElapsedTimer t;
    {
        EngineController c;
        QSignalSpy progress(&c, &EngineController::loadProgress);
        c.loadModel(models_.slow, cpu());
        c.generate(1, ask(QStringLiteral("hi")), greedy(100000)); // queued behind the load
        QVERIFY(QTest::qWaitFor([&] { return !progress.isEmpty(); }, kLoadTimeoutMs));
        t.start();
    }
    QVERIFY2(t.elapsed() < 10000, qPrintable(QStringLiteral("shutdown took %1 ms").arg(t.elapsed())));

    // shutdown() is explicit too, and idempotent; requests afterwards fail.
    EngineController c;
    c.shutdown();
    c.shutdown();
    QCOMPARE(c.state(), EngineController::State::ShutDown);
    QVERIFY(c.workerThread() == nullptr);
    QSignalSpy failed(&c, &EngineController::replyFailed);
    c.generate(5, ask(QStringLiteral("hi")));
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<quint64>(), quint64(5));
}

void TestEngineLoad::vulkanLoadsAndStreams()
{
    if (backend::vulkan::listDevices().empty())
        QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
    EngineController c;
    QSignalSpy progress(&c, &EngineController::loadProgress);
    BackendChoice b;
    b.kind = BackendChoice::Kind::Vulkan;
    QVERIFY(load(c, models_.chat, b));
    double last = -1.0;
    for (const QList<QVariant>& p : progress) {
        QVERIFY(p.at(0).toDouble() >= last);
        last = p.at(0).toDouble();
    }
    QCOMPARE(last, 1.0);
    QCOMPARE(c.modelInfo().backend, QStringLiteral("vulkan"));
    QVERIFY(!c.modelInfo().device.isEmpty());
    QVERIFY(c.modelInfo().vramBytes > 0);
    qInfo("device %s, %lld bytes", qPrintable(c.modelInfo().device), c.modelInfo().vramBytes);

    const Reply r = runReply(c, 1, ask(QStringLiteral("Hello")), greedy(32));
    QVERIFY2(r.done && !r.failed, qPrintable(r.error.message));
    QVERIFY(r.result.generatedTokens > 0);
    QCOMPARE(r.reasoning, r.result.reasoning);
    QCOMPARE(r.content, r.result.content);
}

// GPU faults through the whole worker (VELA_FAULT_INJECTION, test builds):
// a failed allocation fails the load with OutOfDeviceMemory and leaves the
// controller usable; a device lost mid-reply fails that reply with
// DeviceLost, unloads the model, and reload() (a fresh device) answers again.
void TestEngineLoad::injectedGpuFaultsAreSurvived()
{
#ifndef VELA_FAULT_INJECTION
    QSKIP("built without VELA_FAULT_INJECTION");
#else
    if (backend::vulkan::listDevices().empty())
        QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
    BackendChoice vk;
    vk.kind = BackendChoice::Kind::Vulkan;
    EngineController c;
    {
        qputenv("VELA_FAULT_INJECTION", "alloc=1");
        QSignalSpy failed(&c, &EngineController::loadFailed);
        QVERIFY(!load(c, models_.chat, vk));
        QCOMPARE(failed.size(), 1);
        const auto e = failed.at(0).at(0).value<ErrorInfo>();
        QCOMPARE(e.kind, ErrorInfo::Kind::OutOfDeviceMemory);
        QVERIFY2(e.message.contains(QStringLiteral("GPU memory")), qPrintable(e.message));
    }
    qputenv("VELA_FAULT_INJECTION", "lost=12");
    QVERIFY(load(c, models_.chat, vk));
    ReplyOptions opts = greedy(64);
    const Reply lost = runReply(c, 1, ask(QStringLiteral("Hello")), opts);
    QVERIFY(lost.done);
    QVERIFY(lost.failed);
    QCOMPARE(lost.error.kind, ErrorInfo::Kind::DeviceLost);
    QVERIFY(!c.isLoaded());

    qunsetenv("VELA_FAULT_INJECTION");
    QSignalSpy loaded(&c, &EngineController::modelLoaded);
    c.reload();
    QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty(); }, kLoadTimeoutMs));
    const Reply again = runReply(c, 2, ask(QStringLiteral("Hello")), greedy(8));
    QVERIFY2(again.done && !again.failed, qPrintable(again.error.message));
    QVERIFY(again.result.generatedTokens > 0);
#endif
}

QTEST_GUILESS_MAIN(TestEngineLoad)
#include "tst_engine_load.moc"
