// The engine's parts that need no model: the delta coalescer, ReplyStream
// (phases, statistics, prompt progress, stop), the context size rule and
// the mapping of engine errors to ErrorInfo kinds.
#include "engine/delta_coalescer.h"
#include "engine/engine_errors.h"
#include "engine/model_loader.h"
#include "engine/reply_stream.h"

#include "common/error.h"

#include <QStringList>
#include <QtTest/QtTest>

#include <vector>

using namespace vela;
using namespace vela::app;

class TestReplyStream : public QObject {
    Q_OBJECT
private slots:
    void coalescerBatchesByTime();
    void replyStreamPhasesStatsAndStop();
    void contextSizeDefaultsAndClamps();
    void errorsMapToKinds();
};

void TestReplyStream::coalescerBatchesByTime()
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

void TestReplyStream::replyStreamPhasesStatsAndStop()
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

void TestReplyStream::contextSizeDefaultsAndClamps()
{
    QCOMPARE(contextSizeFor(0, 512), 512u);
    QCOMPARE(contextSizeFor(0, 40960), 4096u);
    QCOMPARE(contextSizeFor(100, 512), 100u);
    QCOMPARE(contextSizeFor(100000, 512), 512u);
}

void TestReplyStream::errorsMapToKinds()
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

QTEST_GUILESS_MAIN(TestReplyStream)
#include "tst_reply_stream.moc"
