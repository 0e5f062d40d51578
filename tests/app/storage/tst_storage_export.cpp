// Markdown and JSON export, JSON round trip, and imports that must be
// rejected whole.
#include "app/storage/storage_test_helpers.h"
#include "common/sampling_edges.h"
#include "storage/sampling_slots.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela::storage;
using namespace vela::storage::test;

namespace {

struct Fixture {
    QTemporaryDir dir;
    ConversationStore store{dir.path(), steppingClock()};
    std::int64_t chat = 0, other = 0;

    Fixture()
    {
        ConversationSettings s;
        s.model = QStringLiteral("Qwen3-4B-Q8_0.gguf");
        s.systemPrompt = QStringLiteral("Be brief.\nUse Spanish.");
        s.sampling.temperature = 0.6;
        s.sampling.topK = 20;
        s.answerLanguage = AnswerLanguage::Spanish;
        chat = store.createConversation(QStringLiteral("Receta de paella"), s).id;
        store.setPinned(chat, true);
        store.appendMessage(chat, textMessage(Role::User, QStringLiteral("¿Cómo hago paella? 🥘")));
        const auto r = store.beginAssistantMessage(chat, QStringLiteral("qwen3-4b"));
        store.finishMessage(r.id,
                            {QStringLiteral("Con **arroz bomba**.\n\n- azafrán\n- caldo"),
                             QStringLiteral("El usuario quiere una receta.\nPensar en ingredientes."), 2300, 45,
                             120, 38.25, {}},
                            MessageStatus::Complete);
        const auto stopped = store.beginAssistantMessage(chat, QStringLiteral("qwen3-4b"));
        store.finishMessage(stopped.id, {QStringLiteral("Primero"), {}, {}, {}, {}, {}, {}}, MessageStatus::Stopped);
        other = store.createConversation(QStringLiteral("Second \"quoted\" title")).id;
        const auto f = store.beginAssistantMessage(other);
        store.finishMessage(f.id, {QString(), QString(), {}, {}, {}, {}, QStringLiteral("out of memory")},
                            MessageStatus::Failed);
    }
};

// Field-by-field equality except ids (an import assigns new ones).
void compareSnapshots(const ConversationSnapshot& a, const ConversationSnapshot& b)
{
    Conversation ca = a.conversation, cb = b.conversation;
    ca.id = cb.id = 0;
    QVERIFY(ca == cb);
    QCOMPARE(a.messages.size(), b.messages.size());
    for (std::size_t i = 0; i < a.messages.size(); ++i) {
        Message ma = a.messages[i], mb = b.messages[i];
        ma.id = mb.id = ma.conversationId = mb.conversationId = 0;
        QVERIFY2(ma == mb, qPrintable(QStringLiteral("message %1 differs").arg(i)));
    }
}

QByteArray validExport()
{
    return R"({"format":"vela-conversations","version":1,"conversations":[
      {"title":"ok","created_at":"2025-01-01T10:00:00.000Z","updated_at":"2025-01-01T10:05:00.000Z",
       "messages":[{"role":"user","content":"hola","created_at":"2025-01-01T10:00:00.000Z"}]}]})";
}

} // namespace

class TestStorageExport : public QObject {
    Q_OBJECT
private slots:
    void markdown();
    void markdownWithoutReasoningOrMetadata();
    void jsonShape();
    void jsonRoundTrip();
    void everySamplingFieldRoundTrips();
    void importMinimalFile();
    void malformedImportRejected_data();
    void malformedImportRejected();
    void unknownIdIsNotFound();
};

void TestStorageExport::markdown()
{
    Fixture f;
    const QString md = f.store.exportMarkdown(f.chat);
    QVERIFY2(md.startsWith(QStringLiteral("# Receta de paella\n")), qPrintable(md));
    QVERIFY(md.contains(QStringLiteral("Model: Qwen3-4B-Q8_0.gguf")));
    QVERIFY(md.contains(QStringLiteral("> **System prompt:** Be brief.\n> Use Spanish.")));
    QVERIFY(md.contains(QStringLiteral("## User\n\n¿Cómo hago paella? 🥘")));
    QVERIFY(md.contains(QStringLiteral("## Assistant\n\n<details>\n<summary>Thinking</summary>\n\n"
                                       "El usuario quiere una receta.\nPensar en ingredientes.\n\n</details>\n\n"
                                       "Con **arroz bomba**.\n\n- azafrán\n- caldo")));
    QVERIFY(md.contains(QStringLiteral("38.2 tokens/s")) || md.contains(QStringLiteral("38.3 tokens/s")));
    QVERIFY(md.contains(QStringLiteral("Primero\n\n*qwen3-4b* *(stopped)*")));
    QVERIFY(!md.contains(QStringLiteral("Second")));

    const QString all = f.store.exportMarkdown(std::nullopt);
    QVERIFY(all.contains(QStringLiteral("# Receta de paella")));
    QVERIFY(all.contains(QStringLiteral("\n---\n\n# Second \"quoted\" title")));
    QVERIFY(all.contains(QStringLiteral("*(failed: out of memory)*")));
}

void TestStorageExport::markdownWithoutReasoningOrMetadata()
{
    Fixture f;
    MarkdownOptions o;
    o.includeReasoning = false;
    o.includeMetadata = false;
    const QString md = f.store.exportMarkdown(f.chat, o);
    QVERIFY(!md.contains(QStringLiteral("<details>")));
    QVERIFY(!md.contains(QStringLiteral("Pensar en ingredientes")));
    QVERIFY(!md.contains(QStringLiteral("tokens/s")));
    QVERIFY(!md.contains(QStringLiteral("Model:")));
    QVERIFY(md.contains(QStringLiteral("Con **arroz bomba**.")));
}

void TestStorageExport::jsonShape()
{
    Fixture f;
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.store.exportJson(std::nullopt), &err);
    QCOMPARE(err.error, QJsonParseError::NoError);
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("vela-conversations"));
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
    QVERIFY(root.value(QStringLiteral("exported_at")).toString().endsWith(QLatin1Char('Z')));
    const QJsonArray list = root.value(QStringLiteral("conversations")).toArray();
    QCOMPARE(list.size(), 2);
    const QJsonObject c = list[0].toObject(); // pinned first, as listed
    QCOMPARE(c.value(QStringLiteral("title")).toString(), QStringLiteral("Receta de paella"));
    QCOMPARE(c.value(QStringLiteral("pinned")).toBool(), true);
    QVERIFY(!c.contains(QStringLiteral("id")));
    const QJsonObject s = c.value(QStringLiteral("settings")).toObject();
    QCOMPARE(s.value(QStringLiteral("temperature")).toDouble(), 0.6);
    QCOMPARE(s.value(QStringLiteral("top_k")).toInt(), 20);
    QVERIFY(s.value(QStringLiteral("top_p")).isNull()); // "use the preset"
    QCOMPARE(s.value(QStringLiteral("answer_language")).toString(), QStringLiteral("es"));
    const QJsonArray msgs = c.value(QStringLiteral("messages")).toArray();
    QCOMPARE(msgs.size(), 3);
    const QJsonObject reply = msgs[1].toObject();
    QCOMPARE(reply.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(reply.value(QStringLiteral("generated_tokens")).toInt(), 120);
    QCOMPARE(reply.value(QStringLiteral("tokens_per_second")).toDouble(), 38.25);
    QCOMPARE(reply.value(QStringLiteral("status")).toString(), QStringLiteral("complete"));
    QCOMPARE(msgs[2].toObject().value(QStringLiteral("status")).toString(), QStringLiteral("stopped"));

    const QJsonDocument one = QJsonDocument::fromJson(f.store.exportJson(f.other));
    QCOMPARE(one.object().value(QStringLiteral("conversations")).toArray().size(), 1);
}

void TestStorageExport::jsonRoundTrip()
{
    Fixture f;
    const QByteArray json = f.store.exportJson(std::nullopt);
    QTemporaryDir otherDir;
    ConversationStore target(otherDir.path());
    target.createConversation(QStringLiteral("already here"));
    const auto ids = target.importJson(json);
    QCOMPARE(int(ids.size()), 2);

    const auto source = f.store.listConversations();
    for (std::size_t i = 0; i < source.size(); ++i) {
        const auto a = f.store.snapshot(source[i].id);
        const auto b = target.snapshot(ids[i]);
        QVERIFY(a && b);
        compareSnapshots(*a, *b);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(int(target.listConversations().size()), 3);
    QCOMPARE(int(target.search(QStringLiteral("azafran")).size()), 1);
    // Importing the same file again makes copies, never merges.
    QCOMPARE(int(target.importJson(json).size()), 2);
    QCOMPARE(int(target.listConversations().size()), 5);
}

void TestStorageExport::everySamplingFieldRoundTrips()
{
    // Two conversations: every field at the lowest value it accepts, then at
    // the highest (the edges of its range), so each key travels with a value.
    QTemporaryDir dir, otherDir;
    ConversationStore source(dir.path()), target(otherDir.path());
    for (bool highest : {false, true}) {
        ConversationSettings s;
        for (const vela::sampling::Field& field : vela::sampling::fields()) {
            std::optional<double> pick;
            for (const auto& [value, valid] : vela::test::samplingEdges(field))
                if (valid && (!pick || (highest ? value > *pick : value < *pick)))
                    pick = value;
            QVERIFY(pick);
            setFieldValue(s.sampling, field, pick);
        }
        source.createConversation(highest ? QStringLiteral("highest") : QStringLiteral("lowest"), s);
    }
    const QByteArray json = source.exportJson(std::nullopt);
    const QJsonObject settings = QJsonDocument::fromJson(json)
                                     .object()
                                     .value(QStringLiteral("conversations"))
                                     .toArray()[0]
                                     .toObject()
                                     .value(QStringLiteral("settings"))
                                     .toObject();
    for (const vela::sampling::Field& field : vela::sampling::fields())
        QVERIFY2(settings.value(QLatin1String(field.key.data(), qsizetype(field.key.size()))).isDouble(),
                 field.key.data());
    const auto ids = target.importJson(json);
    const auto list = source.listConversations();
    QCOMPARE(ids.size(), list.size());
    for (std::size_t i = 0; i < list.size(); ++i)
        QVERIFY(target.conversation(ids[i])->settings == list[i].settings);
}

void TestStorageExport::importMinimalFile()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const auto ids = store.importJson(validExport());
    QCOMPARE(int(ids.size()), 1);
    const auto snap = *store.snapshot(ids[0]);
    QCOMPARE(snap.conversation.title, QStringLiteral("ok"));
    QVERIFY(snap.conversation.settings == ConversationSettings{});
    QCOMPARE(snap.conversation.updatedAt, QDateTime(QDate(2025, 1, 1), QTime(10, 5), Qt::UTC));
    QCOMPARE(int(snap.messages.size()), 1);
    QCOMPARE(snap.messages[0].status, MessageStatus::Complete);
}

void TestStorageExport::malformedImportRejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    const QByteArray good = validExport();
    auto replaced = [&](const char* from, const char* to) {
        QByteArray b = good;
        b.replace(from, to);
        return b;
    };
    QTest::newRow("not json") << QByteArray("hello") << "byte";
    QTest::newRow("truncated") << good.left(good.size() / 2) << "byte";
    QTest::newRow("empty") << QByteArray() << "";
    QTest::newRow("array root") << QByteArray("[]") << "object";
    QTest::newRow("wrong format") << replaced("vela-conversations", "other-app") << "format";
    QTest::newRow("newer version") << replaced(R"("version":1)", R"("version":2)") << "newer";
    QTest::newRow("version string") << replaced(R"("version":1)", R"("version":"1")") << "version";
    QTest::newRow("no conversations") << replaced(R"("conversations")", R"("chats")") << "conversations";
    QTest::newRow("title number") << replaced(R"("title":"ok")", R"("title":5)") << "conversations[0].title";
    QTest::newRow("bad date") << replaced(R"("created_at":"2025-01-01T10:00:00.000Z","updated_at")",
                                          R"("created_at":"yesterday","updated_at")")
                              << "conversations[0].created_at";
    QTest::newRow("bad role") << replaced(R"("role":"user")", R"("role":"robot")") << "messages[0].role";
    // chat::Role has a tool role; a conversation cannot hold one (Vela has no tools).
    QTest::newRow("tool role") << replaced(R"("role":"user")", R"("role":"tool")") << "messages[0].role";
    QTest::newRow("missing content") << replaced(R"("content":"hola",)", "") << "messages[0].content";
    QTest::newRow("bad status") << replaced(R"("role":"user")", R"("role":"user","status":"done")") << "status";
    QTest::newRow("fractional tokens") << replaced(R"("role":"user")", R"("role":"user","prompt_tokens":1.5)")
                                       << "prompt_tokens";
    QTest::newRow("negative tokens") << replaced(R"("role":"user")", R"("role":"user","generated_tokens":-3)")
                                     << "generated_tokens";
    QTest::newRow("temperature text") << replaced(R"("messages")", R"("settings":{"temperature":"hot"},"messages")")
                                      << "settings.temperature";
    QTest::newRow("top_p range") << replaced(R"("messages")", R"("settings":{"top_p":3},"messages")") << "top_p";
    QTest::newRow("top_p zero") << replaced(R"("messages")", R"("settings":{"top_p":0},"messages")")
                                << "settings.top_p: Top-p 0 is outside (0, 1]";
    QTest::newRow("repeat_penalty 50") << replaced(R"("messages")", R"("settings":{"repeat_penalty":50},"messages")")
                                       << "Repeat penalty 50 is outside (0, 10]";
    QTest::newRow("bad language") << replaced(R"("messages")", R"("settings":{"answer_language":"fr"},"messages")")
                                  << "answer_language";
    QTest::newRow("message not object") << replaced(R"([{"role")", R"([7,{"role")") << "messages[0]";
    // The first conversation is fine; the second is not: nothing at all may be imported.
    QByteArray second = good;
    second.replace("]}]}", R"(]},{"title":"bad","created_at":"2025-01-01T10:00:00Z","updated_at":"x","messages":[]}]})");
    QTest::newRow("second conversation bad") << second << "conversations[1].updated_at";
}

void TestStorageExport::malformedImportRejected()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    Fixture f;
    const auto before = f.store.listConversations();
    try {
        f.store.importJson(json);
        QFAIL("import accepted a malformed file");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidImport);
        QVERIFY2(QString::fromUtf8(e.what()).contains(mentions), e.what());
    }
    QCOMPARE(int(f.store.listConversations().size()), int(before.size()));
    QCOMPARE(rawCount(f.dir.path(), "SELECT count(*) FROM messages"), std::int64_t{4});
}

void TestStorageExport::unknownIdIsNotFound()
{
    Fixture f;
    VELA_EXPECT_STORAGE_ERROR(f.store.exportJson(12345), ErrorKind::NotFound);
    VELA_EXPECT_STORAGE_ERROR(f.store.exportMarkdown(12345), ErrorKind::NotFound);
}

QTEST_GUILESS_MAIN(TestStorageExport)
#include "tst_storage_export.moc"
