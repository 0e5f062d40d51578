// The catalog: the bundled one (a Qt resource) parses, every entry is pinned
// to a commit with size and SHA-256 or marked to be resolved from the Hub,
// its URLs are commit URLs under HF_ENDPOINT; malformed catalogs (and the old
// version 1) are refused with the entry and field that is wrong.
#include "library/catalog.h"
#include "library/hub_endpoint.h"

#include "common/error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest/QTest>

using namespace vela::library;

namespace {

const QString kCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QString kSha = QString(64, QLatin1Char('a'));

// A valid pinned entry, built with QJson rather than written as raw string
// literals, which moc (Qt 6.4) cannot read.
QJsonObject entry(const QString& id, const QString& file = QStringLiteral("a.gguf"))
{
    return QJsonObject{{"id", id}, {"name", id.toUpper()}, {"kind", "chat"}, {"repo", "owner/repo-GGUF"},
                       {"revision", kCommit}, {"file", file}, {"size", 10}, {"sha256", kSha},
                       {"license", "MIT"}, {"good_for", QJsonObject{{"en", "x"}, {"es", "y"}}}};
}

QJsonObject with(QJsonObject o, const QString& key, const QJsonValue& v)
{
    o[key] = v;
    return o;
}

QByteArray doc(int version, const QJsonArray& models)
{
    return QJsonDocument(QJsonObject{{"version", version}, {"models", models}}).toJson();
}

// Sets an environment variable for one scope.
struct EnvGuard {
    QByteArray name, old;
    bool had;
    EnvGuard(const char* n, const QByteArray& value) : name(n), old(qgetenv(n)), had(qEnvironmentVariableIsSet(n))
    {
        qputenv(n, value);
    }
    ~EnvGuard() { had ? qputenv(name.constData(), old) : qunsetenv(name.constData()); }
};

} // namespace

class TestCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bundledCatalog()
    {
        const Catalog c = Catalog::load();
        QCOMPARE(c.entries().size(), 8);
        for (const char* id : {"qwen3-0.6b-q8_0", "qwen3-0.6b-q4_k_m", "qwen3-1.7b-q8_0", "qwen3-1.7b-q4_k_m",
                               "qwen3-4b-q4_k_m", "qwen3-8b-q4_k_m", "qwen3-embedding-0.6b-q8_0",
                               "qwen2.5-3b-instruct-q4_k_m"})
            QVERIFY2(c.find(QString::fromLatin1(id)), id);
        QSet<QString> ids, files;
        for (const auto& e : c.entries()) {
            ids.insert(e.id);
            files.insert(e.fileName);
            QVERIFY(e.fileName.endsWith(".gguf"));
            QVERIFY2(isRepoId(e.repo), qPrintable(e.id));
            QVERIFY(!e.license.isEmpty());
            QVERIFY(!e.goodForIn("en").isEmpty());
            QVERIFY(!e.goodFor.value("es").isEmpty());
            QVERIFY(e.goodForIn("es") != e.goodForIn("en"));
            // Pinned: a full commit, a real SHA-256 and an exact size. Or marked
            // to be resolved from the Hub, with a size to show meanwhile.
            if (e.pinned()) {
                QVERIFY2(isCommitId(e.revision), qPrintable(e.id));
                QVERIFY2(isSha256Hex(e.sha256) && e.sha256 == e.sha256.toLower(), qPrintable(e.id));
                QVERIFY2(e.size > 0, qPrintable(e.id));
            } else {
                QVERIFY2(e.approxMegabytes > 0, qPrintable(e.id));
                QVERIFY(e.revision.isEmpty() || isCommitId(e.revision));
                QVERIFY(e.sha256.isEmpty() || isSha256Hex(e.sha256));
            }
        }
        QCOMPARE(ids.size(), c.entries().size());
        QCOMPARE(files.size(), c.entries().size());
        QCOMPARE(c.find("Qwen3-0.6B-Q8_0.gguf")->id, QStringLiteral("qwen3-0.6b-q8_0"));
        QCOMPARE(c.find("qwen3-0.6b-q8_0")->goodForIn("fr"), c.find("qwen3-0.6b-q8_0")->goodForIn("en"));

        // The values of issue 16, which come from projects that pinned them.
        const CatalogEntry* q = c.find("qwen3-0.6b-q8_0");
        QVERIFY(q->pinned());
        QCOMPARE(q->repo, QStringLiteral("Qwen/Qwen3-0.6B-GGUF"));
        QCOMPARE(q->revision, QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590a"));
        QCOMPARE(q->size, 639446688);
        QCOMPARE(q->sha256, QStringLiteral("9465e63a22add5354d9bb4b99e90117043c7124007664907259bd16d043bb031"));
        QCOMPARE(q->kind, CatalogKind::Chat);
        const CatalogEntry* big = c.find("qwen3-8b-q4_k_m");
        QVERIFY(big->pinned());
        QCOMPARE(big->size, Q_INT64_C(5027783488)); // past 32 bits
        // Known commit and hash but no size: resolved from the Hub.
        const CatalogEntry* emb = c.find("qwen3-embedding-0.6b-q8_0");
        QCOMPARE(emb->kind, CatalogKind::Embedding);
        QVERIFY(!emb->pinned());
        QVERIFY(isCommitId(emb->revision) && isSha256Hex(emb->sha256) && emb->size < 0);
        const CatalogEntry* q25 = c.find("qwen2.5-3b-instruct-q4_k_m");
        QVERIFY(!q25->pinned());
        QVERIFY(q25->revision.isEmpty() && q25->sha256.isEmpty());
        int pinned = 0;
        for (const auto& e : c.entries())
            pinned += e.pinned();
        QCOMPARE(pinned, 6);
    }

    void bundledUrlsAreCommitUrlsUnderTheEndpoint()
    {
        const Catalog c = Catalog::load();
        {
            EnvGuard env(kHubEndpointVariable, QByteArray());
            for (const auto& e : c.entries()) {
                if (e.revision.isEmpty()) {
                    QVERIFY(e.fileUrl(hubEndpoint()).isEmpty());
                    continue;
                }
                const QUrl url = e.fileUrl(hubEndpoint());
                QCOMPARE(url.toString(), QStringLiteral("https://huggingface.co/%1/resolve/%2/%3")
                                             .arg(e.repo, e.revision, e.fileName));
            }
        }
        EnvGuard env(kHubEndpointVariable, "http://127.0.0.1:8123/mirror/");
        const CatalogEntry* q = c.find("qwen3-4b-q4_k_m");
        const DownloadRequest r = q->downloadRequest(hubEndpoint());
        QCOMPARE(r.url.toString(), QStringLiteral("http://127.0.0.1:8123/mirror/Qwen/Qwen3-4B-GGUF/resolve/"
                                                  "bc640142c66e1fdd12af0bd68f40445458f3869b/Qwen3-4B-Q4_K_M.gguf"));
        QCOMPARE(r.fileName, q->fileName);
        QCOMPARE(r.sha256, q->sha256);
        QCOMPARE(r.expectedSize, q->size);
        QCOMPARE(r.catalogId, q->id);
        QCOMPARE(r.repo, q->repo);
        QCOMPARE(r.revision, q->revision);
    }

    void fileOnDiskEqualsTheResource()
    {
        QFile disk(QStringLiteral(VELA_SOURCE_DIR "/resources/catalog/catalog.json"));
        QFile res(QString::fromLatin1(Catalog::kBundled));
        QVERIFY(disk.open(QIODevice::ReadOnly) && res.open(QIODevice::ReadOnly));
        QCOMPARE(res.readAll(), disk.readAll());
    }

    void malformedCatalogs_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        const QJsonObject a = entry("a");
        QTest::newRow("not json") << QByteArray("{") << "not JSON";
        QTest::newRow("version 1") << doc(1, {a}) << "version 1 is no longer read";
        QTest::newRow("version 3") << doc(3, {a}) << "unsupported version 3";
        QTest::newRow("path in file") << doc(2, {with(a, "file", "../x.gguf")}) << "entry 'a': 'file'";
        QTest::newRow("not gguf") << doc(2, {with(a, "file", "x.bin")}) << "entry 'a': 'file'";
        QTest::newRow("url") << doc(2, {with(a, "url", "https://x.org/a.gguf")}) << "entry 'a': 'url'";
        QTest::newRow("no repo") << doc(2, {with(a, "repo", QJsonValue())}) << "entry 'a': 'repo'";
        QTest::newRow("repo without owner") << doc(2, {with(a, "repo", "repo")}) << "entry 'a': 'repo'";
        QTest::newRow("repo with path") << doc(2, {with(a, "repo", "o/r/../x")}) << "entry 'a': 'repo'";
        QTest::newRow("short revision") << doc(2, {with(a, "revision", "0123456")}) << "entry 'a': 'revision'";
        QTest::newRow("branch revision") << doc(2, {with(a, "revision", "main")}) << "entry 'a': 'revision'";
        QTest::newRow("upper-case revision") << doc(2, {with(a, "revision", kCommit.toUpper())})
                                             << "entry 'a': 'revision'";
        QTest::newRow("number revision") << doc(2, {with(a, "revision", 12)}) << "entry 'a': 'revision'";
        QTest::newRow("bad hash") << doc(2, {with(a, "sha256", "abc")}) << "entry 'a': 'sha256'";
        QTest::newRow("63-digit hash") << doc(2, {with(a, "sha256", QString(63, QLatin1Char('a')))})
                                       << "entry 'a': 'sha256'";
        QTest::newRow("negative size") << doc(2, {with(a, "size", -5)}) << "entry 'a': 'size'";
        QTest::newRow("text size") << doc(2, {with(a, "size", "10")}) << "entry 'a': 'size'";
        QTest::newRow("no size at all") << doc(2, {with(a, "size", QJsonValue())}) << "entry 'a': 'size_approx_mb'";
        QTest::newRow("no kind") << doc(2, {with(a, "kind", QJsonValue())}) << "entry 'a': 'kind'";
        QTest::newRow("bad kind") << doc(2, {with(a, "kind", "vision")}) << "entry 'a': 'kind'";
        QTest::newRow("no id") << doc(2, {with(a, "id", "")}) << "no id or name";
        QTest::newRow("duplicate id") << doc(2, {a, entry("a", "b.gguf")}) << "entry 'a': duplicate id";
        QTest::newRow("duplicate file") << doc(2, {a, entry("b")}) << "entry 'b': duplicate file";
    }

    void malformedCatalogs()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        try {
            Catalog::parse(json);
            QFAIL("accepted");
        } catch (const vela::InvalidInput& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(reason), e.what());
        }
    }

    void pinnedAndUnpinnedEntries()
    {
        QJsonObject noRevision = with(entry("b", "b.gguf"), "revision", QJsonValue());
        QJsonObject noSize = with(with(entry("c", "c.gguf"), "size", QJsonValue()), "size_approx_mb", 3);
        QJsonObject noHash = with(entry("d", "d.gguf"), "sha256", QJsonValue());
        QJsonObject embedding = with(with(entry("e", "e.gguf"), "kind", "embedding"), "sha256", kSha.toUpper());
        const Catalog c = Catalog::parse(doc(2, {entry("a"), noRevision, noSize, noHash, embedding}));
        QCOMPARE(c.entries().size(), 5);
        QVERIFY(c.find("a")->pinned());
        QVERIFY(!c.find("b")->pinned());
        QVERIFY(c.find("b")->fileUrl(QUrl("https://huggingface.co")).isEmpty());
        QVERIFY(!c.find("c")->pinned());
        QCOMPARE(c.find("c")->size, -1);
        QCOMPARE(c.find("c")->approxMegabytes, 3);
        QVERIFY(!c.find("d")->pinned());
        QCOMPARE(c.find("e")->kind, CatalogKind::Embedding);
        QCOMPARE(c.find("e")->sha256, kSha); // lower-cased
        QVERIFY(c.find("e")->pinned());
        QCOMPARE(catalogKindName(c.find("e")->kind), QStringLiteral("embedding"));
        QCOMPARE(c.find("a")->fileUrl(QUrl("https://hf.example")).toString(),
                 "https://hf.example/owner/repo-GGUF/resolve/" + kCommit + "/a.gguf");
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_library_catalog.moc"
