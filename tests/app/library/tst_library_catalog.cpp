// The catalog: the bundled one (a Qt resource) parses and is honest about
// what it does not know; malformed catalogs are refused with the reason.
#include "library/catalog.h"

#include "common/error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest/QTest>

using namespace vela::library;

namespace {

// Built with QJson rather than written as raw string literals, which moc
// (Qt 6.4) cannot read.
QJsonObject entry(const QString& id, const QString& file, const QString& url, const QString& sha = {})
{
    QJsonObject o{{"id", id}, {"name", id.toUpper()}, {"file", file}, {"url", url}};
    if (!sha.isEmpty())
        o["sha256"] = sha;
    return o;
}

QByteArray doc(int version, const QJsonArray& models)
{
    return QJsonDocument(QJsonObject{{"version", version}, {"models", models}}).toJson();
}

} // namespace

class TestCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bundledCatalog()
    {
        const Catalog c = Catalog::load();
        QVERIFY(c.entries().size() >= 6);
        for (const char* id : {"qwen3-0.6b-q8_0", "qwen3-0.6b-q4_k_m", "qwen3-1.7b-q8_0", "qwen3-1.7b-q4_k_m",
                               "qwen3-4b-q4_k_m", "qwen2.5-3b-instruct-q4_k_m"})
            QVERIFY2(c.find(QString::fromLatin1(id)), id);
        for (const auto& e : c.entries()) {
            QCOMPARE(e.url.scheme(), QStringLiteral("https"));
            QVERIFY(e.fileName.endsWith(".gguf"));
            QVERIFY(!e.goodForIn("en").isEmpty());
            QVERIFY(!e.goodForIn("es").isEmpty());
            QVERIFY(e.goodForIn("es") != e.goodForIn("en"));
            QVERIFY(e.approxMegabytes > 0);
            // A hash is either a real SHA-256 or absent (then not downloadable).
            QVERIFY(e.sha256.isEmpty() || isSha256Hex(e.sha256));
            QCOMPARE(e.verifiable(), !e.sha256.isEmpty());
        }
        QCOMPARE(c.find("Qwen3-0.6B-Q8_0.gguf")->id, QStringLiteral("qwen3-0.6b-q8_0"));
        QCOMPARE(c.find("qwen3-0.6b-q8_0")->goodForIn("fr"), c.find("qwen3-0.6b-q8_0")->goodForIn("en"));
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
        QTest::newRow("not json") << QByteArray("{") << "not JSON";
        QTest::newRow("version") << doc(2, {}) << "version";
        QTest::newRow("path in file") << doc(1, {entry("a", "../x.gguf", "https://x.org/a.gguf")}) << "plain name";
        QTest::newRow("http") << doc(1, {entry("a", "a.gguf", "http://x.org/a.gguf")}) << "https";
        QTest::newRow("bad hash") << doc(1, {entry("a", "a.gguf", "https://x.org/a.gguf", "abc")}) << "sha256";
        QTest::newRow("duplicate") << doc(1, {entry("a", "a.gguf", "https://x.org/a.gguf"),
                                              entry("a", "b.gguf", "https://x.org/b.gguf")})
                                   << "duplicate";
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

    void loopbackHttpIsAllowedForTests()
    {
        QJsonObject e = entry("t", "t.gguf", "http://127.0.0.1:8080/t.gguf", QString(64, QLatin1Char('A')));
        e["size"] = 10;
        const Catalog c = Catalog::parse(doc(1, {e}));
        QCOMPARE(c.entries()[0].sha256, QString(64, QLatin1Char('a')));
        QCOMPARE(c.entries()[0].size, 10);
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_library_catalog.moc"
