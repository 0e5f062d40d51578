// EngineController and InferenceWorker end to end: random-weight models
// written to a temporary directory, loaded on the CPU backend (and once on
// Vulkan when a device exists), driven from this (the GUI) thread through
// queued signals. The machine running the tests may be slow and shared, so
// waits are generous; what is timed (stop, shutdown) is compared against
// bounds far above a token's time.
#include "engine/delta_coalescer.h"
#include "engine/engine_controller.h"
#include "engine/engine_errors.h"
#include "engine/inference_worker.h"
#include "engine/model_loader.h"
#include "engine/reply_stream.h"

#include "backend/vulkan/context.h"
#include "common/error.h"
#include "runtime/session.h"
#include "model_writer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QtTest>

#include <memory>
#include <optional>
#include <thread>

using namespace vela;
using namespace vela::app;

namespace {

constexpr int kLoadTimeoutMs = 120000;
constexpr int kReplyTimeoutMs = 300000;

// A small Qwen3 chat model: hundreds of tokens a second on the CPU.
// Untied: with tied embeddings a random model mostly repeats its last
// input token (a newline, which the reasoning split drops), and the tests
// need text.
test::ModelSpec chatSpec()
{
    test::ModelSpec s;
    s.tied = false;
    s.seed = 7;
    return s;
}

// Large enough that a token takes milliseconds, so that a reply is still
// running when the test stops it or destroys the controller.
test::ModelSpec slowSpec()
{
    test::ModelSpec s;
    s.nLayers = 4;
    s.nEmbd = 384;
    s.headDim = 64;
    s.nHead = {6};
    s.nHeadKv = {2};
    s.nFf = {1536};
    s.tied = false;
    s.seed = 3;
    return s;
}

QList<ChatTurn> ask(const QString& text)
{
    return {ChatTurn{ChatTurn::Role::User, text, {}}};
}

ReplyOptions greedy(int maxTokens, bool thinking = true)
{
    ReplyOptions o;
    o.thinking = thinking;
    o.maxTokens = maxTokens;
    o.sampling = sampling::SamplingParams::greedy();
    return o;
}

// Everything the controller said about one request.
struct Reply {
    QString reasoning, content; // concatenated deltas
    int deltas = 0;
    QStringList log;            // "R" reasoning delta, "C" content delta, "P:R"/"P:A" phases
    bool done = false;
    bool failed = false;
    ReplyResult result;
    ErrorInfo error;
    Qt::HANDLE engineThread = nullptr; // the thread the worker emitted from
};

// Records the signals of request `id` into `r` until `scope` is destroyed.
void track(EngineController& c, quint64 id, Reply& r, const QObject* scope)
{
    QObject::connect(&c, &EngineController::replyDelta, scope, [&r, id](quint64 rid, const QString& rs, const QString& ct) {
        if (rid != id)
            return;
        ++r.deltas;
        r.reasoning += rs;
        r.content += ct;
        if (!rs.isEmpty())
            r.log << QStringLiteral("R");
        if (!ct.isEmpty())
            r.log << QStringLiteral("C");
    });
    QObject::connect(&c, &EngineController::phaseChanged, scope, [&r, id](quint64 rid, ReplyPhase p) {
        if (rid == id)
            r.log << (p == ReplyPhase::Reasoning ? QStringLiteral("P:R") : QStringLiteral("P:A"));
    });
    QObject::connect(&c, &EngineController::replyFinished, scope, [&r, id](quint64 rid, const ReplyResult& res) {
        if (rid != id)
            return;
        r.result = res;
        r.done = true;
    });
    QObject::connect(&c, &EngineController::replyFailed, scope, [&r, id](quint64 rid, const ErrorInfo& e) {
        if (rid != id)
            return;
        r.error = e;
        r.failed = true;
        r.done = true;
    });
    // Direct: runs on the thread that emits, i.e. where the engine runs.
    QObject::connect(c.worker(), &InferenceWorker::replyFinished, scope,
                     [&r, id](quint64 rid, const ReplyResult&) {
                         if (rid == id)
                             r.engineThread = QThread::currentThreadId();
                     },
                     Qt::DirectConnection);
}

Reply runReply(EngineController& c, quint64 id, const QList<ChatTurn>& turns, const ReplyOptions& options)
{
    Reply r;
    const QObject scope;
    track(c, id, r, &scope);
    c.generate(id, turns, options);
    if (!QTest::qWaitFor([&] { return r.done; }, kReplyTimeoutMs))
        qWarning("reply %llu did not finish", static_cast<unsigned long long>(id));
    return r;
}

bool load(EngineController& c, const QString& path, BackendChoice backend = {}, uint contextSize = 0)
{
    QSignalSpy loaded(&c, &EngineController::modelLoaded);
    QSignalSpy failed(&c, &EngineController::loadFailed);
    c.loadModel(path, backend, contextSize);
    return QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, kLoadTimeoutMs) &&
           !loaded.isEmpty();
}

BackendChoice cpu()
{
    BackendChoice b;
    b.kind = BackendChoice::Kind::Cpu;
    return b;
}

} // namespace

class TestInferenceWorker : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();

    void coalescerBatchesByTime();
    void replyStreamPhasesStatsAndStop();
    void everyTokenReachesTheStats();
    void longPromptReportsProgress();
    void stopWhileReadingThePrompt();
    void contextSizeDefaultsAndClamps();
    void errorsMapToKinds();

    void loadReportsModelInfoAndMonotonicProgress();
    void loadMissingFileFails();
    void loadGarbageFileFails();
    void loadMissingVulkanDeviceFails();
    void generateWithoutModelFails();
    void deltasConcatenateToTheReply();
    void deltasAreCoalesced();
    void greedyIsDeterministic();
    void nextTurnReusesThePrefix();
    void completionMode();
    void invalidRequestFails();
    void stopFromAnotherThreadEndsReplyQuickly();
    void stopBeforeStartStopsQueuedRequest();
    void loadWhileGeneratingStopsTheReply();
    void unloadThenReload();
    void contextResizeKeepsTheWeights();
    void engineRunsOnTheWorkerThread();
    void destroyMidGenerationReturnsPromptly();
    void destroyMidLoadReturnsPromptly();
    void vulkanLoadsAndStreams();
    void injectedGpuFaultsAreSurvived();

private:
    QTemporaryDir dir_;
    QString chatPath_, slowPath_, basePath_, garbagePath_;
};

void TestInferenceWorker::initTestCase()
{
    QVERIFY(dir_.isValid());
    chatPath_ = dir_.filePath(QStringLiteral("chat.gguf"));
    slowPath_ = dir_.filePath(QStringLiteral("slow.gguf"));
    basePath_ = dir_.filePath(QStringLiteral("base.gguf"));
    garbagePath_ = dir_.filePath(QStringLiteral("garbage.gguf"));
    test::writeModel(chatSpec(), chatPath_.toStdString());
    test::writeModel(slowSpec(), slowPath_.toStdString());
    gguf::Writer base = test::buildModel(chatSpec());
    base.setString("tokenizer.chat_template", ""); // a base model: completion only
    base.writeFile(basePath_.toStdString());
    QFile garbage(garbagePath_);
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(4096, 'x'));
}

void TestInferenceWorker::coalescerBatchesByTime()
{
    using namespace std::chrono_literals;
    const auto t0 = DeltaCoalescer::Clock::now();
    DeltaCoalescer c(25ms, t0);
    QVERIFY(!c.due(t0 + 1h)); // nothing pending
    c.append("th", "");
    c.append("ink", "an");
    QVERIFY(!c.due(t0 + 10ms));
    QVERIFY(c.due(t0 + 25ms));
    const auto b = c.take(t0 + 25ms);
    QCOMPARE(b.reasoning, std::string("think"));
    QCOMPARE(b.content, std::string("an"));
    QVERIFY(c.empty());
    c.append("", "swer");
    QVERIFY(!c.due(t0 + 40ms)); // the interval restarts at take()
    QVERIFY(c.due(t0 + 50ms));
}

void TestInferenceWorker::replyStreamPhasesStatsAndStop()
{
    // The random models rarely think, so the reasoning → answer sequence is
    // checked here on scripted deltas and steps.
    using namespace std::chrono_literals;
    QStringList log;
    std::vector<ReplyStats> stats;
    bool stopFlag = false;
    int stopCalls = 0;
    ReplySinks sinks{
        .delta = [&](const std::string& r, const std::string& c) { log << QString::fromStdString("D:" + r + "|" + c); },
        .phase = [&](ReplyPhase p) { log << (p == ReplyPhase::Reasoning ? "P:R" : "P:A"); },
        .stats = [&](const ReplyStats& s) { stats.push_back(s); },
        .prompt = [&](int done, int total) { log << QStringLiteral("R:%1/%2").arg(done).arg(total); },
    };
    ReplyStream stream(sinks, 1h, 100, [&] { return stopFlag; }, [&] { ++stopCalls; });
    stream.onPrompt(0, 10); // one chunk: nothing to report
    stream.onPrompt(10, 10);
    QVERIFY(log.isEmpty());
    stream.onToken(11); // the first token, after a prompt of 10: statistics at once
    QCOMPARE(stats.size(), size_t(1));
    QCOMPARE(stats[0].contextUsed, 11);
    QCOMPARE(stats[0].contextSize, 100);
    QCOMPARE(stats[0].generatedTokens, 1);
    stream.onDelta({"let me", ""});
    stream.onToken(12);
    stream.onDelta({" think", ""});
    stream.onToken(13);
    stream.onDelta({"", "Answer"}); // the reasoning is flushed before the phase changes
    stream.onDelta({"", "!"});
    QCOMPARE(stopCalls, 0);
    stopFlag = true;
    stream.onToken(14);
    QCOMPARE(stopCalls, 1); // passed on at the next token
    stream.finish();
    QCOMPARE(log, (QStringList{"P:R", "D:let me think|", "P:A", "D:|Answer!"}));

    // A long prompt: its start and end are reported, the chunks between at
    // most once per statistics interval; a stop is passed on at every chunk.
    log.clear();
    stopFlag = false;
    stopCalls = 0;
    ReplyStream reading(sinks, 1h, 1000, [&] { return stopFlag; }, [&] { ++stopCalls; });
    reading.onPrompt(0, 300);
    reading.onPrompt(128, 300); // within the interval of the first report
    stopFlag = true;
    reading.onPrompt(256, 300);
    QCOMPARE(stopCalls, 1);
    reading.onPrompt(300, 300);
    QCOMPARE(log, (QStringList{"R:0/300", "R:300/300"}));

    // With no interval every delta goes out at once.
    log.clear();
    ReplyStream eager(sinks, 0ms, 100, [] { return false; }, [] {});
    eager.onDelta({"", "a"});
    eager.onDelta({"", "b"});
    eager.finish();
    QCOMPARE(log, (QStringList{"P:A", "D:|a", "D:|b"}));
}

// The worker sees every generated token through ChatOptions::onToken (not
// only those with text): the first statistics come with the first token and
// the last live ones count every token, also the final one.
void TestInferenceWorker::everyTokenReachesTheStats()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    QList<ReplyStats> live;
    const QObject scope;
    connect(c.worker(), &InferenceWorker::replyStats, &scope,
            [&live](quint64, const ReplyStats& s) { live.append(s); }, Qt::DirectConnection);
    const Reply r = runReply(c, 1, ask(QStringLiteral("Hello")), greedy(40));
    QVERIFY(r.done && !r.failed);
    QVERIFY(r.result.generatedTokens > 1);
    QVERIFY(live.size() >= 2); // the first token's, then the reply's end
    QCOMPARE(live.front().generatedTokens, 1);
    QCOMPARE(live.front().contextUsed, r.result.promptTokens + 1);
    QCOMPARE(live.front().contextSize, 512);
    for (qsizetype i = 1; i < live.size(); ++i)
        QVERIFY(live[i].generatedTokens >= live[i - 1].generatedTokens);
    QCOMPARE(live.back().generatedTokens, r.result.generatedTokens);
    QCOMPARE(live.back().contextUsed, r.result.contextUsed);
    if (r.result.stopReason == StopReason::MaxTokens) // the last token is in the cache too
        QCOMPARE(r.result.contextUsed, r.result.promptTokens + 40);

}

// A prompt of more than one chunk is reported while it is read, from 0 to
// all of it, before the first token; a shorter one is not.
void TestInferenceWorker::longPromptReportsProgress()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    QList<QPair<int, int>> progress;
    int deltasBeforeEnd = 0;
    const QObject scope;
    Reply r;
    track(c, 1, r, &scope);
    connect(&c, &EngineController::promptProgress, &scope, [&](quint64 id, int done, int total) {
        QCOMPARE(id, quint64(1));
        progress.append({done, total});
        deltasBeforeEnd = r.deltas;
    });
    c.generate(1, ask(QString(200, QLatin1Char('a'))), greedy(3)); // one token per byte: > 128
    QVERIFY(QTest::qWaitFor([&] { return r.done; }, kReplyTimeoutMs));
    QVERIFY2(!r.failed, qPrintable(r.error.message));
    QVERIFY(r.result.promptTokens > int(runtime::Session::kPrefillChunk));
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.front(), qMakePair(0, r.result.promptTokens));
    QCOMPARE(progress.back(), qMakePair(r.result.promptTokens, r.result.promptTokens));
    for (qsizetype i = 1; i < progress.size(); ++i)
        QVERIFY(progress[i].first > progress[i - 1].first);
    QCOMPARE(deltasBeforeEnd, 0); // all of it before the reply's text

    progress.clear();
    const Reply shortReply = runReply(c, 2, ask(QStringLiteral("Hi")), greedy(3));
    QVERIFY(shortReply.done && !shortReply.failed);
    QVERIFY(progress.isEmpty());
}

// Stop pressed while a long prompt is read ends the reply before its first
// token; the next reply to the same conversation is answered. The
// stop is asked from the first progress report (on the worker thread, so
// the prompt is certainly still being read).
void TestInferenceWorker::stopWhileReadingThePrompt()
{
    EngineController c;
    QVERIFY(load(c, slowPath_, cpu()));
    const QObject scope;
    int reports = 0;
    connect(c.worker(), &InferenceWorker::promptProgress, &scope,
            [&c, &reports](quint64, int done, int) {
                if (++reports == 1 && done == 0)
                    c.stop();
            },
            Qt::DirectConnection);
    const QList<ChatTurn> turns = ask(QString(200, QLatin1Char('a')));
    const Reply s = runReply(c, 1, turns, greedy(100000));
    QVERIFY2(!s.failed, qPrintable(s.error.message));
    QCOMPARE(s.result.stopReason, StopReason::Stopped);
    QCOMPARE(s.result.generatedTokens, 0);
    QCOMPARE(reports, 1); // stopped before the first chunk
    QVERIFY(s.reasoning.isEmpty() && s.content.isEmpty());
    QCOMPARE(c.state(), EngineController::State::Ready);

    const Reply next = runReply(c, 2, turns, greedy(2));
    QVERIFY(next.done && !next.failed);
    QCOMPARE(next.result.stopReason, StopReason::MaxTokens);
    QCOMPARE(next.result.generatedTokens, 2);
}

void TestInferenceWorker::contextSizeDefaultsAndClamps()
{
    QCOMPARE(contextSizeFor(0, 512), 512u);
    QCOMPARE(contextSizeFor(0, 40960), 4096u);
    QCOMPARE(contextSizeFor(100, 512), 100u);
    QCOMPARE(contextSizeFor(100000, 512), 512u);
}

void TestInferenceWorker::errorsMapToKinds()
{
    auto kindOf = [](auto thrower, ErrorInfo::Kind invalid = ErrorInfo::Kind::InvalidModel) {
        try {
            thrower();
        } catch (...) {
            return errorFromCurrentException(invalid);
        }
        return ErrorInfo{};
    };
    QCOMPARE(kindOf([] { throw DeviceLost("gone"); }).kind, ErrorInfo::Kind::DeviceLost);
    QCOMPARE(kindOf([] { throw DeviceLost("gone"); }).message, QStringLiteral("gone"));
    QCOMPARE(kindOf([] { throw OutOfDeviceMemory("tensor 'x'"); }).kind, ErrorInfo::Kind::OutOfDeviceMemory);
    QCOMPARE(kindOf([] { throw NoDeviceError("none"); }).kind, ErrorInfo::Kind::NoDevice);
    QCOMPARE(kindOf([] { throw InvalidInput("bad"); }).kind, ErrorInfo::Kind::InvalidModel);
    QCOMPARE(kindOf([] { throw InvalidInput("bad"); }, ErrorInfo::Kind::InvalidRequest).kind,
             ErrorInfo::Kind::InvalidRequest);
    QCOMPARE(kindOf([] { throw RuntimeFailure("io"); }).kind, ErrorInfo::Kind::Other);
    QCOMPARE(kindOf([] { throw LoadCancelled{}; }).kind, ErrorInfo::Kind::Cancelled);
    QCOMPARE(kindOf([] { throw 42; }).kind, ErrorInfo::Kind::Other);
}

void TestInferenceWorker::loadReportsModelInfoAndMonotonicProgress()
{
    EngineController c;
    QCOMPARE(c.state(), EngineController::State::Unloaded);
    QSignalSpy progress(&c, &EngineController::loadProgress);
    QSignalSpy states(&c, &EngineController::stateChanged);
    QVERIFY(load(c, chatPath_, cpu()));

    QVERIFY(progress.size() >= 2);
    double last = -1.0;
    for (const QList<QVariant>& p : progress) {
        const double f = p.at(0).toDouble();
        QVERIFY2(f >= last, qPrintable(QStringLiteral("progress went back from %1 to %2").arg(last).arg(f)));
        QVERIFY(!p.at(1).toString().isEmpty());
        last = f;
    }
    QCOMPARE(last, 1.0);

    const ModelInfo& info = c.modelInfo();
    const auto expected = test::openModel(chatSpec());
    QCOMPARE(info.name, QStringLiteral("random-qwen3"));
    QCOMPARE(info.path, chatPath_);
    QCOMPARE(info.architecture, QStringLiteral("qwen3"));
    QCOMPARE(info.parameters, qint64(expected->weights.nParams));
    QCOMPARE(info.quantization, QStringLiteral("F32"));
    QCOMPARE(info.fileBytes, QFileInfo(chatPath_).size());
    QCOMPARE(info.contextLength, 512); // min(trained 512, 4096)
    QCOMPARE(info.trainedContextLength, 512);
    QCOMPARE(info.backend, QStringLiteral("cpu"));
    QVERIFY2(info.device.startsWith(QLatin1String("CPU")), qPrintable(info.device));
    QCOMPARE(info.vramBytes, qint64(0));
    QVERIFY(info.thinkingCapable);
    QCOMPARE(info.templateFamily, QStringLiteral("qwen3"));
    QVERIFY(info.loadMs > 0.0);
    QCOMPARE(c.state(), EngineController::State::Ready);
    QCOMPARE(c.stats().contextSize, 512);
    QCOMPARE(c.stats().contextUsed, 0);
    QCOMPARE(states.size(), 2); // Loading, Ready
    QCOMPARE(states.at(0).at(0).value<EngineController::State>(), EngineController::State::Loading);

    // A chosen context size, and one beyond the model's limit.
    QVERIFY(load(c, chatPath_, cpu(), 128));
    QCOMPARE(c.modelInfo().contextLength, 128);
    QVERIFY(load(c, chatPath_, cpu(), 100000));
    QCOMPARE(c.modelInfo().contextLength, 512);
}

void TestInferenceWorker::loadMissingFileFails()
{
    EngineController c;
    QSignalSpy failed(&c, &EngineController::loadFailed);
    QSignalSpy loaded(&c, &EngineController::modelLoaded);
    c.loadModel(dir_.filePath(QStringLiteral("nope.gguf")), cpu());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kLoadTimeoutMs);
    const auto e = failed.at(0).at(0).value<ErrorInfo>();
    QCOMPARE(e.kind, ErrorInfo::Kind::InvalidModel);
    QVERIFY2(e.message.contains(QLatin1String("nope.gguf")), qPrintable(e.message));
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(c.state(), EngineController::State::Unloaded);
}

void TestInferenceWorker::loadGarbageFileFails()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    QSignalSpy failed(&c, &EngineController::loadFailed);
    QSignalSpy unloaded(&c, &EngineController::modelUnloaded);
    c.loadModel(garbagePath_, cpu());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kLoadTimeoutMs);
    const auto e = failed.at(0).at(0).value<ErrorInfo>();
    QCOMPARE(e.kind, ErrorInfo::Kind::InvalidModel);
    QVERIFY(!e.message.isEmpty());
    // The previous model was unloaded first.
    QCOMPARE(unloaded.size(), 1);
    QVERIFY(!c.isLoaded());
    QCOMPARE(c.state(), EngineController::State::Unloaded);
}

void TestInferenceWorker::loadMissingVulkanDeviceFails()
{
    EngineController c;
    QSignalSpy failed(&c, &EngineController::loadFailed);
    BackendChoice b;
    b.kind = BackendChoice::Kind::Vulkan;
    b.device = 999;
    c.loadModel(chatPath_, b);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kLoadTimeoutMs);
    QCOMPARE(failed.at(0).at(0).value<ErrorInfo>().kind, ErrorInfo::Kind::NoDevice);
}

void TestInferenceWorker::generateWithoutModelFails()
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

void TestInferenceWorker::deltasConcatenateToTheReply()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    QSignalSpy stats(&c, &EngineController::statsChanged);
    ReplyOptions o; // the thinking preset, sampled (seed 0)
    o.maxTokens = 300;
    const Reply r = runReply(c, 42, ask(QStringLiteral("¿Qué es un modelo de lenguaje?")), o);
    QVERIFY(r.done);
    QVERIFY2(!r.failed, qPrintable(r.error.message));
    QVERIFY(r.result.generatedTokens > 0);
    QCOMPARE(r.reasoning, r.result.reasoning);
    QCOMPARE(r.content, r.result.content);
    QVERIFY(!(r.result.reasoning + r.result.content).isEmpty());
    QVERIFY(r.result.promptTokens > 0);
    QVERIFY(r.result.tokensPerSecond > 0.0);
    QVERIFY(r.result.reasoningMs + r.result.answerMs > 0.0);
    QCOMPARE(r.result.contextSize, 512);
    QVERIFY(r.result.contextUsed >= r.result.promptTokens);
    QVERIFY(r.result.contextUsed <= r.result.promptTokens + r.result.generatedTokens);
    // The status bar's numbers end with the reply's.
    QVERIFY(!stats.isEmpty());
    QCOMPARE(c.stats().contextUsed, r.result.contextUsed);
    QCOMPARE(c.stats().generatedTokens, r.result.generatedTokens);
    // Phases are announced before their text: no content before the answer
    // phase, no reasoning after it.
    bool answering = false, reasoningSeen = false;
    for (const QString& e : r.log) {
        if (e == QLatin1String("P:A"))
            answering = true;
        else if (e == QLatin1String("P:R"))
            reasoningSeen = true;
        else if (e == QLatin1String("C"))
            QVERIFY(answering);
        else if (e == QLatin1String("R"))
            QVERIFY(reasoningSeen && !answering);
    }
    QCOMPARE(r.log.count(QStringLiteral("P:A")), r.content.isEmpty() ? 0 : 1);
    QCOMPARE(r.log.count(QStringLiteral("P:R")), r.reasoning.isEmpty() ? 0 : 1);
    QCOMPARE(c.state(), EngineController::State::Ready);
}

void TestInferenceWorker::deltasAreCoalesced()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    for (const int interval : {25, 50}) {
        c.setFlushInterval(std::chrono::milliseconds(interval));
        QElapsedTimer t;
        t.start();
        const Reply r = runReply(c, quint64(interval), ask(QStringLiteral("Count to a thousand.")), greedy(400, false));
        const qint64 ms = t.elapsed();
        QVERIFY(r.done && !r.failed);
        QCOMPARE(r.content, r.result.content);
        // At most one delta per interval, plus the flushes at the phase
        // change and the end.
        QVERIFY2(r.deltas <= ms / interval + 3,
                 qPrintable(QStringLiteral("%1 deltas in %2 ms").arg(r.deltas).arg(ms)));
        qInfo("%d ms: %d tokens in %d deltas, %lld ms (%.0f tokens/s)", interval, r.result.generatedTokens, r.deltas,
              ms, r.result.tokensPerSecond);
    }
}

void TestInferenceWorker::greedyIsDeterministic()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    const Reply a = runReply(c, 1, ask(QStringLiteral("Hello")), greedy(64));
    const Reply b = runReply(c, 2, ask(QStringLiteral("Hello")), greedy(64));
    QVERIFY(a.done && !a.failed && b.done && !b.failed);
    QCOMPARE(b.result.content, a.result.content);
    QCOMPARE(b.result.reasoning, a.result.reasoning);
    QCOMPARE(b.result.generatedTokens, a.result.generatedTokens);
    QCOMPARE(b.result.stopReason, a.result.stopReason);

    // And on a second controller (a fresh cache).
    EngineController other;
    QVERIFY(load(other, chatPath_, cpu()));
    const Reply d = runReply(other, 1, ask(QStringLiteral("Hello")), greedy(64));
    QCOMPARE(d.result.content, a.result.content);
    QCOMPARE(d.result.reasoning, a.result.reasoning);
}

void TestInferenceWorker::nextTurnReusesThePrefix()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    const QList<ChatTurn> first = {ChatTurn{ChatTurn::Role::System, QStringLiteral("Be brief."), {}},
                                   ChatTurn{ChatTurn::Role::User, QStringLiteral("Name a colour."), {}}};
    const Reply a = runReply(c, 1, first, greedy(16, false));
    QVERIFY(a.done && !a.failed);
    QCOMPARE(a.result.reusedTokens, 0);

    // The same prompt again: everything but the last token comes from the cache.
    const Reply again = runReply(c, 2, first, greedy(16, false));
    QCOMPARE(again.result.promptTokens, a.result.promptTokens);
    QCOMPARE(again.result.reusedTokens, a.result.promptTokens - 1);

    // The next turn of the conversation: its history is not computed again.
    QList<ChatTurn> next = first;
    next << ChatTurn{ChatTurn::Role::Assistant, a.result.content, a.result.reasoning}
         << ChatTurn{ChatTurn::Role::User, QStringLiteral("Another one."), {}};
    const Reply b = runReply(c, 3, next, greedy(16, false));
    QVERIFY(b.done && !b.failed);
    QVERIFY(b.result.promptTokens > a.result.promptTokens);
    QVERIFY2(b.result.reusedTokens >= a.result.promptTokens - 8,
             qPrintable(QStringLiteral("reused %1 of %2").arg(b.result.reusedTokens).arg(b.result.promptTokens)));
}

void TestInferenceWorker::completionMode()
{
    // A base model (no chat template): the turns' text is the prompt.
    EngineController c;
    QVERIFY(load(c, basePath_, cpu()));
    QCOMPARE(c.modelInfo().templateFamily, QStringLiteral("completion"));
    QVERIFY(!c.modelInfo().thinkingCapable);
    const QList<ChatTurn> turns = {ChatTurn{ChatTurn::Role::User, QStringLiteral("Once upon"), {}},
                                   ChatTurn{ChatTurn::Role::Assistant, QStringLiteral(" a time"), {}}};
    const Reply r = runReply(c, 1, turns, greedy(8));
    QVERIFY2(r.done && !r.failed, qPrintable(r.error.message));
    // The test vocabulary has one token per byte and no merges.
    QCOMPARE(r.result.promptTokens, 16);

    // Asked of a chat model, completion skips its template too.
    EngineController chat;
    QVERIFY(load(chat, chatPath_, cpu()));
    ReplyOptions o = greedy(8);
    o.completion = true;
    const Reply p = runReply(chat, 1, turns, o);
    QVERIFY2(p.done && !p.failed, qPrintable(p.error.message));
    QCOMPARE(p.result.promptTokens, 16);
    // Back to chat: the session switches its template again.
    const Reply q = runReply(chat, 2, ask(QStringLiteral("Once upon")), greedy(8));
    QVERIFY2(q.done && !q.failed, qPrintable(q.error.message));
    QVERIFY(q.result.promptTokens > 16);
}

void TestInferenceWorker::invalidRequestFails()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    const Reply none = runReply(c, 1, {}, greedy(8));
    QVERIFY(none.failed);
    QCOMPARE(none.error.kind, ErrorInfo::Kind::InvalidRequest);

    ReplyOptions bad = greedy(8);
    bad.sampling->topP = 0.0f;
    const Reply r = runReply(c, 2, ask(QStringLiteral("hi")), bad);
    QVERIFY(r.failed);
    QCOMPARE(r.error.kind, ErrorInfo::Kind::InvalidRequest);
    QVERIFY(!r.error.message.isEmpty());

    // The model stays usable.
    const Reply ok = runReply(c, 3, ask(QStringLiteral("hi")), greedy(8));
    QVERIFY(ok.done && !ok.failed);
    QCOMPARE(c.state(), EngineController::State::Ready);
}

void TestInferenceWorker::stopFromAnotherThreadEndsReplyQuickly()
{
    EngineController c;
    QVERIFY(load(c, slowPath_, cpu()));
    Reply r;
    track(c, 7, r, &c);
    c.generate(7, ask(QStringLiteral("Tell me a long story.")), greedy(100000));
    QVERIFY(QTest::qWaitFor([&] { return r.deltas > 0 || r.done; }, kReplyTimeoutMs));
    QVERIFY2(!r.done, "the reply ended before it could be stopped");
    QCOMPARE(c.state(), EngineController::State::Generating);
    QElapsedTimer t;
    t.start();
    std::thread([&c] { c.stop(); }).join();
    QVERIFY(QTest::qWaitFor([&] { return r.done; }, kReplyTimeoutMs));
    const qint64 ms = t.elapsed();
    QVERIFY2(!r.failed, qPrintable(r.error.message));
    QCOMPARE(r.result.stopReason, StopReason::Stopped);
    QCOMPARE(stopReasonName(r.result.stopReason), QStringLiteral("stopped"));
    QCOMPARE(r.result.stopReasonText(), QStringLiteral("stopped"));
    QCOMPARE(r.reasoning + r.content, r.result.reasoning + r.result.content);
    QVERIFY(r.result.generatedTokens < r.result.contextSize - r.result.promptTokens);
    QVERIFY2(ms < 10000, qPrintable(QStringLiteral("stopping took %1 ms").arg(ms)));
    qInfo("stopped after %d tokens, %lld ms after the request", r.result.generatedTokens, ms);
    QCOMPARE(c.state(), EngineController::State::Ready);

    // The next request is not affected by the earlier stop.
    const Reply next = runReply(c, 8, ask(QStringLiteral("Hi")), greedy(4));
    QVERIFY(next.done && !next.failed);
    QCOMPARE(next.result.stopReason, StopReason::MaxTokens);
    QCOMPARE(next.result.generatedTokens, 4);
}

void TestInferenceWorker::stopBeforeStartStopsQueuedRequest()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    Reply a, b, later;
    track(c, 1, a, &c);
    track(c, 2, b, &c);
    track(c, 3, later, &c);
    // The worker is held busy until both requests and the stop are queued,
    // so it certainly has started neither.
    QSemaphore gate;
    QMetaObject::invokeMethod(c.worker(), [&gate] { gate.acquire(); }, Qt::QueuedConnection);
    c.generate(1, ask(QStringLiteral("one")), greedy(100000));
    c.generate(2, ask(QStringLiteral("two")), greedy(100000));
    c.stop();
    c.generate(3, ask(QStringLiteral("three")), greedy(3)); // asked after the stop: runs
    gate.release();
    QVERIFY(QTest::qWaitFor([&] { return a.done && b.done && later.done; }, kReplyTimeoutMs));
    QCOMPARE(a.result.stopReason, StopReason::Stopped);
    QCOMPARE(b.result.stopReason, StopReason::Stopped);
    QCOMPARE(a.result.generatedTokens, 0);
    QCOMPARE(b.result.generatedTokens, 0);
    QVERIFY2(!later.failed, qPrintable(later.error.message));
    QCOMPARE(later.result.stopReason, StopReason::MaxTokens);
    QCOMPARE(later.result.generatedTokens, 3);
}

void TestInferenceWorker::loadWhileGeneratingStopsTheReply()
{
    EngineController c;
    Reply r;
    QVERIFY(load(c, slowPath_, cpu()));
    track(c, 1, r, &c);
    c.generate(1, ask(QStringLiteral("Tell me a long story.")), greedy(100000));
    QVERIFY(QTest::qWaitFor([&] { return r.deltas > 0 || r.done; }, kReplyTimeoutMs));
    QVERIFY2(!r.done, "the reply ended before the next load");
    QSignalSpy loaded(&c, &EngineController::modelLoaded);
    c.loadModel(chatPath_, cpu());
    QCOMPARE(c.state(), EngineController::State::Loading);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeoutMs);
    QVERIFY(r.done);
    QCOMPARE(r.result.stopReason, StopReason::Stopped);
    QCOMPARE(c.modelInfo().path, chatPath_);
    QCOMPARE(c.state(), EngineController::State::Ready);
}

void TestInferenceWorker::unloadThenReload()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu(), 256));
    const ModelInfo before = c.modelInfo();
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
    QCOMPARE(c.modelInfo().contextLength, 256);
    const Reply ok = runReply(c, 2, ask(QStringLiteral("hi")), greedy(4));
    QVERIFY(ok.done && !ok.failed);
}

void TestInferenceWorker::contextResizeKeepsTheWeights()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu(), 256));
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
    QCOMPARE(c.modelInfo().contextLength, 128);
    QCOMPARE(c.stats().contextSize, 128);
    c.setContextSize(100000);
    QTRY_COMPARE_WITH_TIMEOUT(resized.size(), 2, kReplyTimeoutMs);
    QCOMPARE(c.modelInfo().contextLength, 512);
    c.setContextSize(512); // the same size: nothing to do
    c.setContextSize(0);   // back to the load's size
    QTRY_COMPARE_WITH_TIMEOUT(resized.size(), 3, kReplyTimeoutMs);
    QCOMPARE(c.modelInfo().contextLength, 256);
    r = runReply(c, 2, ask(QStringLiteral("Hi")), greedy(4));
    QVERIFY(r.done && !r.failed);
    QCOMPARE(r.result.contextSize, 256);
    QCOMPARE(loads.size(), 0);
}

void TestInferenceWorker::engineRunsOnTheWorkerThread()
{
    EngineController c;
    QVERIFY(load(c, chatPath_, cpu()));
    Qt::HANDLE deltaThread = nullptr;
    connect(c.worker(), &InferenceWorker::replyDelta, c.worker(),
            [&deltaThread](quint64, const QString&, const QString&) { deltaThread = QThread::currentThreadId(); },
            Qt::DirectConnection);
    QThread* workerThread = c.workerThread();
    QVERIFY(workerThread);
    QVERIFY(workerThread != QThread::currentThread());
    QCOMPARE(c.worker()->thread(), workerThread);
    const Reply r = runReply(c, 1, ask(QStringLiteral("Hello")), greedy(32));
    QVERIFY(r.done && !r.failed);
    QVERIFY(r.engineThread != nullptr);
    QVERIFY(r.engineThread != QThread::currentThreadId());
    if (r.deltas > 0) {
        QVERIFY(deltaThread != nullptr);
        QVERIFY(deltaThread != QThread::currentThreadId());
    }
}

void TestInferenceWorker::destroyMidGenerationReturnsPromptly()
{
    auto c = std::make_unique<EngineController>();
    QVERIFY(load(*c, slowPath_, cpu()));
    Reply r;
    track(*c, 1, r, c.get());
    c->generate(1, ask(QStringLiteral("Tell me a long story.")), greedy(100000));
    c->generate(2, ask(QStringLiteral("And another.")), greedy(100000)); // still queued
    QVERIFY(QTest::qWaitFor([&] { return r.deltas > 0 || r.done; }, kReplyTimeoutMs));
    QVERIFY2(!r.done, "the reply ended before the controller was destroyed");
    QPointer<InferenceWorker> worker = c->worker();
    QElapsedTimer t;
    t.start();
    c.reset();
    const qint64 ms = t.elapsed();
    QVERIFY2(ms < 10000, qPrintable(QStringLiteral("shutdown took %1 ms").arg(ms)));
    QVERIFY(worker.isNull()); // destroyed, on its own thread, before the destructor returned
    qInfo("destroyed mid-reply in %lld ms", ms);
    QTest::qWait(50); // nothing queued to the dead controller may run
}

void TestInferenceWorker::destroyMidLoadReturnsPromptly()
{
    QElapsedTimer t;
    {
        EngineController c;
        QSignalSpy progress(&c, &EngineController::loadProgress);
        c.loadModel(slowPath_, cpu());
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

void TestInferenceWorker::vulkanLoadsAndStreams()
{
    if (backend::vulkan::listDevices().empty())
        QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
    EngineController c;
    QSignalSpy progress(&c, &EngineController::loadProgress);
    BackendChoice b;
    b.kind = BackendChoice::Kind::Vulkan;
    QVERIFY(load(c, chatPath_, b));
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
void TestInferenceWorker::injectedGpuFaultsAreSurvived()
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
        QVERIFY(!load(c, chatPath_, vk));
        QCOMPARE(failed.size(), 1);
        const auto e = failed.at(0).at(0).value<ErrorInfo>();
        QCOMPARE(e.kind, ErrorInfo::Kind::OutOfDeviceMemory);
        QVERIFY2(e.message.contains(QStringLiteral("GPU memory")), qPrintable(e.message));
    }
    qputenv("VELA_FAULT_INJECTION", "lost=12");
    QVERIFY(load(c, chatPath_, vk));
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

QTEST_GUILESS_MAIN(TestInferenceWorker)
#include "tst_inference_worker.moc"
