// vela-cli models / import / download: the same library code behind the
// command line, its exit codes (0 ok, 1 runtime failure, 2 bad input) and
// --json output. The download runs against the test's local HTTP server, so
// the event loop keeps running while vela-cli works.
#include "http_test_server.h"

#include "model_writer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

namespace {

struct Result {
    int status = -1;
    QByteArray out, err;
};

Result runCli(const QStringList& args)
{
    QProcess p;
    QSignalSpy done(&p, &QProcess::finished);
    p.start(QStringLiteral(VELA_CLI_PATH), args);
    if (!done.wait(60000)) // runs the event loop: the HTTP server answers meanwhile
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace

class TestLibraryCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    QString lib_;
    QString model_;

private Q_SLOTS:
    void initTestCase()
    {
        lib_ = tmp_.filePath("lib");
        model_ = tmp_.filePath("model.gguf");
        vela::test::writeModel({}, model_.toStdString());
    }

    void emptyLibrary()
    {
        const Result r = runCli({"models", "--library", lib_, "--json"});
        QCOMPARE(r.status, 0);
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(j["models"].empty());
        QCOMPARE(QString::fromStdString(j["library"].get<std::string>()), lib_);
    }

    void importThenList()
    {
        Result r = runCli({"import", model_, "--library", lib_});
        QCOMPARE(r.status, 0);
        QVERIFY(QFileInfo::exists(lib_ + "/model.gguf"));
        r = runCli({"import", model_, "--library", lib_});
        QCOMPARE(r.status, 2); // already there
        QCOMPARE(r.err.count('\n'), 1);

        QFile bad(tmp_.filePath("bad.gguf"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("GGUF nonsense");
        bad.close();
        r = runCli({"import", bad.fileName(), "--library", lib_});
        QCOMPARE(r.status, 2);
        QVERIFY(r.err.startsWith("vela-cli import: "));
        QVERIFY(!QFileInfo::exists(lib_ + "/bad.gguf"));

        r = runCli({"models", "--library", lib_, "--json", "--ctx", "1024"});
        QCOMPARE(r.status, 0);
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(j["models"].size(), size_t(1));
        const auto& m = j["models"][0];
        QCOMPARE(m["valid"].get<bool>(), true);
        QCOMPARE(m["architecture"].get<std::string>(), std::string("qwen3"));
        QVERIFY(!m["fit"].empty());
        QCOMPARE(m["fit"].back()["device_id"].get<std::string>(), std::string("cpu"));
        QCOMPARE(m["fit"].back()["verdict"].get<std::string>(), std::string("fits"));

        r = runCli({"models", "--library", lib_});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains("model.gguf"));
        QCOMPARE(runCli({"models", "--library", lib_, "--ctx", "lots"}).status, 2);
    }

    void downloadRefusals()
    {
        QCOMPARE(runCli({"download", "--list"}).status, 0);
        QCOMPARE(runCli({"download"}).status, 2);
        QCOMPARE(runCli({"download", "no-such-model", "--library", lib_}).status, 2);
        // The bundled entries carry no SHA-256 yet: refused, nothing fetched.
        const Result r = runCli({"download", "qwen3-0.6b-q8_0", "--library", lib_});
        QCOMPARE(r.status, 2);
        QVERIFY(r.err.contains("SHA-256"));
    }

    void downloadFromLocalServer()
    {
        QFile f(model_);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray body = f.readAll();
        vela::test::HttpTestServer server(body);
        const QByteArray sha = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
        auto catalog = [&](const QByteArray& hash) {
            const QString path = tmp_.filePath("catalog.json");
            QFile c(path);
            c.open(QIODevice::WriteOnly | QIODevice::Truncate);
            const QJsonObject e{{"id", "t"}, {"name", "T"}, {"file", "t.gguf"}, {"url", server.url()},
                                {"sha256", QString::fromLatin1(hash)}, {"size", body.size()}};
            c.write(QJsonDocument(QJsonObject{{"version", 1}, {"models", QJsonArray{e}}}).toJson());
            return path;
        };
        Result r = runCli({"download", "t", "--library", lib_, "--catalog", catalog(QByteArray(64, '0'))});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("checksum mismatch"), r.err.constData());
        QVERIFY(!QFileInfo::exists(lib_ + "/t.gguf"));

        r = runCli({"download", "t", "--library", lib_, "--catalog", catalog(sha), "--json"});
        QCOMPARE(r.status, 0);
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(QString::fromStdString(j["path"].get<std::string>()), lib_ + "/t.gguf");
        QVERIFY(QFileInfo::exists(lib_ + "/t.gguf"));
    }
};

QTEST_GUILESS_MAIN(TestLibraryCli)
#include "tst_library_cli.moc"
