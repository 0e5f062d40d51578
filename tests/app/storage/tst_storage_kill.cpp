// Nothing lost when the process dies mid-reply: a child (storage_stream_writer)
// streams replies into the database and is killed with SIGKILL at a random
// (seeded, printed) moment; reopening must show every message it reported
// committed, intact, and the interrupted reply as a prefix marked stopped.
//
// Built twice: tst_storage_kill (5 kills, label unit) and
// tst_storage_kill_long (VELA_KILL_RUNS=200 kills at random moments of short
// writer runs, with PRAGMA integrity_check after every restart; label
// reliability, still part of the default ctest run).
#include "app/storage/storage_test_helpers.h"
#include "app/storage/stream_text.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela::storage;
using namespace vela::storage::test;

#ifndef VELA_KILL_RUNS
#define VELA_KILL_RUNS 5
#endif

namespace {

constexpr int kRuns = VELA_KILL_RUNS;
constexpr bool kLong = kRuns > 5;

// What the child reported, in order: one entry per message it created.
struct Reported {
    std::int64_t id = 0;
    Role role = Role::User;
    int round = 0;
    int words = 0;        // progress lines seen (assistant)
    bool finished = false; // "finished" seen (assistant)
};

struct Run {
    std::int64_t conversation = 0;
    std::vector<Reported> messages;
};

Run parse(const QByteArray& out)
{
    Run run;
    for (const QByteArray& line : out.split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        if (f[0] == "ready" && f.size() == 2) {
            run.conversation = f[1].toLongLong();
        } else if (f[0] == "user" && f.size() == 3) {
            run.messages.push_back({f[1].toLongLong(), Role::User, f[2].toInt(), 0, false});
        } else if (f[0] == "begin" && f.size() == 3) {
            run.messages.push_back({f[1].toLongLong(), Role::Assistant, f[2].toInt(), 0, false});
        } else if (f[0] == "progress" && f.size() == 4 && !run.messages.empty()) {
            run.messages.back().words = f[3].toInt();
        } else if (f[0] == "finished" && f.size() == 3 && !run.messages.empty()) {
            run.messages.back().finished = true;
        }
        // Anything else is the last line cut by the kill.
    }
    return run;
}

// Checks the database against the report; returns where the kill landed.
QString verify(ConversationStore& store, const Run& run, const QString& tag)
{
    const auto db = store.messages(run.conversation);
    const auto& want = run.messages;
    // At most one commit can have happened after the last line printed.
    if (db.size() != want.size() && db.size() != want.size() + 1) {
        QTest::qFail(qPrintable(QStringLiteral("%1 messages stored, %2 reported").arg(db.size()).arg(want.size())),
                     __FILE__, __LINE__);
        return {};
    }
    QString landed = QStringLiteral("between messages");
    int stopped = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const Reported& w = want[i];
        const Message& m = db[i];
        if (m.id != w.id || m.role != w.role) {
            QTest::qFail("message ids or roles differ from the report", __FILE__, __LINE__);
            return {};
        }
        if (w.role == Role::User) {
            if (m.content != userQuestion(tag, w.round) || m.status != MessageStatus::Complete)
                QTest::qFail(qPrintable(QStringLiteral("user message %1 damaged").arg(m.id)), __FILE__, __LINE__);
            continue;
        }
        const bool last = i + 1 == want.size();
        if (w.finished || (last && m.status == MessageStatus::Complete && w.words == kStreamWords)) {
            if (m.content != streamText(w.round, kStreamWords) ||
                m.reasoning != streamReasoning(w.round, kStreamWords) || m.status != MessageStatus::Complete)
                QTest::qFail(qPrintable(QStringLiteral("finished reply %1 damaged").arg(m.id)), __FILE__, __LINE__);
            continue;
        }
        if (!last) {
            QTest::qFail("an unfinished reply that is not the last one", __FILE__, __LINE__);
            return {};
        }
        // The interrupted reply: a whole prefix (one update newer than the
        // last report at most), with its reasoning, now 'stopped'.
        ++stopped;
        int k = -1;
        for (int n : {w.words, w.words + 1})
            if (n <= kStreamWords && m.content == streamText(w.round, n) && m.reasoning == (n ? streamReasoning(w.round, n) : QString()))
                k = n;
        if (k < 0 || m.status != MessageStatus::Stopped)
            QTest::qFail(qPrintable(QStringLiteral("interrupted reply wrong: %1 words reported, status %2, content \"%3\"")
                                        .arg(w.words)
                                        .arg(statusName(m.status), m.content.left(80))),
                         __FILE__, __LINE__);
        landed = QStringLiteral("mid-reply after %1 of %2 words (round %3)").arg(k).arg(kStreamWords).arg(w.round);
    }
    if (db.size() == want.size() + 1) {
        // Committed but killed before it could say so.
        const Message& m = db.back();
        const bool afterUser = !want.empty() && want.back().role == Role::User;
        const int round = want.empty() ? 0 : want.back().round + (afterUser ? 0 : 1);
        if (afterUser) {
            ++stopped;
            if (m.role != Role::Assistant || !m.content.isEmpty() || m.status != MessageStatus::Stopped)
                QTest::qFail("unreported reply is not an empty stopped one", __FILE__, __LINE__);
            landed = QStringLiteral("right after a reply began");
        } else if (m.role != Role::User || m.content != userQuestion(tag, round) || m.status != MessageStatus::Complete) {
            QTest::qFail("unreported user message damaged", __FILE__, __LINE__);
        } else {
            landed = QStringLiteral("right after a user message");
        }
    }
    if (store.openReport().recoveredMessages != stopped)
        QTest::qFail(qPrintable(QStringLiteral("recovered %1, expected %2").arg(store.openReport().recoveredMessages).arg(stopped)),
                     __FILE__, __LINE__);
    return landed;
}

} // namespace

class TestStorageKill : public QObject {
    Q_OBJECT
private slots:
    void killDuringStreaming();
};

void TestStorageKill::killDuringStreaming()
{
    const quint32 seed = qEnvironmentVariableIsSet("VELA_KILL_SEED")
                             ? quint32(qEnvironmentVariableIntValue("VELA_KILL_SEED"))
                             : QRandomGenerator::global()->generate();
    qInfo("kill seed %u (set VELA_KILL_SEED=%u to repeat the same delays)", seed, seed);
    QRandomGenerator rng(seed);
    QTemporaryDir dir;
    std::vector<ConversationSnapshot> earlier;

    QElapsedTimer total;
    total.start();
    int midReply = 0;
    for (int i = 0; i < kRuns; ++i) {
        const QString tag = QString::number(i);
        // Later runs wait longer, so the kills spread over the rounds. The
        // long variant keeps every writer run short (0..250 ms: the first
        // two or three rounds) so that 200 kills fit in a minute.
        const int delayMs = kLong ? int(rng.bounded(250)) : i * 120 + int(rng.bounded(150));
        QProcess child;
        child.start(QStringLiteral(STREAM_WRITER_PATH), {dir.path(), tag});
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
        QByteArray out;
        while (!out.contains('\n')) { // "ready ..." comes first
            if (!child.waitForReadyRead(20000))
                QFAIL(qPrintable(QStringLiteral("writer not ready: ") + QString::fromUtf8(child.readAllStandardError())));
            out += child.readAllStandardOutput();
        }
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < delayMs) { // keep the pipe drained so the child never blocks
            child.waitForReadyRead(2);
            out += child.readAllStandardOutput();
        }
        child.kill(); // SIGKILL: no destructor, no flush, no rollback
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        out += child.readAllStandardOutput();
        QVERIFY2(child.readAllStandardError().isEmpty(), "the writer reported an error");

        const Run run = parse(out);
        QVERIFY(run.conversation > 0);
        ConversationStore store(dir.path());
        QVERIFY(!store.openReport().damaged);
        const QString landed = verify(store, run, tag);
        if (QTest::currentTestFailed())
            return;
        if (!kLong || i % 20 == 0 || i + 1 == kRuns)
            qInfo("run %d: killed after %d ms, %d messages reported, %s", i, delayMs, int(run.messages.size()),
                  qPrintable(landed));
        if (landed.startsWith(QLatin1String("mid-reply")))
            ++midReply;
        if (kLong) {
            auto raw = rawConnection(dir.path());
            QCOMPARE(raw.queryText("PRAGMA integrity_check"), QStringLiteral("ok"));
        }
        // Earlier runs' conversations are exactly as verified then.
        for (const auto& s : earlier)
            QVERIFY(store.snapshot(s.conversation.id) == s);
        earlier.push_back(*store.snapshot(run.conversation));
    }
    qInfo("%d kills survived (%d of them mid-reply) in %lld ms, seed %u", kRuns, midReply,
          static_cast<long long>(total.elapsed()), seed);
    auto raw = rawConnection(dir.path());
    QCOMPARE(raw.queryText("PRAGMA integrity_check"), QStringLiteral("ok"));
    raw.exec("INSERT INTO message_fts (message_fts) VALUES ('integrity-check')", "fts check");
    QCOMPARE(raw.queryInt("SELECT count(*) FROM messages WHERE status = 'streaming'"), std::int64_t{0});
}

QTEST_GUILESS_MAIN(TestStorageKill)
#include "tst_storage_kill.moc"
