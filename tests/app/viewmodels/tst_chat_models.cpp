// The list models of Vela.App under QAbstractItemModelTester (which checks
// every signal and index against the model's contents as it changes), and
// the roles QML relies on.
#include "conversation_list_model.h"
#include "markdown_blocks.h"
#include "message_list_model.h"
#include "search_results_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest/QtTest>

using namespace vela;
using namespace vela::app;

namespace {

storage::Message message(qint64 id, storage::Role role, const QString& text)
{
    storage::Message m;
    m.id = id;
    m.conversationId = 1;
    m.role = role;
    m.content = text;
    m.createdAt = QDateTime::currentDateTimeUtc();
    return m;
}

storage::Conversation conversation(qint64 id, const QString& title, bool pinned = false)
{
    storage::Conversation c;
    c.id = id;
    c.title = title;
    c.pinned = pinned;
    // A fixed time: rows built twice must compare equal.
    c.createdAt = c.updatedAt = QDateTime(QDate(2025, 5, 1), QTime(10, 30), Qt::UTC);
    return c;
}

QVariant roleData(const QAbstractItemModel& model, int row, const QByteArray& name)
{
    return model.data(model.index(row, 0), model.roleNames().key(name));
}

} // namespace

class TestChatModels : public QObject {
    Q_OBJECT
private slots:
    void messages()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMessages({message(1, storage::Role::User, "Hi"), message(2, storage::Role::Assistant, "Hello")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(roleData(model, 0, "role").toString(), QStringLiteral("user"));
        QCOMPARE(roleData(model, 1, "content").toString(), QStringLiteral("Hello"));
        QCOMPARE(roleData(model, 1, "thinkingMs").toInt(), -1);
        QCOMPARE(roleData(model, 1, "statsText").toString(), QString());

        auto reply = message(3, storage::Role::Assistant, {});
        reply.status = storage::MessageStatus::Streaming;
        model.append(reply);
        QVERIFY(roleData(model, 2, "isStreaming").toBool());

        // Streaming: one dataChanged for the row, naming only the text roles.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateStreaming(2, QStringLiteral("Par"), QStringLiteral("thinking"));
        QCOMPARE(changed.size(), 1);
        const auto roles = changed.first().at(2).value<QList<int>>();
        QVERIFY(roles.contains(MessageListModel::ContentRole));
        QVERIFY(roles.contains(MessageListModel::ReasoningRole));
        QVERIFY(!roles.contains(MessageListModel::StatusRole));
        model.updateStreaming(2, QStringLiteral("Par"), QStringLiteral("thinking"));
        QCOMPARE(changed.size(), 1); // nothing changed, nothing said

        reply.content = QStringLiteral("Paris");
        reply.status = storage::MessageStatus::Complete;
        reply.generatedTokens = 12;
        reply.tokensPerSecond = 30.5;
        reply.thinkingMs = 2100;
        model.replace(2, reply);
        QVERIFY(!roleData(model, 2, "isStreaming").toBool());
        QCOMPARE(roleData(model, 2, "thinkingMs").toInt(), 2100);
        QVERIFY(roleData(model, 2, "statsText").toString().contains(QStringLiteral("tok/s")));
        QCOMPARE(model.rowOf(3), 2);

        model.refreshLocalized();
        model.truncate(1);
        QCOMPARE(model.rowCount(), 1);
        model.truncate(5); // out of range: nothing
        model.setMessages({});
        QCOMPARE(model.count(), 0);
    }

    // A long prompt being read shows on its streaming row only, until it is
    // read or the reply ends.
    void promptProgress()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto reply = message(2, storage::Role::Assistant, {});
        reply.status = storage::MessageStatus::Streaming;
        model.setMessages({message(1, storage::Role::User, "long"), reply});
        QCOMPARE(roleData(model, 1, "promptProgress").toDouble(), -1.0);
        QCOMPARE(roleData(model, 1, "promptText").toString(), QString());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPromptProgress(1, 384, 1024);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        const auto roles = changed.first().at(2).value<QList<int>>();
        QCOMPARE(roles, (QList<int>{MessageListModel::PromptProgressRole, MessageListModel::PromptTextRole}));
        QCOMPARE(roleData(model, 1, "promptProgress").toDouble(), 0.375);
        QCOMPARE(roleData(model, 1, "promptText").toString(),
                 QStringLiteral("Reading the conversation: 384 / 1,024 tokens"));
        QCOMPARE(roleData(model, 0, "promptProgress").toDouble(), -1.0); // other rows: none

        model.setPromptProgress(1, 1024, 1024); // read: gone
        QCOMPARE(changed.size(), 2);
        QCOMPARE(roleData(model, 1, "promptProgress").toDouble(), -1.0);
        QCOMPARE(roleData(model, 1, "promptText").toString(), QString());

        model.setPromptProgress(1, 128, 1024);
        reply.status = storage::MessageStatus::Stopped; // stopped while reading
        model.replace(1, reply);
        QCOMPARE(roleData(model, 1, "promptProgress").toDouble(), -1.0);
        model.setPromptProgress(1, 128, 1024);
        model.truncate(1); // regenerate: the row is gone, and its progress with it
        model.append(reply);
        QCOMPARE(roleData(model, 1, "promptProgress").toDouble(), -1.0);
        model.setPromptProgress(7, 1, 2); // out of range: nothing

        // When the streaming row began to think: its own, until replaced.
        QVERIFY(!roleData(model, 1, "reasoningStartedAt").toDateTime().isValid());
        const QDateTime at = QDateTime::currentDateTime();
        model.setReasoningStartedAt(1, at);
        QCOMPARE(roleData(model, 1, "reasoningStartedAt").toDateTime(), at);
        QVERIFY(!roleData(model, 0, "reasoningStartedAt").toDateTime().isValid());
        model.replace(1, reply);
        QVERIFY(!roleData(model, 1, "reasoningStartedAt").toDateTime().isValid());
        model.setMessages({});
        QCOMPARE(model.count(), 0);
    }

    void messageRoleNamesAreTheDocumentedOnes()
    {
        MessageListModel model;
        const QList<QByteArray> names = model.roleNames().values();
        for (const char* n : {"messageId", "role", "content", "reasoning", "thinkingMs", "status", "isStreaming",
                              "generatedTokens", "promptTokens", "tokensPerSecond", "createdAt", "createdText",
                              "statsText", "error", "modelName", "promptProgress", "promptText",
                              "reasoningStartedAt", "spokenText", "spokenStatus"})
            QVERIFY2(names.contains(n), n);
    }

    // What a screen reader says of a message: who, how long it thought,
    // when, and the text without Markdown; the state as the description,
    // which changes when a reply starts and ends.
    void spokenTextAndStatus()
    {
        MessageListModel model;
        storage::Message user;
        user.id = 1;
        user.role = chat::Role::User;
        user.content = QStringLiteral("How do I **sort** a list?");
        user.createdAt = QDateTime::currentDateTime();
        storage::Message reply;
        reply.id = 2;
        reply.role = chat::Role::Assistant;
        reply.status = storage::MessageStatus::Streaming;
        reply.createdAt = QDateTime(QDate(2025, 5, 1), QTime(10, 42));
        model.setMessages({user, reply});
        const QString when = QLocale().toString(user.createdAt.toLocalTime().time(), QLocale::ShortFormat);
        QCOMPARE(roleData(model, 0, "spokenText").toString(), QStringLiteral("You, %1: How do I sort a list?").arg(when));
        QCOMPARE(roleData(model, 0, "spokenStatus").toString(), QString());
        QCOMPARE(roleData(model, 1, "spokenStatus").toString(), QStringLiteral("Writing a reply"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateStreaming(1, QString(), QStringLiteral("Let me think"));
        QVERIFY(changed.last().at(2).value<QList<int>>().contains(MessageListModel::SpokenStatusRole));
        QCOMPARE(roleData(model, 1, "spokenStatus").toString(), QStringLiteral("Thinking"));
        model.updateStreaming(1, QStringLiteral("Use `sorted()`."), QStringLiteral("Let me think"));
        QVERIFY(changed.last().at(2).value<QList<int>>().contains(MessageListModel::SpokenTextRole));
        QCOMPARE(roleData(model, 1, "spokenStatus").toString(), QStringLiteral("Writing a reply"));

        reply.status = storage::MessageStatus::Complete;
        reply.content = QStringLiteral("Use `sorted()`.");
        reply.thinkingMs = 4200;
        model.replace(1, reply);
        const QString at = QLocale().toString(reply.createdAt.toLocalTime(), QLocale::ShortFormat);
        QCOMPARE(roleData(model, 1, "spokenText").toString(), QStringLiteral("Vela, thought for 4 s, %1: Use sorted().").arg(at));
        QCOMPARE(roleData(model, 1, "spokenStatus").toString(), QString());
        reply.status = storage::MessageStatus::Failed;
        reply.error = QStringLiteral("GPU lost");
        model.replace(1, reply);
        QCOMPARE(roleData(model, 1, "spokenStatus").toString(), QStringLiteral("Failed: GPU lost"));

        // A long reply is cut, not read whole.
        reply.content = QStringLiteral("word ").repeated(5000);
        model.replace(1, reply);
        const QString longText = roleData(model, 1, "spokenText").toString();
        QVERIFY(longText.size() < MessageListModel::kSpokenLength + 100);
        QVERIFY(longText.endsWith(QStringLiteral("…")));
    }

    void conversations()
    {
        ConversationListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConversations({conversation(2, "Pinned", true), conversation(1, "Older")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(roleData(model, 0, "section").toString(), QStringLiteral("pinned"));
        QCOMPARE(roleData(model, 1, "section").toString(), QStringLiteral("older"));
        QVERIFY(!roleData(model, 0, "updatedText").toString().isEmpty());

        // Same ids in the same order: updated in place, no reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setConversations({conversation(2, "Pinned", true), conversation(1, "Renamed")});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(roleData(model, 1, "title").toString(), QStringLiteral("Renamed"));

        // Another order: reset.
        model.setConversations({conversation(1, "Renamed"), conversation(2, "Pinned", true), conversation(3, "New")});
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowOf(3), 2);
        model.refreshLocalized();
        model.setConversations({});
        QCOMPARE(model.rowCount(), 0);
    }

    void conversationDateSections()
    {
        const QDate today(2025, 5, 10);
        QCOMPARE(ConversationListModel::dateSection(today, today), QStringLiteral("today"));
        QCOMPARE(ConversationListModel::dateSection(today.addDays(1), today), QStringLiteral("today"));
        QCOMPARE(ConversationListModel::dateSection(today.addDays(-1), today), QStringLiteral("yesterday"));
        QCOMPARE(ConversationListModel::dateSection(today.addDays(-2), today), QStringLiteral("week"));
        QCOMPARE(ConversationListModel::dateSection(today.addDays(-7), today), QStringLiteral("week"));
        QCOMPARE(ConversationListModel::dateSection(today.addDays(-8), today), QStringLiteral("older"));
        // Across a year boundary.
        QCOMPARE(ConversationListModel::dateSection(QDate(2025, 12, 31), QDate(2026, 1, 1)), QStringLiteral("yesterday"));

        // The model: pinned first whatever its day, then by day; the groups
        // move on when the day does, with dataChanged for the rows.
        ConversationListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto at = [](qint64 id, const QDate& day, bool pinned = false) {
            storage::Conversation c = conversation(id, QStringLiteral("c%1").arg(id), pinned);
            c.updatedAt = QDateTime(day, QTime(12, 0)).toUTC(); // local noon
            return c;
        };
        model.setToday(today);
        model.setConversations({at(9, today.addDays(-30), true), at(1, today), at(2, today.addDays(-1)),
                                at(3, today.addDays(-5)), at(4, today.addDays(-60))});
        QStringList sections;
        for (int r = 0; r < model.rowCount(); ++r)
            sections << roleData(model, r, "section").toString();
        QCOMPARE(sections, QStringList({"pinned", "today", "yesterday", "week", "older"}));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setToday(today.addDays(1));
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(ConversationListModel::SectionRole));
        QCOMPARE(roleData(model, 1, "section").toString(), QStringLiteral("yesterday"));
        QCOMPARE(roleData(model, 2, "section").toString(), QStringLiteral("week"));
        model.setToday(today.addDays(1)); // the same day: nothing to tell
        QCOMPARE(changed.size(), 1);
    }

    void searchResults()
    {
        SearchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        storage::SearchHit hit;
        hit.conversationId = 4;
        hit.messageId = 9;
        hit.conversationTitle = QStringLiteral("Recipes");
        hit.field = storage::MatchField::Content;
        hit.snippet = QStringLiteral("a <b> \u0001tortilla\u0002 & more");
        hit.time = QDateTime::currentDateTimeUtc();
        storage::SearchHit title = hit;
        title.messageId.reset();
        title.field = storage::MatchField::Title;
        model.setHits({hit, title});
        QCOMPARE(model.rowCount(), 2);
        // Text escaped, matches in <b>: the typed "<b>" stays text.
        QCOMPARE(roleData(model, 0, "snippet").toString(),
                 QStringLiteral("a &lt;b&gt; <b>tortilla</b> &amp; more"));
        QCOMPARE(roleData(model, 0, "field").toString(), QStringLiteral("content"));
        QCOMPARE(roleData(model, 1, "messageId").toLongLong(), -1);
        QCOMPARE(roleData(model, 1, "field").toString(), QStringLiteral("title"));
        model.refreshLocalized();
        model.setHits({});
        QCOMPARE(model.rowCount(), 0);
    }

    void markdownBlocks()
    {
        MarkdownBlocks model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // As a reply streams in.
        const QString text = QStringLiteral("# Title\n\nSome *prose*.\n\n```python\nprint(1)\n```\n\nAfter.");
        for (int n = 1; n <= text.size(); n += 3)
            model.setMarkdown(text.left(n));
        model.setMarkdown(text);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(roleData(model, 1, "kind").toString(), QStringLiteral("code"));
        QCOMPARE(roleData(model, 1, "language").toString(), QStringLiteral("python"));
        model.setMarkdown(QStringLiteral("other"));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestChatModels)
#include "tst_chat_models.moc"
