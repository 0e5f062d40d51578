// EngineController and InferenceWorker end to end: replies on random-weight
// models (CPU backend), streamed through queued signals to this (the GUI)
// thread, with their statistics, prompt progress and stops. What is timed
// (stop, shutdown) is compared against bounds far above a token's time.
#include "engine_test_support.h"

#include "runtime/session.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <QtTest/QtTest>

#include <memory>
#include <thread>

using namespace vela;
using namespace vela::app;
using namespace vela::app::test_support;

class TestInferenceWorker : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyTokenReachesTheStats();
    void longPromptReportsProgress();
    void stopWhileReadingThePrompt();
    void deltasConcatenateToTheReply();
    void deltasAreCoalesced();
    void greedyIsDeterministic();
    void nextTurnReusesThePrefix();
    void completionMode();
    void invalidRequestFails();
    void stopFromAnotherThreadEndsReplyQuickly();
    void stopBeforeStartStopsQueuedRequest();
    void engineRunsOnTheWorkerThread();
    void destroyMidGenerationReturnsPromptly();

private:
    ModelFiles models_;
};

void TestInferenceWorker::initTestCase() { QVERIFY(models_.write()); }

// The worker sees every generated token through ChatOptions::onToken (not
// only those with text): the first statistics come with the first token and
// the last live ones count every token, also the final one.
void TestInferenceWorker::everyTokenReachesTheStats()
{
    EngineController c;
    QVERIFY(load(c, models_.chat, cpu()));
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
    QVERIFY(load(c, models_.chat, cpu()));
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
    QVERIFY(load(c, models_.slow, cpu()));
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

void TestInferenceWorker::deltasConcatenateToTheReply()
{
    EngineController c;
    QVERIFY(load(c, models_.chat, cpu()));
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
    QVERIFY(load(c, models_.chat, cpu()));
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
    QVERIFY(load(c, models_.chat, cpu()));
    const Reply a = runReply(c, 1, ask(QStringLiteral("Hello")), greedy(64));
    const Reply b = runReply(c, 2, ask(QStringLiteral("Hello")), greedy(64));
    QVERIFY(a.done && !a.failed && b.done && !b.failed);
    QCOMPARE(b.result.content, a.result.content);
    QCOMPARE(b.result.reasoning, a.result.reasoning);
    QCOMPARE(b.result.generatedTokens, a.result.generatedTokens);
    QCOMPARE(b.result.stopReason, a.result.stopReason);

    // And on a second controller (a fresh cache).
    EngineController other;
    QVERIFY(load(other, models_.chat, cpu()));
    const Reply d = runReply(other, 1, ask(QStringLiteral("Hello")), greedy(64));
    QCOMPARE(d.result.content, a.result.content);
    QCOMPARE(d.result.reasoning, a.result.reasoning);
}

void TestInferenceWorker::nextTurnReusesThePrefix()
{
    EngineController c;
    QVERIFY(load(c, models_.chat, cpu()));
    const QList<ChatTurn> first = {ChatTurn{chat::Role::System, QStringLiteral("Be brief."), {}},
                                   ChatTurn{chat::Role::User, QStringLiteral("Name a colour."), {}}};
    const Reply a = runReply(c, 1, first, greedy(16, false));
    QVERIFY(a.done && !a.failed);
    QCOMPARE(a.result.reusedTokens, 0);

    // The same prompt again: everything but the last token comes from the cache.
    const Reply again = runReply(c, 2, first, greedy(16, false));
    QCOMPARE(again.result.promptTokens, a.result.promptTokens);
    QCOMPARE(again.result.reusedTokens, a.result.promptTokens - 1);

    // The next turn of the conversation: its history is not computed again.
    QList<ChatTurn> next = first;
    next << ChatTurn{chat::Role::Assistant, a.result.content, a.result.reasoning}
         << ChatTurn{chat::Role::User, QStringLiteral("Another one."), {}};
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
    QVERIFY(load(c, models_.base, cpu()));
    QCOMPARE(c.modelInfo().templateFamily(), QStringLiteral("completion"));
    QVERIFY(!c.modelInfo().thinkingCapable());
    const QList<ChatTurn> turns = {ChatTurn{chat::Role::User, QStringLiteral("Once upon"), {}},
                                   ChatTurn{chat::Role::Assistant, QStringLiteral(" a time"), {}}};
    const Reply r = runReply(c, 1, turns, greedy(8));
    QVERIFY2(r.done && !r.failed, qPrintable(r.error.message));
    // The test vocabulary has one token per byte and no merges.
    QCOMPARE(r.result.promptTokens, 16);

    // Asked of a chat model, completion skips its template too.
    EngineController chat;
    QVERIFY(load(chat, models_.chat, cpu()));
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
    QVERIFY(load(c, models_.chat, cpu()));
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
    QVERIFY(load(c, models_.slow, cpu()));
    Reply r;
    track(c, 7, r, &c);
    // Held in its first text until the stop is asked: the reply is running
    // then, whatever the machine's speed.
    WorkerHold hold;
    hold.holdAtFirstDelta(c.worker());
    c.generate(7, ask(QStringLiteral("Tell me a long story.")), greedy(100000));
    QVERIFY(hold.waitHeld(kReplyTimeoutMs));
    QVERIFY2(!r.done, "the reply ended before it could be stopped");
    QCOMPARE(c.state(), EngineController::State::Generating);
    QElapsedTimer t;
    t.start();
    std::thread([&c] { c.stop(); }).join();
    hold.release();
    QVERIFY(QTest::qWaitFor([&] { return r.done; }, kReplyTimeoutMs));
    const qint64 ms = t.elapsed();
    QVERIFY2(!r.failed, qPrintable(r.error.message));
    QCOMPARE(r.result.stopReason, StopReason::Stopped);
    QCOMPARE(QString::fromLatin1(stopReasonName(r.result.stopReason)), QStringLiteral("stopped"));
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
    // Reported with the runtime's name (vela-cli prints the same), which parses back.
    QCOMPARE(next.result.stopReasonText(), QStringLiteral("max_tokens"));
    QVERIFY(runtime::parseStopReason(next.result.stopReasonText().toStdString()) == StopReason::MaxTokens);
}

void TestInferenceWorker::stopBeforeStartStopsQueuedRequest()
{
    EngineController c;
    QVERIFY(load(c, models_.chat, cpu()));
    Reply a, b, later;
    track(c, 1, a, &c);
    track(c, 2, b, &c);
    track(c, 3, later, &c);
    // The worker is held busy until both requests and the stop are queued,
    // so it certainly has started neither.
    WorkerHold hold;
    hold.holdQueue(c.worker());
    c.generate(1, ask(QStringLiteral("one")), greedy(100000));
    c.generate(2, ask(QStringLiteral("two")), greedy(100000));
    c.stop();
    c.generate(3, ask(QStringLiteral("three")), greedy(3)); // asked after the stop: runs
    hold.release();
    QVERIFY(QTest::qWaitFor([&] { return a.done && b.done && later.done; }, kReplyTimeoutMs));
    QCOMPARE(a.result.stopReason, StopReason::Stopped);
    QCOMPARE(b.result.stopReason, StopReason::Stopped);
    QCOMPARE(a.result.generatedTokens, 0);
    QCOMPARE(b.result.generatedTokens, 0);
    QVERIFY2(!later.failed, qPrintable(later.error.message));
    QCOMPARE(later.result.stopReason, StopReason::MaxTokens);
    QCOMPARE(later.result.generatedTokens, 3);
}

void TestInferenceWorker::engineRunsOnTheWorkerThread()
{
    EngineController c;
    QVERIFY(load(c, models_.chat, cpu()));
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
    QVERIFY(load(*c, models_.slow, cpu()));
    Reply r;
    track(*c, 1, r, c.get());
    // Held in its first text: the reply is certainly running when the
    // destruction begins (released just before it, which must not wait).
    WorkerHold hold;
    hold.holdAtFirstDelta(c->worker());
    c->generate(1, ask(QStringLiteral("Tell me a long story.")), greedy(100000));
    c->generate(2, ask(QStringLiteral("And another.")), greedy(100000)); // still queued
    QVERIFY(hold.waitHeld(kReplyTimeoutMs));
    QVERIFY2(!r.done, "the reply ended before the controller was destroyed");
    QPointer<InferenceWorker> worker = c->worker();
    QElapsedTimer t;
    t.start();
    hold.release();
    c.reset();
    const qint64 ms = t.elapsed();
    QVERIFY2(ms < 10000, qPrintable(QStringLiteral("shutdown took %1 ms").arg(ms)));
    QVERIFY(worker.isNull()); // destroyed, on its own thread, before the destructor returned
    qInfo("destroyed mid-reply in %lld ms", ms);
    // Nothing queued to the dead controller may run: the worker's thread has
    // ended, so all it posted here is in this thread's queue; delivered now,
    // none of it reaches the reply's record.
    const int deltas = r.deltas;
    QCoreApplication::sendPostedEvents();
    QCOMPARE(r.deltas, deltas);
    QVERIFY(!r.done);
}

QTEST_GUILESS_MAIN(TestInferenceWorker)
#include "tst_inference_worker.moc"
