// The chat path under bad input and faults: ChatController with a real
// EngineController and store on the tiny written models.
//  * A 2 MB pasted message: its live token count never holds the GUI thread
//    for as long as tokenizing takes; sent, it is stored byte for byte, the
//    reply fails with a message that says what to do, and the next message
//    works.
//  * The clipboard: raw invalid UTF-8 and a 2 MB text round-trip through
//    Clipboard (the composer side is tests/ui/tst_composer_paste.cpp).
//  * A GPU lost mid-reply (Vulkan, VELA_FAULT_INJECTION; skipped without a
//    device or in builds without fault injection): the partial reply is kept
//    as failed, ModelStatus offers reload / the CPU, reloading answers.
#include "chat_controller.h"
#include "chat_test_models.h"
#include "clipboard.h"
#include "model_status.h"

#include "backend/vulkan/context.h"
#include "engine/engine_controller.h"
#include "engine/inference_worker.h"
#include "storage/conversation_store.h"

#include <QClipboard>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest/QtTest>

#include <limits>
#include <memory>

using namespace vela;
using namespace vela::app;

namespace {

// About 2 MB of what people paste: prose in several scripts, code, emoji,
// in lines (2,000,000 code points, 2.6 MB of UTF-8).
QString pastedText()
{
    const QString line = QStringLiteral("Hello, wörld! ¿Qué tal? 日本語のテキスト 🙂 Ελληνικά, русский. "
                                        "code: x = [i*i for i in range(10)]\n");
    QString text;
    text.reserve(2100000);
    int codePoints = 0;
    const int perLine = int(line.toUcs4().size());
    while (codePoints + perLine <= 2000000) {
        text += line;
        codePoints += perLine;
    }
    while (codePoints++ < 2000000)
        text += QLatin1Char('x');
    return text;
}

// The longest time the GUI thread's event loop went without running a 1 ms
// timer while `until` was false.
qint64 longestStall(const std::function<bool()>& until, int timeoutMs)
{
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QElapsedTimer sinceTick, total;
    qint64 longest = 0;
    QObject::connect(&tick, &QTimer::timeout, [&] { longest = std::max(longest, sinceTick.restart()); });
    sinceTick.start();
    total.start();
    tick.start();
    while (!until() && total.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    return std::max(longest, sinceTick.elapsed());
}

bool isValidUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    return !decoder.hasError() && decoded.toUtf8() == bytes;
}

} // namespace

class TestChatHardening : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString chatModel_, dataDir_;
    std::unique_ptr<storage::ConversationStore> store_;
    std::unique_ptr<EngineController> engine_;
    std::unique_ptr<ChatController> chat_;

    void load(const BackendChoice& backend)
    {
        QSignalSpy loaded(engine_.get(), &EngineController::modelLoaded);
        engine_->loadModel(chatModel_, backend, 512);
        QVERIFY(loaded.wait(vela::test::kChatLoadTimeoutMs));
        QTRY_VERIFY(chat_->blockedReason().isEmpty());
    }
    void loadCpu()
    {
        BackendChoice cpu;
        cpu.kind = BackendChoice::Kind::Cpu;
        load(cpu);
    }

    // Sends `text` and waits for its reply; returns the stored reply.
    storage::Message sendAndWait(const QString& text)
    {
        QSignalSpy ended(chat_->reply(), &StreamingReply::ended);
        if (!chat_->send(text))
            return {};
        if (!ended.wait(vela::test::kChatReplyTimeoutMs))
            return {};
        const auto all = store_->messages(chat_->currentConversationId());
        return all.empty() ? storage::Message{} : all.back();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        chatModel_ = test::writeChatModel(dir_.path());
    }

    void init()
    {
        static int n = 0;
        dataDir_ = dir_.filePath(QStringLiteral("data%1").arg(++n));
        store_ = std::make_unique<storage::ConversationStore>(dataDir_);
        engine_ = std::make_unique<EngineController>();
        chat_ = std::make_unique<ChatController>(*store_, *engine_);
        chat_->settings()->setText(QStringLiteral("max_tokens"), QStringLiteral("16")); // short replies: the point is elsewhere
    }

    void cleanup()
    {
        qunsetenv("VELA_FAULT_INJECTION");
        engine_->shutdown();
        chat_.reset();
        engine_.reset();
        store_.reset();
    }

    // The composer's live count of a 2 MB draft runs off the GUI thread: the
    // event loop never waits as long as the tokenizer takes (it did, once
    // per pause in typing, before). The count is right, and a newer draft
    // wins over a count still running for an older one.
    void largeDraftIsCountedOffTheGuiThread()
    {
        loadCpu();
        const QString text = pastedText();
        // Tokenized here, warm (the first run pays for page faults): what a
        // count on the GUI thread would hold it for. On a machine so fast
        // that this is too short to tell a blocked loop from scheduling
        // noise, the draft is the paste several times over.
        QString draft = text;
        qint64 tokenizeMs = 0;
        int expected = -1;
        for (;;) {
            tokenizeMs = std::numeric_limits<qint64>::max();
            for (int i = 0; i < 2; ++i) {
                QElapsedTimer t;
                t.start();
                expected = engine_->countTokens(draft);
                tokenizeMs = std::min(tokenizeMs, t.elapsed());
            }
            if (tokenizeMs >= 30 || draft.size() > 8 * text.size())
                break;
            draft += text;
        }
        qInfo("tokenizing %lld characters on this thread: %lld ms, %d tokens", qlonglong(draft.size()), tokenizeMs,
              expected);
        QVERIFY(expected > 1000000);
        QVERIFY2(tokenizeMs >= 30, qPrintable(QString::number(tokenizeMs)));

        chat_->draft()->setDelay(0);
        const QString want = QStringLiteral("%1 tokens").arg(QLocale().toString(expected));
        chat_->draft()->setText(draft);
        const qint64 stall = longestStall([&] { return chat_->draft()->tokenText() == want; }, 60000);
        QCOMPARE(chat_->draft()->tokenText(), want);
        qInfo("longest GUI stall while counting: %lld ms", stall);
        QVERIFY2(stall < tokenizeMs * 2 / 3,
                 qPrintable(QStringLiteral("stalled %1 ms; tokenizing takes %2 ms").arg(stall).arg(tokenizeMs)));

        // Last request wins: a short draft typed while the long one is counted.
        chat_->draft()->setText(draft + QStringLiteral(" more"));
        chat_->refreshLocalized(); // counts at once (no timer): the long draft's count runs from here
        chat_->draft()->setText(QStringLiteral("abc def"));
        const QString shortCount = QStringLiteral("%1 tokens").arg(engine_->countTokens(QStringLiteral("abc def")));
        QTRY_COMPARE_WITH_TIMEOUT(chat_->draft()->tokenText(), shortCount, 60000);
        // The stale count is dropped: once every count has ended (the pool is
        // idle) and its result has been delivered here, the short one stays.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(60000));
        QCoreApplication::sendPostedEvents();
        QCOMPARE(chat_->draft()->tokenText(), shortCount);
    }

    // Sent, a 2 MB message is committed whole before anything else; it cannot
    // fit the 512-position context, so the reply fails with a message that
    // names the sizes and what to do; the conversation stays usable.
    void hugeMessageIsKeptAndRefusedClearly()
    {
        loadCpu();
        const QString text = pastedText();
        QSignalSpy ended(chat_->reply(), &StreamingReply::ended);
        QElapsedTimer t;
        t.start();
        QVERIFY(chat_->send(text));
        const qint64 sendMs = t.elapsed(); // the commit (SQLite, full-text index) runs on the GUI thread
        qInfo("send() of %lld characters: %lld ms", qlonglong(text.size()), sendMs);
        QVERIFY2(sendMs < 5000, qPrintable(QString::number(sendMs)));
        QVERIFY(ended.wait(vela::test::kChatReplyTimeoutMs));
        QCOMPARE(ended.first().at(1).toString(), QStringLiteral("failed"));

        const qint64 id = chat_->currentConversationId();
        const auto stored = store_->messages(id);
        QCOMPARE(stored.size(), std::size_t(2));
        QCOMPARE(stored[0].role, storage::Role::User);
        QCOMPARE(stored[0].content.size(), text.size());
        QVERIFY(stored[0].content.toUtf8() == text.toUtf8()); // byte for byte (QCOMPARE would print 2 MB)
        QCOMPARE(stored[1].status, storage::MessageStatus::Failed);
        QVERIFY2(stored[1].error.startsWith(QStringLiteral("The message is too long for this model")),
                 qPrintable(stored[1].error));
        // The sizes: what it needs, what the 512-position context leaves it
        // (half is kept for the reply), and the context.
        QVERIFY2(stored[1].error.contains(QStringLiteral("and 256 of the context's 512 are free for it")),
                 qPrintable(stored[1].error));
        QVERIFY2(stored[1].error.contains(QStringLiteral("context length")), qPrintable(stored[1].error));
        QVERIFY(chat_->notice()->isError());
        QVERIFY2(chat_->notice()->text().contains(QStringLiteral("too long")), qPrintable(chat_->notice()->text()));
        QVERIFY(store_->conversation(id)->title.size() <= 60);
        QVERIFY(!chat_->reply()->generating());

        // A second connection reads what was committed to the file.
        {
            storage::ConversationStore again(dataDir_);
            QVERIFY(again.messages(id).at(0).content.toUtf8() == text.toUtf8());
        }

        // The next message works: the overflow policy leaves the long one out.
        chat_->notice()->dismiss();
        const storage::Message reply = sendAndWait(QStringLiteral("Hi"));
        QCOMPARE(reply.status, storage::MessageStatus::Complete);
        QVERIFY(reply.generatedTokens.value_or(0) > 0);
        QVERIFY(!chat_->notice()->isError());
        const auto after = store_->messages(id);
        QCOMPARE(after.size(), std::size_t(4));
        QVERIFY(after[0].content.toUtf8() == text.toUtf8());
    }

    // Raw invalid UTF-8 on the clipboard reads as text with U+FFFD for each
    // bad byte (the valid parts kept), and what Vela copies comes back whole:
    // the replacement text, and a 2 MB message.
    void clipboardRoundTrips()
    {
        const QByteArray bytes("abc\xff\xfe\xc3(def\xed\xa0\x80");
        const QString expected = QStringLiteral("abc\uFFFD\uFFFD\uFFFD(def\uFFFD\uFFFD\uFFFD");
        Clipboard clipboard;
        QSignalSpy changed(&clipboard, &Clipboard::textChanged);

        auto* mime = new QMimeData;
        mime->setData(QStringLiteral("text/plain;charset=utf-8"), bytes);
        QGuiApplication::clipboard()->setMimeData(mime); // takes ownership
        QCOMPARE(clipboard.text(), expected);
        QGuiApplication::clipboard()->setText(QString::fromUtf8(bytes));
        QCOMPARE(clipboard.text(), expected);

        clipboard.copy(expected);
        QCOMPARE(clipboard.text(), expected);
        const QByteArray out = QGuiApplication::clipboard()->mimeData()->data(QStringLiteral("text/plain"));
        QVERIFY(isValidUtf8(out));
        QCOMPARE(out, expected.toUtf8());

        const QString big = pastedText();
        clipboard.copy(big);
        QVERIFY(clipboard.text() == big);
        QVERIFY(changed.size() >= 4);
    }

    // Lost mid-reply: the reply fails as DeviceLost, the user's message and
    // the text streamed so far stay in SQLite (failed), the banner's
    // ModelStatus names the way forward, and reload() answers on a new device.
    // The flush interval is an hour, so the partial text is there only
    // because the worker sends what it holds before it reports the failure.
    void gpuLostMidReplyKeepsTheConversation()
    {
#ifndef VELA_FAULT_INJECTION
        QSKIP("built without VELA_FAULT_INJECTION");
#else
        if (backend::vulkan::listDevices().empty())
            QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
        ModelStatus status(*engine_);
        engine_->setFlushInterval(std::chrono::hours(1));
        // Greedy: the same long reply every run (a sampled one may end at once).
        chat_->settings()->setText(QStringLiteral("temperature"), QStringLiteral("0"));
        chat_->settings()->setText(QStringLiteral("max_tokens"), QStringLiteral("64"));
        qputenv("VELA_FAULT_INJECTION", "lost=40"); // well into the reply (the load submits fewer)
        BackendChoice vulkan;
        vulkan.kind = BackendChoice::Kind::Vulkan;
        load(vulkan);

        const storage::Message lost = sendAndWait(QStringLiteral("Why is the sky blue?"));
        qInfo("lost reply: %s, %lld + %lld characters, %s", qPrintable(storage::statusName(lost.status)),
              qlonglong(lost.reasoning.size()), qlonglong(lost.content.size()), qPrintable(lost.error));
        QCOMPARE(lost.status, storage::MessageStatus::Failed);
        QVERIFY2(lost.error.contains(QStringLiteral("lost")), qPrintable(lost.error));
        QVERIFY2(!(lost.content + lost.reasoning).isEmpty(), "the text streamed before the loss was dropped");
        const auto kept = store_->messages(chat_->currentConversationId());
        QCOMPARE(kept.size(), std::size_t(2));
        QCOMPARE(kept[0].content, QStringLiteral("Why is the sky blue?"));
        QVERIFY(!engine_->isLoaded());
        QVERIFY(status.hasError());
        QCOMPARE(status.errorKind(), QStringLiteral("DeviceLost"));
        QVERIFY(status.canReload());
        QVERIFY(status.canUseCpu());
        QVERIFY2(status.errorAction().contains(QStringLiteral("Reload")), qPrintable(status.errorAction()));
        QVERIFY2(status.errorAction().contains(QStringLiteral("another GPU")), qPrintable(status.errorAction()));
        QVERIFY(!chat_->blockedReason().isEmpty()); // nothing can be sent until it is reloaded
        QCOMPARE(chat_->notice()->text(), QString()); // ModelStatus's banner says it; no second one

        qunsetenv("VELA_FAULT_INJECTION"); // the new device is healthy
        QSignalSpy loaded(engine_.get(), &EngineController::modelLoaded);
        status.reload();
        QVERIFY(!status.hasError());
        QVERIFY(loaded.wait(vela::test::kChatLoadTimeoutMs));
        QTRY_VERIFY(chat_->blockedReason().isEmpty());
        const storage::Message again = sendAndWait(QStringLiteral("And at sunset?"));
        QCOMPARE(again.status, storage::MessageStatus::Complete);
        const auto all = store_->messages(chat_->currentConversationId());
        QCOMPARE(all.size(), std::size_t(4));
        QCOMPARE(all[1].content + all[1].reasoning, lost.content + lost.reasoning); // the partial reply is untouched
        QCOMPARE(all[1].status, storage::MessageStatus::Failed);
#endif
    }
};

QTEST_MAIN(TestChatHardening)
#include "tst_chat_hardening.moc"
