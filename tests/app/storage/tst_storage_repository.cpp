// The repository API: conversations, messages, ordering, cascade, undo,
// streaming recovery and how write failures surface.
#include "app/storage/storage_test_helpers.h"
#include "common/sampling_edges.h"
#include "storage/sampling_slots.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>
#include <limits>
#include <string>

#include <unistd.h>

using namespace vela::storage;
using namespace vela::storage::test;

namespace {

ConversationSettings fullSettings()
{
    ConversationSettings s;
    s.model = QStringLiteral("Qwen3-8B-Q4_K_M.gguf");
    s.systemPrompt = QStringLiteral("Responde en español.\nSé breve.");
    s.sampling.temperature = 0.6;
    s.sampling.topK = 20;
    s.sampling.topP = 0.95;
    s.sampling.minP = 0.0;
    s.sampling.repeatPenalty = 1.1;
    s.sampling.presencePenalty = -0.5;
    s.sampling.frequencyPenalty = 0.25;
    s.sampling.maxTokens = 2048;
    s.sampling.contextLength = 8192;
    s.thinking = false;
    s.answerLanguage = AnswerLanguage::Spanish;
    s.completionMode = true;
    return s;
}

QList<std::int64_t> ids(const std::vector<Conversation>& list)
{
    QList<std::int64_t> out;
    for (const auto& c : list)
        out << c.id;
    return out;
}

} // namespace

class TestStorageRepository : public QObject {
    Q_OBJECT
private slots:
    void conversationRoundTrip();
    void settingsUpdateAndValidation();
    void everySamplingFieldIsStoredWithinItsRange();
    void renamePinAndMissingIds();
    void pinnedFirstThenMostRecent();
    void messageLifecycle();
    void cascadeDelete();
    void restoreAfterDelete();
    void deleteMessagesAfterAndFrom();
    void streamingRecoveredAtOpen();
    void diskFullSurfacesAsError();
    void readOnlyDatabaseSurfacesAsError();
    void storedRoleNames();
};

void TestStorageRepository::conversationRoundTrip()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path(), steppingClock());
    const Conversation made = store.createConversation(QStringLiteral("Plan 🚀 de viaje"), fullSettings());
    QVERIFY(made.id > 0);
    QCOMPARE(made.createdAt, made.updatedAt);
    QCOMPARE(made.createdAt.timeSpec(), Qt::UTC);
    const auto read = store.conversation(made.id);
    QVERIFY(read);
    QVERIFY(*read == made);
    QCOMPARE(read->settings.systemPrompt, QStringLiteral("Responde en español.\nSé breve."));

    // Defaults: every sampling value null = "use the preset".
    const Conversation plain = store.createConversation(QString());
    const auto p = store.conversation(plain.id);
    QVERIFY(p->settings == ConversationSettings{});
    QVERIFY(!p->settings.sampling.temperature && !p->settings.sampling.contextLength);
    QVERIFY(p->settings.thinking);
    QVERIFY(!store.conversation(424242));
}

void TestStorageRepository::settingsUpdateAndValidation()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const Conversation c = store.createConversation(QStringLiteral("s"));
    store.updateSettings(c.id, fullSettings());
    QVERIFY(store.conversation(c.id)->settings == fullSettings());

    ConversationSettings bad = fullSettings();
    bad.sampling.temperature = std::numeric_limits<double>::quiet_NaN();
    VELA_EXPECT_STORAGE_ERROR(store.updateSettings(c.id, bad), ErrorKind::InvalidArgument);
    bad = fullSettings();
    bad.sampling.topP = 1.5;
    VELA_EXPECT_STORAGE_ERROR(store.updateSettings(c.id, bad), ErrorKind::InvalidArgument);
    bad = fullSettings();
    bad.sampling.maxTokens = -1;
    VELA_EXPECT_STORAGE_ERROR(store.createConversation(QStringLiteral("x"), bad), ErrorKind::InvalidArgument);
    QVERIFY(store.conversation(c.id)->settings == fullSettings()); // unchanged
    QCOMPARE(int(store.listConversations().size()), 1);

    store.updateSettings(c.id, ConversationSettings{});
    QVERIFY(store.conversation(c.id)->settings == ConversationSettings{});
    VELA_EXPECT_STORAGE_ERROR(store.updateSettings(999, ConversationSettings{}), ErrorKind::NotFound);
}

void TestStorageRepository::everySamplingFieldIsStoredWithinItsRange()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const Conversation c = store.createConversation(QStringLiteral("s"));
    // Raw columns of the table, to see each field land in its own.
    auto raw = rawConnection(dir.path());
    for (const vela::sampling::Field& f : vela::sampling::fields()) {
        const QString what = QString::fromLatin1(f.key.data(), qsizetype(f.key.size()));
        // Its own SamplingSettings member: setting it changes only it.
        SamplingSettings one;
        setFieldValue(one, f, f.range.max - (f.range.maxOpen ? 1 : 0));
        QVERIFY2(!(one == SamplingSettings{}), qPrintable(what));
        for (const vela::sampling::Field& g : vela::sampling::fields())
            QCOMPARE(fieldValue(one, g).has_value(), &g == &f);
        for (const auto& [value, valid] : vela::test::samplingEdges(f)) {
            ConversationSettings s;
            setFieldValue(s.sampling, f, value);
            // An integer member cannot hold 2.5 (it truncates): nothing to store.
            if (f.kind == vela::sampling::FieldKind::Integer && value != std::floor(value))
                continue;
            QCOMPARE(validationError(s.sampling).isEmpty(), valid);
            if (!valid) {
                VELA_EXPECT_STORAGE_ERROR(store.updateSettings(c.id, s), ErrorKind::InvalidArgument);
                continue;
            }
            store.updateSettings(c.id, s);
            QCOMPARE(fieldValue(store.conversation(c.id)->settings.sampling, f), std::optional<double>(value));
            const std::string column = "SELECT " + std::string(f.key) + " FROM conversations WHERE id = " +
                                       std::to_string(c.id);
            const QString stored = raw.queryText(column.c_str());
            QCOMPARE(stored.toDouble(), value);
        }
    }
}

void TestStorageRepository::renamePinAndMissingIds()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path(), steppingClock());
    const Conversation c = store.createConversation(QStringLiteral("old"));
    store.rename(c.id, QStringLiteral("new 'quoted' \"title\""));
    store.setPinned(c.id, true);
    const auto read = store.conversation(c.id);
    QCOMPARE(read->title, QStringLiteral("new 'quoted' \"title\""));
    QVERIFY(read->pinned);
    QCOMPARE(read->updatedAt, c.updatedAt); // renaming/pinning is not activity
    VELA_EXPECT_STORAGE_ERROR(store.rename(77, QStringLiteral("x")), ErrorKind::NotFound);
    VELA_EXPECT_STORAGE_ERROR(store.setPinned(77, true), ErrorKind::NotFound);
    VELA_EXPECT_STORAGE_ERROR(store.deleteConversation(77), ErrorKind::NotFound);
    VELA_EXPECT_STORAGE_ERROR(store.appendMessage(77, textMessage(Role::User, QStringLiteral("x"))),
                              ErrorKind::NotFound);
    VELA_EXPECT_STORAGE_ERROR(store.beginAssistantMessage(77), ErrorKind::NotFound);
    QVERIFY(store.messages(77).empty());
}

void TestStorageRepository::pinnedFirstThenMostRecent()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path(), steppingClock());
    const auto a = store.createConversation(QStringLiteral("a")).id;
    const auto b = store.createConversation(QStringLiteral("b")).id;
    const auto c = store.createConversation(QStringLiteral("c")).id;
    QCOMPARE(ids(store.listConversations()), (QList<std::int64_t>{c, b, a}));
    store.appendMessage(a, textMessage(Role::User, QStringLiteral("bump"))); // a becomes most recent
    QCOMPARE(ids(store.listConversations()), (QList<std::int64_t>{a, c, b}));
    store.setPinned(b, true);
    QCOMPARE(ids(store.listConversations()), (QList<std::int64_t>{b, a, c}));
    store.setPinned(c, true);
    QCOMPARE(ids(store.listConversations()), (QList<std::int64_t>{c, b, a}));
    const auto reply = store.beginAssistantMessage(b);
    store.finishMessage(reply.id, {QStringLiteral("done"), {}, {}, {}, {}, {}, {}}, MessageStatus::Complete);
    QCOMPARE(ids(store.listConversations()), (QList<std::int64_t>{b, c, a}));
    store.setPinned(b, false);
    store.setPinned(c, false);
    QCOMPARE(ids(store.listConversations()), (QList<std::int64_t>{b, a, c}));
}

void TestStorageRepository::messageLifecycle()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path(), steppingClock());
    const auto c = store.createConversation(QStringLiteral("chat")).id;
    const Message user = store.appendMessage(c, textMessage(Role::User, QStringLiteral("¿Hola? 👋")));
    QVERIFY(user.id > 0);
    QCOMPARE(user.conversationId, c);
    QVERIFY(*store.message(user.id) == user);

    Message reply = store.beginAssistantMessage(c, QStringLiteral("qwen3"));
    QCOMPARE(reply.status, MessageStatus::Streaming);
    QVERIFY(reply.id > user.id);
    QVERIFY(*store.message(reply.id) == reply);
    store.updateStreamingMessage(reply.id, QStringLiteral("Ho"), QStringLiteral("thinking"));
    store.updateStreamingMessage(reply.id, QStringLiteral("Hola, ¿qué"), QStringLiteral("thinking more"));
    QCOMPARE(store.message(reply.id)->content, QStringLiteral("Hola, ¿qué"));
    QCOMPARE(store.message(reply.id)->status, MessageStatus::Streaming);

    MessageResult result{QStringLiteral("Hola, ¿qué tal?"), QStringLiteral("thinking more."), 1500, 31, 12, 42.5, {}};
    store.finishMessage(reply.id, result, MessageStatus::Complete);
    const Message done = *store.message(reply.id);
    QCOMPARE(done.status, MessageStatus::Complete);
    QCOMPARE(done.content, result.content);
    QCOMPARE(done.reasoning, result.reasoning);
    QCOMPARE(done.thinkingMs, std::optional<std::int64_t>(1500));
    QCOMPARE(done.promptTokens, std::optional<std::int64_t>(31));
    QCOMPARE(done.generatedTokens, std::optional<std::int64_t>(12));
    QCOMPARE(done.tokensPerSecond, std::optional<double>(42.5));
    QCOMPARE(done.model, QStringLiteral("qwen3"));

    // A finished reply is no longer streaming.
    VELA_EXPECT_STORAGE_ERROR(store.updateStreamingMessage(reply.id, QStringLiteral("x"), {}), ErrorKind::NotFound);
    VELA_EXPECT_STORAGE_ERROR(store.finishMessage(reply.id, result, MessageStatus::Stopped), ErrorKind::NotFound);
    VELA_EXPECT_STORAGE_ERROR(store.updateStreamingMessage(user.id, QStringLiteral("x"), {}), ErrorKind::NotFound);
    QCOMPARE(store.message(reply.id)->content, result.content);

    Message streaming = textMessage(Role::Assistant, QStringLiteral("x"));
    streaming.status = MessageStatus::Streaming;
    VELA_EXPECT_STORAGE_ERROR(store.appendMessage(c, streaming), ErrorKind::InvalidArgument);

    const Message failing = store.beginAssistantMessage(c);
    VELA_EXPECT_STORAGE_ERROR(store.finishMessage(failing.id, {}, MessageStatus::Streaming), ErrorKind::InvalidArgument);
    store.finishMessage(failing.id, {QString(), QString(), {}, {}, {}, {}, QStringLiteral("out of memory")},
                        MessageStatus::Failed);
    QCOMPARE(store.message(failing.id)->status, MessageStatus::Failed);
    QCOMPARE(store.message(failing.id)->error, QStringLiteral("out of memory"));

    const auto all = store.messages(c);
    QCOMPARE(int(all.size()), 3);
    QCOMPARE(all[0].id, user.id);
    QCOMPARE(all[1].id, reply.id);
    QCOMPARE(all[2].id, failing.id);
}

void TestStorageRepository::cascadeDelete()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const auto keep = store.createConversation(QStringLiteral("keep")).id;
    const auto gone = store.createConversation(QStringLiteral("gone")).id;
    store.appendMessage(keep, textMessage(Role::User, QStringLiteral("k")));
    const auto m1 = store.appendMessage(gone, textMessage(Role::User, QStringLiteral("g1"))).id;
    store.appendMessage(gone, textMessage(Role::Assistant, QStringLiteral("g2")));
    store.beginAssistantMessage(gone);

    const ConversationSnapshot deleted = store.deleteConversation(gone);
    QCOMPARE(deleted.conversation.id, gone);
    QCOMPARE(int(deleted.messages.size()), 3);
    QVERIFY(!store.conversation(gone));
    QVERIFY(store.messages(gone).empty());
    QVERIFY(!store.message(m1));
    QCOMPARE(rawCount(dir.path(), "SELECT count(*) FROM messages"), std::int64_t{1});
    QCOMPARE(int(store.messages(keep).size()), 1);
}

void TestStorageRepository::restoreAfterDelete()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path(), steppingClock());
    const Conversation c = store.createConversation(QStringLiteral("undo me"), fullSettings());
    store.setPinned(c.id, true);
    store.appendMessage(c.id, textMessage(Role::User, QStringLiteral("q")));
    const auto r = store.beginAssistantMessage(c.id);
    store.finishMessage(r.id, {QStringLiteral("a"), QStringLiteral("t"), 10, 1, 2, 3.0, {}}, MessageStatus::Stopped);
    const auto before = *store.snapshot(c.id);

    const ConversationSnapshot deleted = store.deleteConversation(c.id);
    QVERIFY(deleted == before);
    // Activity in between must not take the deleted ids.
    const auto other = store.createConversation(QStringLiteral("other")).id;
    const auto otherMsg = store.appendMessage(other, textMessage(Role::User, QStringLiteral("o"))).id;
    QVERIFY(other > c.id);
    QVERIFY(otherMsg > r.id);

    store.restoreConversation(deleted);
    const auto after = store.snapshot(c.id);
    QVERIFY(after);
    QVERIFY(*after == before);
    QCOMPARE(int(store.search(QStringLiteral("undo")).size()), 1);
    VELA_EXPECT_STORAGE_ERROR(store.restoreConversation(deleted), ErrorKind::InvalidArgument);
    QCOMPARE(int(store.messages(c.id).size()), 2); // the failed second restore added nothing
}

void TestStorageRepository::deleteMessagesAfterAndFrom()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const auto c = store.createConversation(QStringLiteral("c")).id;
    const auto other = store.createConversation(QStringLiteral("o")).id;
    std::vector<std::int64_t> m;
    for (int i = 0; i < 5; ++i)
        m.push_back(store.appendMessage(c, textMessage(i % 2 ? Role::Assistant : Role::User, QString::number(i))).id);
    const auto o = store.appendMessage(other, textMessage(Role::User, QStringLiteral("other"))).id;

    QCOMPARE(store.deleteMessagesAfter(c, m[2]), 2); // regenerate after message 2
    QCOMPARE(int(store.messages(c).size()), 3);
    QCOMPARE(store.messages(c).back().id, m[2]);
    QCOMPARE(store.deleteMessagesFrom(c, m[1]), 2); // edit message 1 and resend
    QCOMPARE(int(store.messages(c).size()), 1);
    QCOMPARE(store.deleteMessagesAfter(c, m[0]), 0);
    VELA_EXPECT_STORAGE_ERROR(store.deleteMessagesAfter(c, o), ErrorKind::NotFound); // wrong conversation
    VELA_EXPECT_STORAGE_ERROR(store.deleteMessagesFrom(c, m[4]), ErrorKind::NotFound); // already gone
    QVERIFY(store.message(o));
}

void TestStorageRepository::streamingRecoveredAtOpen()
{
    QTemporaryDir dir;
    std::int64_t replyId = 0, doneId = 0;
    {
        ConversationStore store(dir.path());
        const auto c = store.createConversation(QStringLiteral("c")).id;
        doneId = store.appendMessage(c, textMessage(Role::User, QStringLiteral("question"))).id;
        replyId = store.beginAssistantMessage(c).id;
        store.updateStreamingMessage(replyId, QStringLiteral("partial answer"), QStringLiteral("some thought"));
        // The store goes away without finishing the reply, as a killed process would.
    }
    {
        ConversationStore store(dir.path());
        QCOMPARE(store.openReport().recoveredMessages, 1);
        const Message m = *store.message(replyId);
        QCOMPARE(m.status, MessageStatus::Stopped);
        QCOMPARE(m.content, QStringLiteral("partial answer"));
        QCOMPARE(m.reasoning, QStringLiteral("some thought"));
        QCOMPARE(store.message(doneId)->status, MessageStatus::Complete);
        QCOMPARE(int(store.search(QStringLiteral("partial")).size()), 1);
    }
    ConversationStore again(dir.path());
    QCOMPARE(again.openReport().recoveredMessages, 0);
}

void TestStorageRepository::diskFullSurfacesAsError()
{
    QTemporaryDir dir;
    StoreOptions options;
    options.maxPageCount = 120; // ~480 KiB with 4 KiB pages
    ConversationStore store(dir.path(), options);
    const auto c = store.createConversation(QStringLiteral("full")).id;
    const QString big = QString(QStringLiteral("lorem ipsum dolor ")).repeated(1000); // 18 KB
    int stored = 0;
    bool full = false;
    for (int i = 0; i < 200 && !full; ++i) {
        try {
            store.appendMessage(c, textMessage(Role::User, QString::number(i) + big));
            ++stored;
        } catch (const StorageError& e) {
            QCOMPARE(e.kind(), ErrorKind::DiskFull);
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("full"), Qt::CaseInsensitive), e.what());
            full = true;
        }
    }
    QVERIFY(full);
    QVERIFY(stored > 1);
    // The failed write left nothing behind and the store keeps working.
    const auto msgs = store.messages(c);
    QCOMPARE(int(msgs.size()), stored);
    QVERIFY(msgs.back().content.startsWith(QString::number(stored - 1) + QStringLiteral("lorem")));
    // Freeing space makes writes work again.
    QCOMPARE(store.deleteMessagesFrom(c, msgs[1].id), stored - 1);
    store.appendMessage(c, textMessage(Role::User, QStringLiteral("after") + big));
    QCOMPARE(int(store.messages(c).size()), 2);
}

void TestStorageRepository::readOnlyDatabaseSurfacesAsError()
{
    if (::geteuid() == 0)
        QSKIP("root ignores file permissions");
    QTemporaryDir dir;
    {
        ConversationStore store(dir.path());
        store.createConversation(QStringLiteral("x"));
    }
    QFile::setPermissions(dbPath(dir.path()), QFileDevice::ReadOwner);
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    bool threw = false;
    try {
        ConversationStore store(dir.path());
    } catch (const StorageError& e) {
        threw = true;
        QVERIFY2(e.kind() == ErrorKind::ReadOnly || e.kind() == ErrorKind::Io, e.what());
    }
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile::setPermissions(dbPath(dir.path()), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(threw);
    QVERIFY(QFile::exists(dbPath(dir.path()))); // not mistaken for damage
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.damaged-*")}, QDir::Files).size(), 0);
}

QTEST_GUILESS_MAIN(TestStorageRepository)
// One role enum (chat::Role) whose names are the ones the database and the
// JSON export have always kept; "tool" is not a stored role.
void TestStorageRepository::storedRoleNames()
{
    using Named = std::pair<Role, const char*>;
    for (const auto& [role, name] :
         std::initializer_list<Named>{{Role::User, "user"}, {Role::Assistant, "assistant"}, {Role::System, "system"}}) {
        QCOMPARE(QString::fromLatin1(vela::chat::roleName(role)), QString::fromLatin1(name));
        QVERIFY(parseStoredRole(QString::fromLatin1(name)) == role);
    }
    QVERIFY(!parseStoredRole(QStringLiteral("tool")));
    QVERIFY(!parseStoredRole(QStringLiteral("User")));
}

#include "tst_storage_repository.moc"
