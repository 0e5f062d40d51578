// ChatController with a real EngineController (CPU backend) on tiny written
// models and a temporary data folder: what is committed when, what is sent
// to the model, and the sidebar's actions.
#include "chat_controller.h"
#include "chat_test_models.h"
#include "model_status.h"
#include "prompt_builder.h"

#include "app/engine/worker_hold.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h"
#include "storage/conversation_store.h"
#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <memory>

using namespace vela;
using namespace vela::app;

class TestChatController : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString chatModel_, thinkingModel_;
    std::unique_ptr<storage::ConversationStore> store_;
    std::unique_ptr<EngineController> engine_;
    std::unique_ptr<ChatController> chat_;

    void load(const QString& path)
    {
        QSignalSpy loaded(engine_.get(), &EngineController::modelLoaded);
        BackendChoice cpu;
        cpu.kind = BackendChoice::Kind::Cpu;
        engine_->loadModel(path, cpu, 512);
        QVERIFY(loaded.wait(vela::test::kChatLoadTimeoutMs));
        QTRY_VERIFY(chat_->blockedReason().isEmpty());
    }

    // Waits for the running reply; returns its stored record.
    storage::Message waitReply()
    {
        QSignalSpy ended(chat_->reply(), &StreamingReply::ended);
        if (chat_->reply()->generating())
            [&] { QVERIFY(ended.wait(vela::test::kChatReplyTimeoutMs)); }();
        const auto all = store_->messages(chat_->currentConversationId());
        return all.empty() ? storage::Message{} : all.back();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        chatModel_ = test::writeChatModel(dir_.path());
        thinkingModel_ = test::writeThinkingModel(dir_.path());
    }

    void init()
    {
        static int n = 0;
        store_ = std::make_unique<storage::ConversationStore>(dir_.filePath(QStringLiteral("data%1").arg(++n)));
        engine_ = std::make_unique<EngineController>();
        chat_ = std::make_unique<ChatController>(*store_, *engine_);
    }

    void cleanup()
    {
        engine_->shutdown();
        chat_.reset();
        engine_.reset();
        store_.reset();
    }

    // A damaged database at start: the notice says so and offers the latest
    // backup; dismissing the notice withdraws the offer with it.
    void damageNoticeOffersTheBackupUntilDismissed()
    {
        const QString data = dir_.filePath(QStringLiteral("damaged"));
        {
            storage::ConversationStore first(data);
            QVERIFY(!first.backupNow().isEmpty());
        }
        {
            QFile db(QDir(data).filePath(QString::fromLatin1(storage::ConversationStore::kFileName)));
            QVERIFY(db.open(QIODevice::ReadWrite));
            QVERIFY(db.write(QByteArray(100, '\x5a')) == 100); // ruins the SQLite header
        }
        storage::ConversationStore store(data);
        QVERIFY(store.openReport().damaged);
        ChatController chat(store, *engine_);
        chat.archive()->reportOpen();
        QVERIFY(chat.notice()->shown());
        QVERIFY(chat.notice()->isError());
        QVERIFY(chat.archive()->canRestoreBackup());

        QSignalSpy offer(chat.archive(), &ConversationArchive::canRestoreBackupChanged);
        QSignalSpy dismissed(chat.notice(), &Notice::dismissed);
        chat.notice()->dismiss();
        QVERIFY(!chat.notice()->shown());
        QCOMPARE(dismissed.count(), 1);
        QVERIFY(!chat.archive()->canRestoreBackup());
        QCOMPARE(offer.count(), 1);
    }

    // The keyboard's next/previous conversation walks the sidebar's order
    // and stops at its ends; "copy last reply" takes the newest reply's text.
    void adjacentConversationsAndLastReply()
    {
        const auto a = store_->createConversation(QStringLiteral("A"));
        const auto b = store_->createConversation(QStringLiteral("B"));
        const auto c = store_->createConversation(QStringLiteral("C"));
        ChatController chat(*store_, *engine_);
        QCOMPARE(chat.conversations()->count(), 3);
        const auto idAt = [&](int row) { return chat.conversations()->conversations()[std::size_t(row)].id; };
        QCOMPARE(chat.currentConversationId(), qint64(-1));
        chat.selectAdjacentConversation(1); // from a new chat: the first row
        QCOMPARE(chat.currentConversationId(), idAt(0));
        chat.selectAdjacentConversation(1);
        QCOMPARE(chat.currentConversationId(), idAt(1));
        chat.selectAdjacentConversation(5); // stops at the end
        QCOMPARE(chat.currentConversationId(), idAt(2));
        chat.selectAdjacentConversation(-1);
        QCOMPARE(chat.currentConversationId(), idAt(1));
        chat.newConversation();
        chat.selectAdjacentConversation(-1); // from a new chat, going up: the last row
        QCOMPARE(chat.currentConversationId(), idAt(2));
        QVERIFY((QList<qint64>{a.id, b.id, c.id}).contains(idAt(0)));

        QCOMPARE(chat.lastReplyText(), QString());
        storage::Message q;
        q.role = chat::Role::User;
        q.content = QStringLiteral("Hi");
        store_->appendMessage(a.id, q);
        storage::Message r;
        r.role = chat::Role::Assistant;
        r.content = QStringLiteral("**Hello**");
        store_->appendMessage(a.id, r);
        storage::Message empty = r;
        empty.content.clear(); // a reply stopped before its first text
        empty.status = storage::MessageStatus::Stopped;
        store_->appendMessage(a.id, empty);
        chat.newConversation(); // the messages were written behind the open view: open it again
        chat.selectConversation(a.id);
        QCOMPARE(chat.lastReplyText(), QStringLiteral("**Hello**"));
    }

    void noModelBlocksSending()
    {
        QVERIFY(!chat_->blockedReason().isEmpty());
        QVERIFY(!chat_->send(QStringLiteral("Hello")));
        QVERIFY(store_->listConversations().empty());
    }

    void sendCommitsFirstThenStreams()
    {
        load(chatModel_);
        chat_->reply()->setCommitInterval(5);
        engine_->setFlushInterval(std::chrono::milliseconds(1));
        // The worker is held after its first text until the store has it:
        // the streaming text is committed while the reply still runs, on a
        // machine of any speed.
        test_support::WorkerHold hold;
        hold.holdAtFirstDelta(engine_->worker());
        QSignalSpy rowChanges(chat_->messages(), &QAbstractItemModel::dataChanged);

        QVERIFY(chat_->send(QStringLiteral("Hello there")));
        // Before any reply: the user's message and a streaming reply are stored.
        const qint64 id = chat_->currentConversationId();
        QVERIFY(id > 0);
        auto stored = store_->messages(id);
        QCOMPARE(stored.size(), std::size_t(2));
        QCOMPARE(stored[0].role, storage::Role::User);
        QCOMPARE(stored[0].content, QStringLiteral("Hello there"));
        QCOMPARE(stored[1].status, storage::MessageStatus::Streaming);
        QCOMPARE(store_->conversation(id)->title, QStringLiteral("Hello there"));
        QVERIFY(chat_->reply()->generating());
        QVERIFY(hold.waitHeld(vela::test::kChatReplyTimeoutMs));
        QTRY_VERIFY([&] {
            const auto m = store_->message(chat_->reply()->messageId());
            return m && m->status == storage::MessageStatus::Streaming && !(m->content + m->reasoning).isEmpty();
        }());
        hold.release();

        const storage::Message reply = waitReply();
        QVERIFY(!chat_->reply()->generating());
        QCOMPARE(reply.status, storage::MessageStatus::Complete);
        QVERIFY(!(reply.content + reply.reasoning).isEmpty());
        QVERIFY(reply.generatedTokens.value_or(0) > 0);
        QVERIFY(reply.tokensPerSecond.has_value());
        // The reply remembers which model answered; the footer shows it.
        QCOMPARE(reply.model, QFileInfo(chatModel_).fileName());
        QCOMPARE(chat_->messages()->index(int(chat_->messages()->messages().size()) - 1)
                     .data(MessageListModel::ModelRole).toString(),
                 QFileInfo(chatModel_).completeBaseName());
        QVERIFY(rowChanges.size() > 1);                // the row followed the stream
        QCOMPARE(chat_->messages()->messages().back(), reply); // the view shows what is stored
        QCOMPARE(chat_->conversations()->count(), 1);
    }

    // A reply belongs to the conversation it was asked in: while another is
    // shown, none of it appears there and it still ends in its own; back in
    // its conversation, the row shows the newest streamed text, not the last
    // commit (there is none here before the end).
    void replyStaysWithItsConversation()
    {
        load(chatModel_);
        const auto other = store_->createConversation(QStringLiteral("Other"));
        storage::Message older;
        older.content = QStringLiteral("an older chat");
        store_->appendMessage(other.id, older);
        chat_->reply()->setCommitInterval(3600 * 1000);
        engine_->setFlushInterval(std::chrono::milliseconds(1));
        test_support::WorkerHold hold;
        hold.holdAtFirstDelta(engine_->worker());

        QVERIFY(chat_->send(QStringLiteral("Hello there")));
        const qint64 asked = chat_->currentConversationId();
        const qint64 replyId = chat_->reply()->messageId();
        QCOMPARE(chat_->reply()->conversationId(), asked);
        QVERIFY(hold.waitHeld(vela::test::kChatReplyTimeoutMs));
        const auto shownText = [&] {
            const int row = chat_->messages()->rowOf(replyId);
            const storage::Message m = row < 0 ? storage::Message{} : chat_->messages()->messages()[std::size_t(row)];
            return m.reasoning + QLatin1Char('|') + m.content;
        };
        QTRY_VERIFY(shownText() != QStringLiteral("|"));
        const QString streamed = shownText();
        const auto committed = store_->message(replyId);
        QVERIFY(committed && (committed->reasoning + committed->content).isEmpty());

        chat_->selectConversation(other.id);
        QCOMPARE(chat_->messages()->messages().size(), std::size_t(1));
        QCOMPARE(chat_->messages()->rowOf(replyId), -1);
        chat_->selectConversation(asked);
        QCOMPARE(shownText(), streamed);

        chat_->selectConversation(other.id);
        QSignalSpy ended(chat_->reply(), &StreamingReply::ended);
        hold.release();
        QVERIFY(ended.wait(vela::test::kChatReplyTimeoutMs));
        QCOMPARE(ended.first().at(0).toLongLong(), replyId);
        const auto stored = store_->message(replyId);
        QVERIFY(stored);
        QCOMPARE(stored->conversationId, asked);
        QCOMPARE(stored->status, storage::MessageStatus::Complete);
        QVERIFY(stored->reasoning.startsWith(streamed.section(QLatin1Char('|'), 0, 0)));
        QVERIFY(stored->content.startsWith(streamed.section(QLatin1Char('|'), 1)));
        QCOMPARE(chat_->currentConversationId(), other.id);
        QCOMPARE(chat_->messages()->messages().size(), std::size_t(1));
        QCOMPARE(chat_->messages()->messages().front().content, QStringLiteral("an older chat"));
        chat_->selectConversation(asked);
        QCOMPARE(chat_->messages()->messages().back(), *stored);
    }

    void stopMarksStopped()
    {
        load(chatModel_);
        QVERIFY(chat_->send(QStringLiteral("Tell me a long story")));
        chat_->reply()->stop();
        const storage::Message reply = waitReply();
        QCOMPARE(reply.status, storage::MessageStatus::Stopped);
        QCOMPARE(chat_->messages()->messages().back().status, storage::MessageStatus::Stopped);
    }

    // A long message: the streaming row shows how much of the prompt has
    // been read, then the reply; Stop while it is read keeps an empty,
    // stopped reply.
    void longPromptShowsProgressOnTheReply()
    {
        load(chatModel_);
        MessageListModel* model = chat_->messages();
        QList<double> seen;
        connect(model, &QAbstractItemModel::dataChanged, this,
                [&](const QModelIndex& from, const QModelIndex&, const QList<int>& roles) {
                    if (roles.contains(MessageListModel::PromptProgressRole))
                        seen.append(from.data(MessageListModel::PromptProgressRole).toDouble());
                });
        QVERIFY(chat_->send(QString(200, QLatin1Char('w')))); // one token per byte: two chunks
        const storage::Message reply = waitReply();
        QCOMPARE(reply.status, storage::MessageStatus::Complete);
        QVERIFY2(seen.size() >= 2, qPrintable(QString::number(seen.size())));
        QCOMPARE(seen.front(), 0.0);
        QCOMPARE(seen.back(), -1.0); // read: gone before the reply's text
        const int row = model->rowOf(reply.id);
        QCOMPARE(model->index(row).data(MessageListModel::PromptProgressRole).toDouble(), -1.0);

        // Stop from the first report (on the worker's thread, so the prompt
        // is certainly still being read).
        const QObject scope;
        connect(engine_->worker(), &InferenceWorker::promptProgress, &scope,
                [this](quint64, int done, int) {
                    if (done == 0)
                        engine_->stop();
                },
                Qt::DirectConnection);
        QVERIFY(chat_->send(QString(200, QLatin1Char('v'))));
        const storage::Message stopped = waitReply();
        QCOMPARE(stopped.status, storage::MessageStatus::Stopped);
        QVERIFY(stopped.content.isEmpty());
        QCOMPARE(model->index(model->rowOf(stopped.id)).data(MessageListModel::PromptProgressRole).toDouble(), -1.0);
    }

    void regenerateReplacesTheReply()
    {
        load(chatModel_);
        QVERIFY(chat_->send(QStringLiteral("Hi")));
        const storage::Message first = waitReply();
        QVERIFY(!chat_->regenerate(first.id - 1)); // a user message cannot be regenerated
        QVERIFY(chat_->regenerate(first.id));
        const storage::Message second = waitReply();
        QVERIFY(second.id != first.id);
        QCOMPARE(second.status, storage::MessageStatus::Complete);
        const auto all = store_->messages(chat_->currentConversationId());
        QCOMPARE(all.size(), std::size_t(2));
        QVERIFY(!store_->message(first.id));
    }

    void editAndResendReplacesFromTheMessage()
    {
        load(chatModel_);
        QVERIFY(chat_->send(QStringLiteral("First question")));
        waitReply();
        const qint64 userId = store_->messages(chat_->currentConversationId()).front().id;
        QVERIFY(chat_->editAndResend(userId, QStringLiteral("Better question")));
        waitReply();
        const auto all = store_->messages(chat_->currentConversationId());
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[0].content, QStringLiteral("Better question"));
        QCOMPARE(chat_->messages()->count(), 2);
    }

    void reasoningStreamsAndIsTimed()
    {
        load(thinkingModel_);
        QVERIFY(engine_->modelInfo().thinkingCapable());
        chat_->settings()->setText(QStringLiteral("max_tokens"), QStringLiteral("64"));
        // The live counter starts when the reasoning phase does (not at send),
        // before the first reasoning text reaches the row.
        QDateTime startedAt;
        bool startedBeforeText = false;
        MessageListModel* model = chat_->messages();
        connect(model, &QAbstractItemModel::dataChanged, this,
                [&](const QModelIndex& from, const QModelIndex&, const QList<int>& roles) {
                    if (roles.contains(MessageListModel::ReasoningStartedAtRole) && !startedAt.isValid()) {
                        startedAt = from.data(MessageListModel::ReasoningStartedAtRole).toDateTime();
                        startedBeforeText = from.data(MessageListModel::ReasoningRole).toString().isEmpty();
                    }
                });
        const QDateTime sent = QDateTime::currentDateTime();
        QVERIFY(chat_->send(QStringLiteral("Think about it")));
        const storage::Message reply = waitReply();
        QVERIFY2(!reply.reasoning.isEmpty(), qPrintable(reply.content));
        QVERIFY(reply.thinkingMs.has_value());
        QVERIFY(startedAt.isValid());
        QVERIFY(startedAt >= sent);
        QVERIFY(startedBeforeText);
        // Once the reply is stored, the row has its measured time instead.
        QVERIFY(!model->index(model->rowOf(reply.id)).data(MessageListModel::ReasoningStartedAtRole).toDateTime().isValid());
        // The next request would not carry it back.
        const auto turns = buildTurns(chat_->settings()->value(), store_->messages(chat_->currentConversationId()));
        for (const ChatTurn& t : turns)
            QVERIFY(t.reasoning.isEmpty());
    }

    void earlierReasoningIsNotSentBack()
    {
        std::vector<storage::Message> history(2);
        history[0].role = storage::Role::User;
        history[0].content = QStringLiteral("Q");
        history[1].role = storage::Role::Assistant;
        history[1].content = QStringLiteral("A");
        history[1].reasoning = QStringLiteral("secret thoughts");
        storage::Message failed;
        failed.role = storage::Role::Assistant;
        failed.status = storage::MessageStatus::Failed;
        failed.content = QStringLiteral("half");
        history.push_back(failed);
        const auto turns = buildTurns({}, history);
        QCOMPARE(turns.size(), 2); // no system prompt (Auto, none set), failed reply left out
        QCOMPARE(turns[1].content, QStringLiteral("A"));
        QVERIFY(turns[1].reasoning.isEmpty());
    }

    void answerLanguageGoesIntoTheSystemPrompt()
    {
        storage::ConversationSettings s;
        QCOMPARE(systemPromptFor(s), QString());
        s.answerLanguage = storage::AnswerLanguage::Spanish;
        QCOMPARE(systemPromptFor(s), QStringLiteral("Responde siempre en español."));
        s.systemPrompt = QStringLiteral("You are terse.");
        s.answerLanguage = storage::AnswerLanguage::English;
        QCOMPARE(systemPromptFor(s), QStringLiteral("You are terse.\n\nAlways answer in English."));
        const auto turns = buildTurns(s, {});
        QCOMPARE(turns.size(), 1);
        QCOMPARE(turns[0].role, chat::Role::System);
        QVERIFY(turns[0].content.endsWith(QStringLiteral("Always answer in English.")));
        s.completionMode = true; // base models get no system turn
        QVERIFY(buildTurns(s, {}).isEmpty());
    }

    void presetsFollowTheModeUnlessSet()
    {
        storage::ConversationSettings s;
        s.thinking = true;
        auto p = samplingFor(s);
        QCOMPARE(p.temperature, 0.6f);
        QCOMPARE(p.topP, 0.95f);
        QCOMPARE(p.topK, 20);
        s.thinking = false;
        p = samplingFor(s);
        QCOMPARE(p.temperature, 0.7f);
        QCOMPARE(p.topP, 0.8f);
        QCOMPARE(p.topK, 20);
        s.sampling.temperature = 0.3;
        QCOMPARE(samplingFor(s).temperature, 0.3f);
        s.thinking = true;
        QCOMPARE(samplingFor(s).temperature, 0.3f); // the user's value stays
        QCOMPARE(samplingFor(s).topP, 0.95f);       // the rest follows the mode

        ChatSettings settings;
        QSignalSpy edited(&settings, &ChatSettings::edited);
        settings.setThinking(false);
        QCOMPARE(settings.preset(QStringLiteral("temperature")), QLocale().toString(0.7, 'g', 6));
        QVERIFY(settings.setText(QStringLiteral("temperature"), QStringLiteral("0.5")));
        QVERIFY(!settings.setText(QStringLiteral("top_k"), QStringLiteral("2.5")));
        QVERIFY(!settings.setText(QStringLiteral("top_p"), QStringLiteral("7")));
        QCOMPARE(settings.value().sampling.temperature, std::optional<double>(0.5));
        QVERIFY(settings.setText(QStringLiteral("temperature"), QString()));
        QVERIFY(!settings.value().sampling.temperature.has_value());
        QCOMPARE(edited.size(), 3);
    }

    void settingsAreRememberedPerConversation()
    {
        load(chatModel_);
        chat_->settings()->setThinking(false);
        chat_->settings()->setAnswerLanguage(2);
        QVERIFY(chat_->send(QStringLiteral("Hola")));
        const qint64 first = chat_->currentConversationId();
        waitReply();
        QCOMPARE(store_->conversation(first)->settings.thinking, false);
        QCOMPARE(store_->conversation(first)->settings.answerLanguage, storage::AnswerLanguage::Spanish);
        chat_->settings()->setThinking(true);
        QCOMPARE(store_->conversation(first)->settings.thinking, true);

        chat_->newConversation();
        QCOMPARE(chat_->currentConversationId(), qint64(-1));
        QCOMPARE(chat_->settings()->answerLanguage(), 0);
        chat_->selectConversation(first);
        QCOMPARE(chat_->settings()->answerLanguage(), 2);
    }

    void renamePinDeleteUndoSearch()
    {
        const auto a = store_->createConversation(QStringLiteral("Alpha"));
        const auto b = store_->createConversation(QStringLiteral("Beta"));
        storage::Message m;
        m.content = QStringLiteral("tortilla de patatas");
        store_->appendMessage(b.id, m);
        chat_->newConversation(); // reloads nothing; use an action that does
        chat_->renameConversation(a.id, QStringLiteral("  Alpha   one "));
        QCOMPARE(store_->conversation(a.id)->title, QStringLiteral("Alpha one"));
        chat_->setPinned(a.id, true);
        QCOMPARE(chat_->conversations()->conversations().front().id, a.id);

        chat_->setSearchQuery(QStringLiteral("tortil"));
        QCOMPARE(chat_->searchResults()->count(), 1);

        chat_->selectConversation(b.id);
        chat_->deleteConversation(b.id);
        QCOMPARE(chat_->currentConversationId(), qint64(-1));
        QCOMPARE(chat_->undoTitle(), QStringLiteral("Beta"));
        QCOMPARE(chat_->conversations()->count(), 1);
        QCOMPARE(chat_->searchResults()->count(), 0);
        chat_->undoDelete();
        QCOMPARE(chat_->undoTitle(), QString());
        QCOMPARE(chat_->currentConversationId(), b.id);
        QCOMPARE(chat_->messages()->count(), 1);
        QCOMPARE(chat_->searchResults()->count(), 1);
    }

    // A conversation's context length is applied before its reply without
    // reloading the weights; a conversation without one goes back to the
    // size the model was loaded with; requests beyond the trained context
    // are bounded by it.
    void conversationContextLengthIsApplied()
    {
        load(chatModel_); // 512 positions, the model's trained context
        QSignalSpy loads(engine_.get(), &EngineController::modelLoaded);
        QSignalSpy resized(engine_.get(), &EngineController::contextSizeChanged);
        ModelStatus status(*engine_);
        storage::ConversationSettings small;
        small.sampling.contextLength = 256;
        const auto a = store_->createConversation(QStringLiteral("Small"), small);
        const auto b = store_->createConversation(QStringLiteral("Default"));
        storage::ConversationSettings huge;
        huge.sampling.contextLength = 100000;
        const auto c = store_->createConversation(QStringLiteral("Huge"), huge);

        chat_->selectConversation(a.id);
        QVERIFY(chat_->send(QStringLiteral("Hi")));
        QCOMPARE(waitReply().status, storage::MessageStatus::Complete);
        QCOMPARE(engine_->stats().contextSize, 256);
        QCOMPARE(engine_->modelInfo().contextSize, 256);
        QVERIFY2(status.contextText().endsWith(QStringLiteral("256")), qPrintable(status.contextText()));
        // The device in the UI's words, with the CPU backend's own thread count.
        static const QRegularExpression cpu(QStringLiteral("^CPU \\([1-9][0-9]* threads\\)$"));
        QVERIFY2(cpu.match(status.deviceText()).hasMatch(), qPrintable(status.deviceText()));
        QCOMPARE(resized.size(), 1);

        chat_->selectConversation(b.id);
        QVERIFY(chat_->send(QStringLiteral("Hi")));
        QCOMPARE(waitReply().status, storage::MessageStatus::Complete);
        QCOMPARE(engine_->stats().contextSize, 512);
        QCOMPARE(engine_->modelInfo().contextSize, 512);
        QCOMPARE(resized.size(), 2);

        chat_->selectConversation(c.id);
        QVERIFY(chat_->send(QStringLiteral("Hi")));
        QCOMPARE(waitReply().status, storage::MessageStatus::Complete);
        QCOMPARE(engine_->stats().contextSize, 512); // the trained context: no change
        QCOMPARE(resized.size(), 2);
        QCOMPARE(loads.size(), 0); // the weights were never loaded again
    }

    // The composer's count: an estimate without a model, then the model's
    // own tokenizer once it is loaded, recounted once after a burst of edits.
    void draftTokensAreCountedWithTheModel()
    {
        chat_->draft()->setDelay(50);
        const QString text = QStringLiteral("¡Hola, mundo! Tokens, por favor: 12345.");
        QSignalSpy counted(chat_->draft(), &DraftTokenCounter::tokenTextChanged);
        chat_->draft()->setText(text);
        QVERIFY(counted.wait());
        QCOMPARE(chat_->draft()->tokenText(), QStringLiteral("≈ %1 tokens").arg((text.size() + 3) / 4));
        QCOMPARE(engine_->countTokens(text), -1);

        load(chatModel_);
        const gguf::File file = gguf::File::open(chatModel_.toStdString());
        const auto tokenizer = tokenizer::Tokenizer::fromGguf(file);
        const int expected = int(tokenizer.encode(text.toStdString(), false).size());
        QVERIFY(expected > 0);
        QVERIFY(expected != (text.size() + 3) / 4); // else the test could not tell them apart
        QCOMPARE(engine_->countTokens(text), expected);
        QTRY_COMPARE(chat_->draft()->tokenText(), QStringLiteral("%1 tokens").arg(expected)); // recounted at load
        QCOMPARE(engine_->countTokens(QString()), 0);

        // Debounced: a burst of edits is counted once, after it.
        counted.clear();
        QString typed;
        for (const QChar ch : QStringLiteral("abc def")) {
            typed += ch;
            chat_->draft()->setText(typed);
        }
        QCOMPARE(counted.size(), 0);
        QVERIFY(counted.wait());
        QCOMPARE(counted.size(), 1);
        QCOMPARE(chat_->draft()->tokenText(),
                 QStringLiteral("%1 tokens").arg(tokenizer.encode("abc def", false).size()));
        // No second count of the burst: one more edit's count comes after
        // anything the burst could still cause, and it is the next change.
        const QString more = QStringLiteral("abc def ghi");
        const QString moreCount = QStringLiteral("%1 tokens").arg(tokenizer.encode(more.toStdString(), false).size());
        QVERIFY(moreCount != chat_->draft()->tokenText()); // else it would show no change
        chat_->draft()->setText(more);
        QTRY_COMPARE(chat_->draft()->tokenText(), moreCount);
        QCOMPARE(counted.size(), 2);
    }

    // Opening a search hit opens its conversation and asks the view to reveal
    // the matching message (its row), also when the conversation is open.
    void searchResultRevealsTheMessage()
    {
        const auto a = store_->createConversation(QStringLiteral("Recipes"));
        qint64 match = -1;
        for (int i = 0; i < 6; ++i) {
            storage::Message m;
            m.role = i % 2 ? storage::Role::Assistant : storage::Role::User;
            m.content = i == 2 ? QStringLiteral("a tortilla needs eggs") : QStringLiteral("message %1").arg(i);
            const auto stored = store_->appendMessage(a.id, m);
            if (i == 2)
                match = stored.id;
        }
        const auto b = store_->createConversation(QStringLiteral("Other"));
        chat_->selectConversation(b.id);
        chat_->setSearchQuery(QStringLiteral("tortilla"));
        QCOMPARE(chat_->searchResults()->count(), 1);
        const QModelIndex hit = chat_->searchResults()->index(0);
        QCOMPARE(hit.data(SearchResultsModel::MessageIdRole).toLongLong(), match);

        QSignalSpy reveal(chat_.get(), &ChatController::revealMessage);
        chat_->openSearchResult(a.id, match);
        QCOMPARE(chat_->currentConversationId(), a.id);
        QCOMPARE(reveal.size(), 1);
        QCOMPARE(reveal.first().at(0).toInt(), 2);
        QCOMPARE(reveal.first().at(1).toLongLong(), match);
        chat_->openSearchResult(a.id, match); // already open: revealed again
        QCOMPARE(reveal.size(), 2);
        chat_->openSearchResult(b.id, -1); // a title match: the conversation only
        QCOMPARE(chat_->currentConversationId(), b.id);
        QCOMPARE(reveal.size(), 2);
    }

    void exportAndImport()
    {
        const auto c = store_->createConversation(QStringLiteral("Export me"));
        storage::Message m;
        m.content = QStringLiteral("hello");
        store_->appendMessage(c.id, m);
        const QString json = dir_.filePath(QStringLiteral("out.json"));
        const QString md = dir_.filePath(QStringLiteral("out.md"));
        QVERIFY(chat_->archive()->exportTo(c.id, QUrl::fromLocalFile(json), QStringLiteral("json"), true));
        QVERIFY(chat_->archive()->exportTo(-1, QUrl::fromLocalFile(md), QStringLiteral("markdown"), false));
        QFile mdFile(md);
        QVERIFY(mdFile.open(QIODevice::ReadOnly));
        QVERIFY(mdFile.readAll().contains("hello"));
        QVERIFY(chat_->archive()->importFrom(QUrl::fromLocalFile(json)));
        QCOMPARE(store_->listConversations().size(), std::size_t(2));
        QVERIFY(!chat_->notice()->isError());
        QVERIFY(!chat_->archive()->importFrom(QUrl::fromLocalFile(md))); // not JSON: refused, said so
        QVERIFY(chat_->notice()->isError());
        QCOMPARE(store_->listConversations().size(), std::size_t(2));
    }
};

QTEST_MAIN(TestChatController)
#include "tst_chat_controller.moc"
