// Damaged databases: detected at open, moved aside, replaced by a fresh one,
// backups offered and restorable.
#include "app/storage/storage_test_helpers.h"

#include "storage/schema.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela::storage;
using namespace vela::storage::test;

namespace {

// A database with some data and one backup of it; closed (checkpointed, no
// -wal left) when this returns.
std::int64_t populate(const QString& dir, int conversations = 3)
{
    ConversationStore store(dir);
    std::int64_t first = 0;
    for (int i = 0; i < conversations; ++i) {
        const auto c = store.createConversation(QStringLiteral("Conversation %1").arg(i)).id;
        if (i == 0)
            first = c;
        for (int j = 0; j < 20; ++j)
            store.appendMessage(c, textMessage(Role::User, QStringLiteral("message %1 %2 ").arg(i).arg(j).repeated(40)));
    }
    store.backupNow();
    return first;
}

void overwrite(const QString& path, qint64 offset, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.seek(offset));
    QCOMPARE(f.write(bytes), bytes.size());
}

QByteArray garbage(qsizetype n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray b(n, '\0');
    for (char& c : b)
        c = static_cast<char>(rng.bounded(256));
    return b;
}

} // namespace

class TestStorageDamage : public QObject {
    Q_OBJECT
private slots:
    void damagedDatabaseIsReplaced_data();
    void damagedDatabaseIsReplaced();
    void staleWalMovesAsideWithIt();
    void garbageWalBesideIntactDatabaseIsIgnored();
    void restoreRejectsBadBackups();
    void restoreOlderSchemaBackupMigrates();
};

void TestStorageDamage::damagedDatabaseIsReplaced_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("garbage header") << "header";
    QTest::newRow("garbage pages") << "pages";
    QTest::newRow("garbage data pages") << "tail"; // schema readable, quick_check reports rows
    QTest::newRow("truncated") << "truncate";
    QTest::newRow("not a database") << "text";
    QTest::newRow("zero bytes") << "empty";
    QTest::newRow("one page of garbage") << "page";
}

void TestStorageDamage::damagedDatabaseIsReplaced()
{
    QFETCH(QString, damage);
    QTemporaryDir dir;
    const std::int64_t first = populate(dir.path());
    const QString path = dbPath(dir.path());
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    const qint64 size = QFileInfo(path).size();
    QVERIFY(size > 16 * 4096);

    if (damage == QLatin1String("header")) {
        overwrite(path, 0, garbage(100, 1));
    } else if (damage == QLatin1String("pages")) {
        // Keep page 1 (header and schema root), ruin everything after it.
        overwrite(path, 4096, garbage(size - 4096, 2));
    } else if (damage == QLatin1String("tail")) {
        const qint64 from = (size / 2) / 4096 * 4096;
        overwrite(path, from, garbage(size - from, 6));
    } else if (damage == QLatin1String("page")) {
        // A single 4 KiB page in the middle (a torn or bit-rotted sector).
        overwrite(path, (size / 2) / 4096 * 4096, garbage(4096, 7));
    } else if (damage == QLatin1String("empty")) {
        QVERIFY(QFile::resize(path, 0));
    } else if (damage == QLatin1String("truncate")) {
        QVERIFY(QFile::resize(path, size / 2));
    } else {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("This is not a database, just some notes.\n");
    }
    const QByteArray damagedBytes = readFile(path);

    QString safety;
    {
        ConversationStore store(dir.path());
        const OpenReport& r = store.openReport();
        QVERIFY(r.damaged);
        QVERIFY(r.created);
        QVERIFY(!r.damageDetail.isEmpty());
        qInfo() << damage << "->" << r.damageDetail;
        // Kept aside byte for byte, for recovery tools.
        QVERIFY(r.damagedMovedTo.startsWith(path + QStringLiteral(".damaged-")));
        QCOMPARE(readFile(r.damagedMovedTo), damagedBytes);
        // The new database works.
        QCOMPARE(r.schemaVersion, kSchemaVersion);
        QVERIFY(store.listConversations().empty());
        const auto fresh = store.createConversation(QStringLiteral("fresh start")).id;
        QCOMPARE(int(store.search(QStringLiteral("fresh")).size()), 1);

        // The backup is offered and brings the data back.
        QCOMPARE(int(r.backups.size()), 1);
        const RestoreReport restored = store.restoreBackup(r.backups.front().path);
        QCOMPARE(restored.restoredVersion, kSchemaVersion);
        QVERIFY(QFile::exists(restored.safetyBackup)); // the fresh db, in case the restore was a mistake
        QCOMPARE(int(store.listConversations().size()), 3);
        QCOMPARE(int(store.messages(first).size()), 20);
        QCOMPARE(int(store.search(QStringLiteral("message")).size()), 60);
        QVERIFY(!store.conversation(fresh) || store.conversation(fresh)->title != QStringLiteral("fresh start"));
        store.appendMessage(first, textMessage(Role::User, QStringLiteral("after restore")));

        safety = restored.safetyBackup;
    }
    // And it is the live database from now on.
    ConversationStore reopened(dir.path());
    QVERIFY(!reopened.openReport().damaged);
    QCOMPARE(int(reopened.messages(first).size()), 21);
    sql::Connection safetyDb(safety, false, true);
    QCOMPARE(safetyDb.queryText("SELECT title FROM conversations"), QStringLiteral("fresh start"));
}

void TestStorageDamage::staleWalMovesAsideWithIt()
{
    QTemporaryDir dir;
    populate(dir.path(), 1);
    const QString path = dbPath(dir.path());
    overwrite(path, 0, garbage(100, 3));
    {
        QFile wal(path + QStringLiteral("-wal"));
        QVERIFY(wal.open(QIODevice::WriteOnly));
        wal.write(garbage(5000, 4));
    }
    ConversationStore store(dir.path());
    QVERIFY(store.openReport().damaged);
    QVERIFY(QFile::exists(store.openReport().damagedMovedTo + QStringLiteral("-wal")));
    QCOMPARE(QFileInfo(store.openReport().damagedMovedTo + QStringLiteral("-wal")).size(), qint64(5000));
    store.createConversation(QStringLiteral("works"));
    QCOMPARE(int(store.listConversations().size()), 1);
}

void TestStorageDamage::garbageWalBesideIntactDatabaseIsIgnored()
{
    // A -wal left beside a healthy database that is not a valid WAL for it
    // (garbage, or a stray file) is ignored by SQLite: nothing is damaged,
    // nothing is moved aside, every message is there.
    QTemporaryDir dir;
    const std::int64_t first = populate(dir.path());
    const QString path = dbPath(dir.path());
    {
        QFile wal(path + QStringLiteral("-wal"));
        QVERIFY(wal.open(QIODevice::WriteOnly));
        wal.write(garbage(3 * 4096 + 32, 8));
    }
    {
        ConversationStore store(dir.path());
        QVERIFY(!store.openReport().damaged);
        QCOMPARE(int(store.listConversations().size()), 3);
        QCOMPARE(int(store.messages(first).size()), 20);
        QCOMPARE(int(store.search(QStringLiteral("message")).size()), 60);
        store.appendMessage(first, textMessage(Role::User, QStringLiteral("after the stray wal")));
    }
    ConversationStore reopened(dir.path());
    QVERIFY(!reopened.openReport().damaged);
    QCOMPARE(int(reopened.messages(first).size()), 21);
    auto raw = rawConnection(dir.path());
    QCOMPARE(raw.queryText("PRAGMA integrity_check"), QStringLiteral("ok"));
    QVERIFY(QDir(dir.path()).entryList({QStringLiteral("*.damaged-*")}).isEmpty());
}

void TestStorageDamage::restoreRejectsBadBackups()
{
    QTemporaryDir dir;
    populate(dir.path(), 1);
    ConversationStore store(dir.path());
    const auto before = store.listConversations();
    QCOMPARE(int(before.size()), 1);

    VELA_EXPECT_STORAGE_ERROR(store.restoreBackup(dir.filePath(QStringLiteral("missing.sqlite3"))),
                              ErrorKind::NotFound);

    // A damaged backup is refused before anything is replaced.
    const QString bad = dir.filePath(QStringLiteral("bad.sqlite3"));
    QVERIFY(QFile::copy(store.backups().front().path, bad));
    overwrite(bad, 4096, garbage(QFileInfo(bad).size() - 4096, 5));
    VELA_EXPECT_STORAGE_ERROR(store.restoreBackup(bad), ErrorKind::Corrupt);
    const QString text = dir.filePath(QStringLiteral("text.sqlite3"));
    {
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
    }
    VELA_EXPECT_STORAGE_ERROR(store.restoreBackup(text), ErrorKind::Corrupt);

    // So is one from a newer Vela.
    const QString newer = dir.filePath(QStringLiteral("newer.sqlite3"));
    QVERIFY(QFile::copy(store.backups().front().path, newer));
    sql::Connection(newer, false).exec("PRAGMA user_version = 42", "test");
    VELA_EXPECT_STORAGE_ERROR(store.restoreBackup(newer), ErrorKind::TooNew);

    QCOMPARE(int(store.listConversations().size()), 1);
    QCOMPARE(int(store.messages(before[0].id).size()), 20);
}

void TestStorageDamage::restoreOlderSchemaBackupMigrates()
{
    QTemporaryDir dir;
    {
        // A v1 database, migrated at open: that leaves a v1 backup (among others).
        sql::Connection c(dbPath(dir.path()), true);
        migrate(c, 1);
        c.exec("INSERT INTO conversations (id, title, created_at, updated_at) VALUES (5, 'old times', 1, 2);"
               "INSERT INTO messages (conversation_id, role, content, created_at, status) "
               "VALUES (5, 'assistant', 'interrupted', 3, 'streaming')",
               "v1 data");
    }
    ConversationStore store(dir.path());
    store.deleteConversation(5);
    QVERIFY(store.listConversations().empty());
    // One backup per migration step (v1, v2, ...): the one before the first.
    std::vector<BackupInfo> v1;
    for (const BackupInfo& b : store.backups())
        if (b.schemaVersion == 1)
            v1.push_back(b);
    QCOMPARE(int(v1.size()), 1);
    QCOMPARE(v1[0].schemaVersion, 1);

    const RestoreReport r = store.restoreBackup(v1[0].path);
    QCOMPARE(r.restoredVersion, 1);
    QCOMPARE(r.recoveredMessages, 1);
    QCOMPARE(rawCount(dir.path(), "PRAGMA user_version"), std::int64_t{kSchemaVersion});
    QCOMPARE(store.conversation(5)->title, QStringLiteral("old times"));
    const auto hits = store.search(QStringLiteral("interrupted"));
    QCOMPARE(int(hits.size()), 1);
    QCOMPARE(store.message(*hits[0].messageId)->status, MessageStatus::Stopped);
    store.rename(5, QStringLiteral("new times"));
    QCOMPARE(int(store.search(QStringLiteral("new times")).size()), 1);
}

QTEST_GUILESS_MAIN(TestStorageDamage)
#include "tst_storage_damage.moc"
