// Opening, pragmas, migrations from every schema version, backups.
#include "app/storage/storage_test_helpers.h"

#include "storage/backups.h"
#include "storage/schema.h"
#include "sampling/fields.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <string>

using namespace vela::storage;
using namespace vela::storage::test;

namespace {

// Builds <dir>/vela.sqlite3 at `version` by running only the migrations up to
// it, and fills it with data through raw SQL of that version's schema.
void buildDatabaseAt(const QString& dir, int version)
{
    sql::Connection c(dbPath(dir), true);
    migrate(c, version);
    QCOMPARE(schemaVersion(c), version);
    if (version >= 1) {
        c.exec("INSERT INTO conversations (id, title, created_at, updated_at, pinned, model, temperature, "
               "top_k, answer_language) VALUES "
               "(7, 'Viaje a Madrid', 1000, 5000, 1, 'qwen3-4b', 0.7, 20, 'es'), "
               "(8, 'Second', 2000, 3000, 0, '', NULL, NULL, 'auto')",
               "v1 data");
        c.exec("INSERT INTO messages (id, conversation_id, role, content, reasoning, created_at, status, "
               "generated_tokens, tokens_per_second) VALUES "
               "(20, 7, 'user', '¿Qué canción suena?', '', 4000, 'complete', NULL, NULL), "
               "(21, 7, 'assistant', 'Una de flamenco.', 'pensando en guitarras', 5000, 'complete', 12, 33.5), "
               "(22, 8, 'assistant', 'half a repl', '', 3000, 'streaming', NULL, NULL)",
               "v1 data");
    }
}

} // namespace

class TestStorageSchema : public QObject {
    Q_OBJECT
private slots:
    void freshDatabaseIsCurrentAndConfigured();
    void everySamplingFieldHasAColumn();
    void migrateFromEveryVersion_data();
    void migrateFromEveryVersion();
    void reopeningCurrentMakesNoBackup();
    void newerSchemaIsRefusedAndKept();
    void failedMigrationRollsBack();
    void backupsArePrunedAndStandalone();
    void unusableDataDirectoryThrows();
};

void TestStorageSchema::freshDatabaseIsCurrentAndConfigured()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    const OpenReport& r = store.openReport();
    QVERIFY(r.created);
    QVERIFY(!r.damaged);
    QCOMPARE(r.foundVersion, 0);
    QCOMPARE(r.schemaVersion, kSchemaVersion);
    QCOMPARE(r.recoveredMessages, 0);
    QVERIFY(r.backups.empty()); // nothing to protect in a new database
    QCOMPARE(r.databasePath, dbPath(dir.path()));
    QVERIFY(QFile::exists(dbPath(dir.path())));

    auto raw = rawConnection(dir.path());
    QCOMPARE(raw.queryText("PRAGMA journal_mode"), QStringLiteral("wal")); // persistent in the file
    QCOMPARE(raw.queryInt("PRAGMA user_version"), std::int64_t{kSchemaVersion});
    QCOMPARE(raw.queryInt("SELECT count(*) FROM sqlite_schema WHERE name IN ('conversations', 'messages', "
                          "'conversation_fts', 'message_fts')"),
             std::int64_t{4});
}

// A field added to sampling/fields.h needs its column (one migration line);
// the store reads and writes it by the field's key.
void TestStorageSchema::everySamplingFieldHasAColumn()
{
    QTemporaryDir dir;
    ConversationStore store(dir.path());
    auto raw = rawConnection(dir.path());
    for (const vela::sampling::Field& f : vela::sampling::fields()) {
        const std::string q = "SELECT count(*) FROM pragma_table_info('conversations') WHERE name = '" +
                              std::string(f.key) + "'";
        QVERIFY2(raw.queryInt(q.c_str()) == 1, f.key.data());
    }
}

void TestStorageSchema::migrateFromEveryVersion_data()
{
    QTest::addColumn<int>("version");
    for (int v = 0; v < kSchemaVersion; ++v)
        QTest::addRow("from v%d", v) << v;
}

void TestStorageSchema::migrateFromEveryVersion()
{
    QFETCH(int, version);
    QTemporaryDir dir;
    buildDatabaseAt(dir.path(), version);
    QVERIFY(QFile::exists(dbPath(dir.path())));

    ConversationStore store(dir.path());
    const OpenReport& r = store.openReport();
    QVERIFY(!r.created);
    QVERIFY(!r.damaged);
    QCOMPARE(r.foundVersion, version);
    QCOMPARE(r.schemaVersion, kSchemaVersion);
    QCOMPARE(rawCount(dir.path(), "PRAGMA user_version"), std::int64_t{kSchemaVersion});

    // One backup before each step, each a readable database at its version.
    QCOMPARE(int(r.backups.size()), kSchemaVersion - version);
    for (const BackupInfo& b : r.backups) {
        QVERIFY(b.schemaVersion >= version && b.schemaVersion < kSchemaVersion);
        QVERIFY(b.sizeBytes >= 0);
        sql::Connection backup(b.path, false, true);
        QCOMPARE(schemaVersion(backup), b.schemaVersion);
        if (version >= 1)
            QCOMPARE(backup.queryInt("SELECT count(*) FROM messages"), std::int64_t{3});
    }

    if (version == 0) {
        QVERIFY(store.listConversations().empty());
        QCOMPARE(r.recoveredMessages, 0);
        return;
    }
    // Data preserved through every later migration.
    QCOMPARE(r.recoveredMessages, 1); // the 'streaming' row of v1
    const auto list = store.listConversations();
    QCOMPARE(int(list.size()), 2);
    const Conversation& c = list[0];
    QCOMPARE(c.id, std::int64_t{7});
    QCOMPARE(c.title, QStringLiteral("Viaje a Madrid"));
    QVERIFY(c.pinned);
    QCOMPARE(c.createdAt.toMSecsSinceEpoch(), std::int64_t{1000});
    QCOMPARE(c.settings.model, QStringLiteral("qwen3-4b"));
    QCOMPARE(c.settings.sampling.temperature, std::optional<double>(0.7));
    QCOMPARE(c.settings.sampling.topK, std::optional<std::int64_t>(20));
    QVERIFY(!c.settings.sampling.topP);
    QCOMPARE(c.settings.answerLanguage, AnswerLanguage::Spanish);
    const auto msgs = store.messages(7);
    QCOMPARE(int(msgs.size()), 2);
    QCOMPARE(msgs[0].content, QStringLiteral("¿Qué canción suena?"));
    QCOMPARE(msgs[1].reasoning, QStringLiteral("pensando en guitarras"));
    QCOMPARE(msgs[1].generatedTokens, std::optional<std::int64_t>(12));
    QCOMPARE(msgs[1].tokensPerSecond, std::optional<double>(33.5));
    QCOMPARE(store.message(22)->status, MessageStatus::Stopped);
    QCOMPARE(store.message(22)->content, QStringLiteral("half a repl"));

    // The v2 index covers the rows that existed before it.
    QCOMPARE(int(store.search(QStringLiteral("cancion")).size()), 1);
    QCOMPARE(int(store.search(QStringLiteral("guitarras")).size()), 1);
    QCOMPARE(int(store.search(QStringLiteral("madrid")).size()), 1);
    QCOMPARE(int(store.search(QStringLiteral("repl")).size()), 1); // recovered, then indexed

    // New rows get new ids (AUTOINCREMENT continues after the old ones).
    const Conversation added = store.createConversation(QStringLiteral("after"));
    QVERIFY(added.id > 8);
}

void TestStorageSchema::reopeningCurrentMakesNoBackup()
{
    QTemporaryDir dir;
    {
        ConversationStore store(dir.path());
        store.createConversation(QStringLiteral("x"));
    }
    ConversationStore again(dir.path());
    QVERIFY(!again.openReport().created);
    QCOMPARE(again.openReport().foundVersion, kSchemaVersion);
    QVERIFY(again.openReport().backups.empty());
    QCOMPARE(int(again.listConversations().size()), 1);
}

void TestStorageSchema::newerSchemaIsRefusedAndKept()
{
    QTemporaryDir dir;
    {
        ConversationStore store(dir.path());
        store.createConversation(QStringLiteral("from the future"));
    }
    rawConnection(dir.path()).exec("PRAGMA user_version = 99", "test");
    VELA_EXPECT_STORAGE_ERROR(ConversationStore(dir.path()), ErrorKind::TooNew);
    // Not treated as damage: the file stays where it is, untouched.
    QCOMPARE(rawCount(dir.path(), "PRAGMA user_version"), std::int64_t{99});
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.damaged-*")}, QDir::Files).size(), 0);
}

void TestStorageSchema::failedMigrationRollsBack()
{
    QTemporaryDir dir;
    buildDatabaseAt(dir.path(), 1);
    // An object in the way of the v2 migration makes it fail half way.
    rawConnection(dir.path()).exec("CREATE TABLE message_fts (x)", "test");
    VELA_EXPECT_STORAGE_ERROR(ConversationStore(dir.path()), ErrorKind::Internal);
    auto raw = rawConnection(dir.path());
    QCOMPARE(raw.queryInt("PRAGMA user_version"), std::int64_t{1});
    QCOMPARE(raw.queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'conversation_fts'"), std::int64_t{0});
    QCOMPARE(raw.queryInt("SELECT count(*) FROM messages"), std::int64_t{3});
    QCOMPARE(int(backups::list(dir.path()).size()), 1); // the backup before the attempt
}

void TestStorageSchema::backupsArePrunedAndStandalone()
{
    QTemporaryDir dir;
    StoreOptions options;
    options.keepBackups = 3;
    ConversationStore store(dir.path(), options);
    const Conversation c = store.createConversation(QStringLiteral("backed up"));
    store.appendMessage(c.id, textMessage(Role::User, QStringLiteral("hola")));
    QStringList made;
    for (int i = 0; i < 6; ++i)
        made << store.backupNow();
    const auto list = store.backups();
    QCOMPARE(int(list.size()), 3);
    // Newest first, and the newest three are the ones kept.
    QCOMPARE(list[0].path, QFileInfo(made[5]).absoluteFilePath());
    QCOMPARE(list[2].path, QFileInfo(made[3]).absoluteFilePath());
    for (std::size_t i = 1; i < list.size(); ++i)
        QVERIFY(list[i - 1].createdAt >= list[i].createdAt);
    QVERIFY(!QFile::exists(made[0]));

    // A backup is a complete database on its own: rollback journal (header
    // bytes 18-19 are 1, not WAL's 2), no -wal file beside it.
    const QByteArray header = readFile(list[0].path).left(100);
    QVERIFY(header.startsWith("SQLite format 3"));
    QCOMPARE(int(header[18]), 1);
    QCOMPARE(int(header[19]), 1);
    QVERIFY(!QFile::exists(list[0].path + QStringLiteral("-wal")));
    sql::Connection b(list[0].path, false, true);
    QCOMPARE(b.queryText("SELECT content FROM messages"), QStringLiteral("hola"));
    QCOMPARE(QDir(backups::directory(dir.path())).entryList({QStringLiteral("*.partial")}).size(), 0);
}

void TestStorageSchema::unusableDataDirectoryThrows()
{
    QTemporaryDir dir;
    const QString file = QDir(dir.path()).filePath(QStringLiteral("not-a-dir"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    VELA_EXPECT_STORAGE_ERROR(ConversationStore(file + QStringLiteral("/vela")), ErrorKind::Io);
}

QTEST_GUILESS_MAIN(TestStorageSchema)
#include "tst_storage_schema.moc"
