// hub_endpoint.h: which endpoint and transports are trusted, and the
// commit URL of a file.
#include "library/hub_endpoint.h"

#include "common/error.h"

#include <QtTest/QtTest>

using namespace vela;
using namespace vela::library;

class TestHubEndpoint : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { qunsetenv(kHubEndpointVariable); }

    void trustedTransports_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("trusted");
        QTest::newRow("https") << "https://huggingface.co/x" << true;
        QTest::newRow("mirror") << "https://hf-mirror.example/x" << true;
        QTest::newRow("http") << "http://huggingface.co/x" << false;
        QTest::newRow("http loopback v4") << "http://127.0.0.1:8080/x" << true;
        QTest::newRow("http loopback 127/8") << "http://127.4.5.6/x" << true;
        QTest::newRow("http loopback v6") << "http://[::1]:9/x" << true;
        QTest::newRow("http localhost") << "http://localhost/x" << true;
        QTest::newRow("http lan") << "http://192.168.1.2/x" << false;
        QTest::newRow("http localhost lookalike") << "http://localhost.example.com/x" << false;
        QTest::newRow("ftp") << "ftp://127.0.0.1/x" << false;
        QTest::newRow("file") << "file:///etc/passwd" << false;
        QTest::newRow("no host") << "https:///x" << false;
    }
    void trustedTransports()
    {
        QFETCH(QString, url);
        QFETCH(bool, trusted);
        QCOMPARE(isTrustedTransport(QUrl(url)), trusted);
    }

    void endpointFromTheEnvironment()
    {
        QCOMPARE(hubEndpoint(), QUrl(QStringLiteral("https://huggingface.co")));
        qputenv(kHubEndpointVariable, "https://mirror.example/hf/");
        QCOMPARE(hubEndpoint(), QUrl(QStringLiteral("https://mirror.example/hf")));
        qputenv(kHubEndpointVariable, "http://127.0.0.1:4321");
        QCOMPARE(hubEndpoint(), QUrl(QStringLiteral("http://127.0.0.1:4321")));
        for (const char* bad : {"http://mirror.example", "mirror.example", "https://x.example/?a=1", "ftp://x"}) {
            qputenv(kHubEndpointVariable, bad);
            try {
                hubEndpoint();
                QFAIL(bad);
            } catch (const InvalidInput& e) {
                QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String(kHubEndpointVariable)), e.what());
            }
        }
    }

    void commitIds()
    {
        QVERIFY(isCommitId(QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590a")));
        QVERIFY(!isCommitId(QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590")));   // 39
        QVERIFY(!isCommitId(QStringLiteral("23749FEFCC72300E3A2AD315E1317431B06B590A")));  // the Hub writes lower case
        QVERIFY(!isCommitId(QStringLiteral("main")));
    }

    void fileUrlOfACommit()
    {
        const QUrl hub(QStringLiteral("https://huggingface.co"));
        QCOMPARE(hubFileUrl(hub, QStringLiteral("Qwen/Qwen3-0.6B-GGUF"),
                            QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590a"),
                            QStringLiteral("Qwen3-0.6B-Q8_0.gguf"))
                     .toString(),
                 QStringLiteral("https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/resolve/"
                                "23749fefcc72300e3a2ad315e1317431b06b590a/Qwen3-0.6B-Q8_0.gguf"));
        // Folders stay folders; other characters are encoded, never a new segment.
        const QUrl u = hubFileUrl(QUrl(QStringLiteral("http://127.0.0.1:9/mirror")), QStringLiteral("o/r"),
                                  QStringLiteral("c"), QStringLiteral("sub dir/a#b?.gguf"));
        QCOMPARE(u.toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:9/mirror/o/r/resolve/c/sub%20dir/a%23b%3F.gguf"));
        QVERIFY(!u.hasQuery());
        QVERIFY(!u.hasFragment());
    }
};

QTEST_GUILESS_MAIN(TestHubEndpoint)
#include "tst_library_hub_endpoint.moc"
