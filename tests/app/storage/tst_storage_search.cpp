// Full-text search: the query builder, what is indexed when, snippets,
// ordering, and input that must never be an error.
#include "app/storage/storage_test_helpers.h"

#include "storage/search_query.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela::storage;
using namespace vela::storage::test;

namespace {

const QString kOpen = QStringLiteral("\u0001");
const QString kClose = QStringLiteral("\u0002");

struct Fixture {
    QTemporaryDir dir;
    ConversationStore store{dir.path(), steppingClock()};
    std::int64_t trip = 0, cooking = 0;
    std::int64_t tripQuestion = 0, tripAnswer = 0, cookingAnswer = 0;

    Fixture()
    {
        trip = store.createConversation(QStringLiteral("Viaje a Madrid")).id;
        tripQuestion = store.appendMessage(trip, textMessage(Role::User, QStringLiteral("¿Qué canción escucho en el tren?"))).id;
        tripAnswer = store.appendMessage(trip, textMessage(Role::Assistant, QStringLiteral("Prueba con flamenco clásico."),
                                                           QStringLiteral("The user travels by train; suggest guitar music.")))
                         .id;
        cooking = store.createConversation(QStringLiteral("Paella recipe")).id;
        cookingAnswer = store.appendMessage(cooking, textMessage(Role::Assistant, QStringLiteral("Use bomba rice and saffron."),
                                                                 QStringLiteral("Spanish rice dish from Valencia.")))
                            .id;
    }
};

} // namespace

class TestStorageSearch : public QObject {
    Q_OBJECT
private slots:
    void queryBuilder_data();
    void queryBuilder();
    void findsTitlesContentAndReasoning();
    void accentsCaseAndPrefix();
    void customMarkersAndLimit();
    void newestFirst();
    void hostileQueries_data();
    void hostileQueries();
    void streamingIndexedOnlyWhenFinished();
    void deletedConversationDisappears();
    void renameAndTruncationUpdateIndex();
};

void TestStorageSearch::queryBuilder_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one word, prefix") << "canc" << R"("canc"*)";
    QTest::newRow("trailing space, no prefix") << "canc " << R"("canc")";
    QTest::newRow("two words") << "bomba rice" << R"("bomba" "rice"*)";
    QTest::newRow("operators are words") << "foo AND (bar" << R"("foo" "AND" "(bar"*)";
    QTest::newRow("unpaired quote") << R"(foo")" << R"("foo"""*)";
    QTest::newRow("phrase") << R"("flamenco clásico" prueba)" << R"("flamenco clásico" "prueba"*)";
    QTest::newRow("phrase last, no prefix") << R"(x "a b")" << R"("x" "a b")";
    QTest::newRow("punctuation only") << "( ) * - ^ :" << "";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("spaces") << " \t\n " << "";
    QTest::newRow("column filter syntax") << "{content}:x" << R"("{content}:x"*)";
    QTest::newRow("control characters split") << QStringLiteral("a\u0000b\u0001") << R"("a" "b")";
}

void TestStorageSearch::queryBuilder()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(toFtsQuery(input), expected);
}

void TestStorageSearch::findsTitlesContentAndReasoning()
{
    Fixture f;
    auto hits = f.store.search(QStringLiteral("madrid "));
    QCOMPARE(int(hits.size()), 1);
    QCOMPARE(hits[0].conversationId, f.trip);
    QVERIFY(!hits[0].messageId);
    QCOMPARE(hits[0].field, MatchField::Title);
    QCOMPARE(hits[0].conversationTitle, QStringLiteral("Viaje a Madrid"));
    QCOMPARE(hits[0].snippet, QStringLiteral("Viaje a ") + kOpen + QStringLiteral("Madrid") + kClose);

    hits = f.store.search(QStringLiteral("saffron "));
    QCOMPARE(int(hits.size()), 1);
    QCOMPARE(hits[0].conversationId, f.cooking);
    QCOMPARE(hits[0].messageId, std::optional<std::int64_t>(f.cookingAnswer));
    QCOMPARE(hits[0].field, MatchField::Content);
    QVERIFY(hits[0].snippet.contains(kOpen + QStringLiteral("saffron") + kClose));
    QCOMPARE(hits[0].conversationTitle, QStringLiteral("Paella recipe"));

    hits = f.store.search(QStringLiteral("guitar "));
    QCOMPARE(int(hits.size()), 1);
    QCOMPARE(hits[0].messageId, std::optional<std::int64_t>(f.tripAnswer));
    QCOMPARE(hits[0].field, MatchField::Reasoning);
    QVERIFY(hits[0].snippet.contains(kOpen + QStringLiteral("guitar") + kClose));

    // Words from different fields and rows: "rice" is in content and reasoning of one message.
    hits = f.store.search(QStringLiteral("rice "));
    QCOMPARE(int(hits.size()), 1);
    QCOMPARE(hits[0].field, MatchField::Content);
    QVERIFY(f.store.search(QStringLiteral("nonexistentword")).empty());
}

void TestStorageSearch::accentsCaseAndPrefix()
{
    Fixture f;
    for (const char* q : {"cancion", "CANCIÓN", "canc", "Canci"}) {
        const auto hits = f.store.search(QString::fromUtf8(q));
        QVERIFY2(hits.size() == 1, q);
        QCOMPARE(hits[0].messageId, std::optional<std::int64_t>(f.tripQuestion));
        QVERIFY(hits[0].snippet.contains(kOpen + QStringLiteral("canción") + kClose));
    }
    QVERIFY(f.store.search(QStringLiteral("canc ")).empty()); // no prefix after a space
    QCOMPARE(int(f.store.search(QStringLiteral("\"flamenco clasico\"")).size()), 1);
    QVERIFY(f.store.search(QStringLiteral("\"clasico flamenco\"")).empty()); // phrase order matters
    QCOMPARE(int(f.store.search(QStringLiteral("paella rec")).size()), 1);      // AND of terms
    QVERIFY(f.store.search(QStringLiteral("paella madrid")).empty());
}

void TestStorageSearch::customMarkersAndLimit()
{
    Fixture f;
    SearchOptions o;
    o.openMarker = QStringLiteral("<mark>");
    o.closeMarker = QStringLiteral("</mark>");
    o.ellipsis = QStringLiteral("...");
    o.snippetTokens = 3;
    auto hits = f.store.search(QStringLiteral("train"), o);
    QCOMPARE(int(hits.size()), 1);
    QCOMPARE(hits[0].field, MatchField::Reasoning);
    QVERIFY2(hits[0].snippet.contains(QStringLiteral("<mark>train</mark>")), qPrintable(hits[0].snippet));
    QVERIFY2(hits[0].snippet.contains(QStringLiteral("...")), qPrintable(hits[0].snippet));

    for (int i = 0; i < 5; ++i)
        f.store.appendMessage(f.cooking, textMessage(Role::User, QStringLiteral("more paella %1").arg(i)));
    o.limit = 3;
    QCOMPARE(int(f.store.search(QStringLiteral("paella"), o).size()), 3);
    QCOMPARE(int(f.store.search(QStringLiteral("paella")).size()), 6); // title + 5 messages
}

void TestStorageSearch::newestFirst()
{
    Fixture f; // the clock steps, so later rows are newer
    const auto a = f.store.appendMessage(f.trip, textMessage(Role::User, QStringLiteral("zebra one"))).id;
    const auto b = f.store.appendMessage(f.cooking, textMessage(Role::User, QStringLiteral("zebra two"))).id;
    const auto c = f.store.createConversation(QStringLiteral("Zebra facts")).id;
    const auto d = f.store.appendMessage(f.trip, textMessage(Role::User, QStringLiteral("zebra three"))).id;
    const auto hits = f.store.search(QStringLiteral("zebra"));
    QCOMPARE(int(hits.size()), 4);
    QCOMPARE(hits[0].messageId, std::optional<std::int64_t>(d));
    QCOMPARE(hits[1].conversationId, c);
    QVERIFY(!hits[1].messageId);
    QCOMPARE(hits[2].messageId, std::optional<std::int64_t>(b));
    QCOMPARE(hits[3].messageId, std::optional<std::int64_t>(a));
    for (std::size_t i = 1; i < hits.size(); ++i)
        QVERIFY(hits[i - 1].time >= hits[i].time);
}

void TestStorageSearch::hostileQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("findsSomething");
    QTest::newRow("trailing quote") << R"(foo")" << false;
    QTest::newRow("AND paren") << "AND (" << true; // the word "and" ("rice and saffron")
    QTest::newRow("lone quote") << R"(")" << false;
    QTest::newRow("quotes") << R"("""")" << false;
    QTest::newRow("NEAR") << "NEAR(flamenco clásico, 2)" << false;
    QTest::newRow("star") << "*" << false;
    QTest::newRow("caret") << "^madrid" << true;
    QTest::newRow("minus") << "-madrid" << true;
    QTest::newRow("column filter") << "title:madrid" << false;
    QTest::newRow("braces") << "{content reasoning}: rice" << false; // words "content" AND "reasoning" AND rice
    QTest::newRow("OR NOT") << "OR NOT" << false;
    QTest::newRow("parens") << "(((madrid" << true;
    QTest::newRow("backslash") << R"(\ \\ \")" << false;
    QTest::newRow("sql") << "'; DROP TABLE messages; --" << false;
    QTest::newRow("control chars") << QStringLiteral("\u0001\u0002\u0000madrid") << true;
    QTest::newRow("emoji") << QStringLiteral("🚀🔥") << false;
    QTest::newRow("long") << QStringLiteral("palabra ").repeated(2000) << false;
    QTest::newRow("plus colon") << "madrid + : ." << true;
}

void TestStorageSearch::hostileQueries()
{
    QFETCH(QString, query);
    QFETCH(bool, findsSomething);
    Fixture f;
    std::vector<SearchHit> hits;
    try {
        hits = f.store.search(query);
    } catch (const StorageError& e) {
        QFAIL(e.what());
    }
    QCOMPARE(!hits.empty(), findsSomething);
    QCOMPARE(int(f.store.messages(f.trip).size()) >= 2, true); // nothing was executed as SQL
}

void TestStorageSearch::streamingIndexedOnlyWhenFinished()
{
    Fixture f;
    const auto reply = f.store.beginAssistantMessage(f.cooking);
    f.store.updateStreamingMessage(reply.id, QStringLiteral("chorizo is controversial"), QStringLiteral("careful"));
    QVERIFY(f.store.search(QStringLiteral("chorizo")).empty());
    f.store.finishMessage(reply.id, {QStringLiteral("chorizo is controversial!"), QStringLiteral("careful"), {}, {}, {}, {}, {}},
                          MessageStatus::Stopped);
    QCOMPARE(int(f.store.search(QStringLiteral("chorizo")).size()), 1);
    QCOMPARE(int(f.store.search(QStringLiteral("careful")).size()), 1);
    QCOMPARE(rawCount(f.dir.path(), "SELECT count(*) FROM message_fts"),
             rawCount(f.dir.path(), "SELECT count(*) FROM messages"));
}

void TestStorageSearch::deletedConversationDisappears()
{
    Fixture f;
    QCOMPARE(int(f.store.search(QStringLiteral("madrid")).size()), 1);
    QCOMPARE(int(f.store.search(QStringLiteral("flamenco")).size()), 1);
    const auto snapshot = f.store.deleteConversation(f.trip);
    QVERIFY(f.store.search(QStringLiteral("madrid")).empty());
    QVERIFY(f.store.search(QStringLiteral("flamenco")).empty());
    QVERIFY(f.store.search(QStringLiteral("guitar")).empty());
    QCOMPARE(int(f.store.search(QStringLiteral("saffron")).size()), 1);
    QCOMPARE(rawCount(f.dir.path(), "SELECT count(*) FROM message_fts"), std::int64_t{1});
    QCOMPARE(rawCount(f.dir.path(), "SELECT count(*) FROM conversation_fts"), std::int64_t{1});
    f.store.restoreConversation(snapshot); // undo brings the hits back
    QCOMPARE(int(f.store.search(QStringLiteral("madrid")).size()), 1);
    QCOMPARE(int(f.store.search(QStringLiteral("guitar")).size()), 1);
    // The FTS index agrees with its content after all that.
    auto raw = rawConnection(f.dir.path());
    raw.exec("INSERT INTO message_fts (message_fts) VALUES ('integrity-check')", "fts check");
    raw.exec("INSERT INTO conversation_fts (conversation_fts) VALUES ('integrity-check')", "fts check");
}

void TestStorageSearch::renameAndTruncationUpdateIndex()
{
    Fixture f;
    f.store.rename(f.cooking, QStringLiteral("Arroz valenciano"));
    QVERIFY(f.store.search(QStringLiteral("recipe")).empty());
    QCOMPARE(int(f.store.search(QStringLiteral("valenciano")).size()), 1);
    f.store.deleteMessagesAfter(f.trip, f.tripQuestion);
    QVERIFY(f.store.search(QStringLiteral("flamenco")).empty());
    QCOMPARE(int(f.store.search(QStringLiteral("tren")).size()), 1);
}

QTEST_GUILESS_MAIN(TestStorageSearch)
#include "tst_storage_search.moc"
