// Recovery stops only the replies of writers that are gone (writers.h): a
// second ConversationStore on the same file, in this process or another,
// leaves a live store's streaming reply alone, which then completes; once
// its writer is gone (closed, or its process killed, leaving a stale lock)
// the next open stops it, keeping its text, and removes the dead lock.
#include "app/storage/storage_test_helpers.h"
#include "app/storage/stream_text.h"

#include "storage/writers.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela::storage;
using namespace vela::storage::test;

namespace {

QStringList lockFiles(const QString& dir)
{
    return QDir(QDir(dir).filePath(QStringLiteral("writers"))).entryList({QStringLiteral("*.lock")}, QDir::Files);
}

// Reads the child's lines until one starts with `prefix`; returns its last
// field ("" when the child ended first).
QByteArray waitForLine(QProcess& child, const QByteArray& prefix)
{
    while (true) {
        while (child.canReadLine()) {
            const QByteArray line = child.readLine().trimmed();
            if (line.startsWith(prefix))
                return line.split(' ').last();
        }
        if (!child.waitForReadyRead(30000))
            return {};
    }
}

} // namespace

class TestStorageWriters : public QObject {
    Q_OBJECT
private slots:
    void secondStoreLeavesALiveReplyAlone();
    void closedWriterIsRecovered();
    void killedWriterIsRecoveredAndItsLockRemoved();
    void restoredCopyOfOwnReplyIsRecovered();
};

// The bug of two Vela windows on one folder: the second's open stopped the
// first's reply, and the first then failed to commit it.
void TestStorageWriters::secondStoreLeavesALiveReplyAlone()
{
    QTemporaryDir dir;
    ConversationStore first(dir.path());
    const auto c = first.createConversation(QStringLiteral("c")).id;
    first.appendMessage(c, textMessage(Role::User, QStringLiteral("question")));
    const auto reply = first.beginAssistantMessage(c).id;
    first.updateStreamingMessage(reply, QStringLiteral("part"), QStringLiteral("thought"));

    ConversationStore second(dir.path());
    QCOMPARE(second.openReport().recoveredMessages, 0);
    QCOMPARE(second.message(reply)->status, MessageStatus::Streaming);

    first.updateStreamingMessage(reply, QStringLiteral("part and the rest"), QStringLiteral("thought"));
    MessageResult done;
    done.content = QStringLiteral("part and the rest.");
    done.reasoning = QStringLiteral("thought");
    first.finishMessage(reply, done, MessageStatus::Complete);
    const Message m = *second.message(reply);
    QCOMPARE(m.status, MessageStatus::Complete);
    QCOMPARE(m.content, QStringLiteral("part and the rest."));
}

void TestStorageWriters::closedWriterIsRecovered()
{
    QTemporaryDir dir;
    std::int64_t gone = 0, live = 0;
    auto first = std::make_unique<ConversationStore>(dir.path());
    const auto c = first->createConversation(QStringLiteral("c")).id;
    gone = first->beginAssistantMessage(c).id;
    first->updateStreamingMessage(gone, QStringLiteral("left behind"), QString());

    ConversationStore second(dir.path());
    live = second.beginAssistantMessage(c).id;
    QCOMPARE(lockFiles(dir.path()).size(), 2);
    first.reset(); // closed without finishing its reply
    QCOMPARE(lockFiles(dir.path()).size(), 1);

    ConversationStore third(dir.path());
    QCOMPARE(third.openReport().recoveredMessages, 1);
    QCOMPARE(third.message(gone)->status, MessageStatus::Stopped);
    QCOMPARE(third.message(gone)->content, QStringLiteral("left behind"));
    QCOMPARE(third.message(live)->status, MessageStatus::Streaming);
    second.updateStreamingMessage(live, QStringLiteral("still mine"), QString());
}

// A crash: the writer's process dies holding its lock, so the lock file
// stays with a dead process id in it (a stale lock).
void TestStorageWriters::killedWriterIsRecoveredAndItsLockRemoved()
{
    QTemporaryDir dir;
    QProcess child;
    child.start(QStringLiteral(STREAM_WRITER_PATH), {dir.path(), QStringLiteral("held"), QStringLiteral("hold")});
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    const std::int64_t reply = waitForLine(child, "holding").toLongLong();
    QVERIFY2(reply > 0, child.readAllStandardError().constData());
    const QString childLock = lockFiles(dir.path()).value(0);
    QCOMPARE(lockFiles(dir.path()), QStringList{childLock});

    {
        ConversationStore store(dir.path());
        QCOMPARE(store.openReport().recoveredMessages, 0);
        QCOMPARE(store.message(reply)->status, MessageStatus::Streaming);
    }

    child.kill();
    QVERIFY(child.waitForFinished());
    QCOMPARE(lockFiles(dir.path()), QStringList{childLock}); // left by the dead process

    ConversationStore store(dir.path());
    QCOMPARE(store.openReport().recoveredMessages, 1);
    const Message m = *store.message(reply);
    QCOMPARE(m.status, MessageStatus::Stopped);
    QCOMPARE(m.content, streamText(0, 1));
    QVERIFY(!lockFiles(dir.path()).contains(childLock));
    QCOMPARE(lockFiles(dir.path()).size(), 1); // this store's own
    QVERIFY(!writers::isGone(dir.path(), lockFiles(dir.path()).first().chopped(5)));
}

// A backup taken while this store streamed holds that reply as 'streaming'
// with this store's id; restored, it is a copy from the past, not the reply
// being written, so it is stopped like any other.
void TestStorageWriters::restoredCopyOfOwnReplyIsRecovered()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const auto c = store.createConversation(QStringLiteral("c")).id;
    const auto reply = store.beginAssistantMessage(c).id;
    store.updateStreamingMessage(reply, QStringLiteral("half"), QString());
    const QString backup = store.backupNow();
    MessageResult done;
    done.content = QStringLiteral("half and whole");
    store.finishMessage(reply, done, MessageStatus::Complete);

    const RestoreReport r = store.restoreBackup(backup);
    QCOMPARE(r.recoveredMessages, 1);
    QCOMPARE(store.message(reply)->status, MessageStatus::Stopped);
    QCOMPARE(store.message(reply)->content, QStringLiteral("half"));
}

QTEST_GUILESS_MAIN(TestStorageWriters)
#include "tst_storage_writers.moc"
