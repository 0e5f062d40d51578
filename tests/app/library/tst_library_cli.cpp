// vela-cli models / import / download: the same library code behind the
// command line, its exit codes (0 ok, 1 runtime failure, 2 bad input) and
// --json output (also the catalog, --list --json). The download runs against
// the test's local HTTP server (as HF_ENDPOINT), so
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
        // Not pinned to a commit, size and hash: refused, nothing fetched.
        Result r = runCli({"download", "qwen2.5-3b-instruct-q4_k_m", "--library", lib_});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains("not pinned"), r.err.constData());
        // The escape hatch for a missing hash is gone.
        QCOMPARE(runCli({"download", "qwen3-0.6b-q8_0", "--library", lib_, "--sha256", QString(64, QLatin1Char('a'))}).status, 2);
        QVERIFY(!QFileInfo::exists(lib_ + "/.downloads/qwen2.5-3b-instruct-q4_k_m.gguf.part"));
    }

    void listJson()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HF_ENDPOINT", "http://127.0.0.1:9/mirror");
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(VELA_CLI_PATH), {"download", "--list", "--json"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const auto j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(j["endpoint"].get<std::string>(), std::string("http://127.0.0.1:9/mirror"));
        QCOMPARE(j["models"].size(), size_t(8));
        int pinned = 0;
        for (const auto& m : j["models"]) {
            for (const char* k : {"id", "name", "kind", "repo", "revision", "file", "size", "sha256", "url", "pinned"})
                QVERIFY2(m.contains(k), k);
            pinned += m["pinned"].get<bool>();
            if (m["pinned"].get<bool>()) {
                QCOMPARE(m["revision"].get<std::string>().size(), size_t(40));
                QCOMPARE(m["sha256"].get<std::string>().size(), size_t(64));
                QVERIFY(m["size"].get<qint64>() > 0);
            }
            if (m["revision"].is_null()) {
                QVERIFY(m["url"].is_null());
                QVERIFY(!m["pinned"].get<bool>());
            } else {
                QCOMPARE(m["url"].get<std::string>(), "http://127.0.0.1:9/mirror/" + m["repo"].get<std::string>() +
                                                          "/resolve/" + m["revision"].get<std::string>() + "/" +
                                                          m["file"].get<std::string>());
            }
        }
        QCOMPARE(pinned, 6);
        const auto& first = j["models"][0];
        QCOMPARE(first["id"].get<std::string>(), std::string("qwen3-0.6b-q8_0"));
        QCOMPARE(first["kind"].get<std::string>(), std::string("chat"));
        QCOMPARE(first["repo"].get<std::string>(), std::string("Qwen/Qwen3-0.6B-GGUF"));
        QCOMPARE(first["revision"].get<std::string>(), std::string("23749fefcc72300e3a2ad315e1317431b06b590a"));
        QCOMPARE(first["size"].get<qint64>(), 639446688);
        QCOMPARE(first["sha256"].get<std::string>(),
                 std::string("9465e63a22add5354d9bb4b99e90117043c7124007664907259bd16d043bb031"));

        // The text list says which entries are pinned.
        const Result r = runCli({"download", "--list"});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains("pinned to 23749fe"));
        QVERIFY(r.out.contains("not pinned"));
    }

    void downloadFromLocalServer()
    {
        QFile f(model_);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray body = f.readAll();
        vela::test::HttpTestServer server(body);
        const QByteArray sha = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
        const QString commit = QStringLiteral("89abcdef0123456789abcdef0123456789abcdef");
        auto catalog = [&](const QByteArray& hash) {
            const QString path = tmp_.filePath("catalog.json");
            QFile c(path);
            c.open(QIODevice::WriteOnly | QIODevice::Truncate);
            const QJsonObject e{{"id", "t"}, {"name", "T"}, {"kind", "chat"}, {"repo", "o/T-GGUF"},
                                {"revision", commit}, {"file", "t.gguf"},
                                {"sha256", QString::fromLatin1(hash)}, {"size", body.size()}};
            c.write(QJsonDocument(QJsonObject{{"version", 2}, {"models", QJsonArray{e}}}).toJson());
            return path;
        };
        // HF_ENDPOINT is where the catalog's files come from.
        qputenv("HF_ENDPOINT", server.url(QString()).toUtf8());
        Result r = runCli({"download", "t", "--library", lib_, "--catalog", catalog(QByteArray(64, '0'))});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("checksum mismatch"), r.err.constData());
        QVERIFY(!QFileInfo::exists(lib_ + "/t.gguf"));

        r = runCli({"download", "t", "--library", lib_, "--catalog", catalog(sha), "--json"});
        qunsetenv("HF_ENDPOINT");
        QCOMPARE(r.status, 0);
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(QString::fromStdString(j["path"].get<std::string>()), lib_ + "/t.gguf");
        QCOMPARE(QString::fromStdString(j["revision"].get<std::string>()), commit);
        QVERIFY(QFileInfo::exists(lib_ + "/t.gguf"));
        const QByteArray path = "/o/T-GGUF/resolve/" + commit.toLatin1() + "/t.gguf";
        QCOMPARE(server.paths(), (QList<QByteArray>{path, path}));

        // The library records where it came from.
        r = runCli({"models", "--library", lib_, "--json"});
        QCOMPARE(r.status, 0);
        const auto models = nlohmann::json::parse(r.out.toStdString())["models"];
        bool found = false;
        for (const auto& m : models)
            if (m["file"].get<std::string>() == "t.gguf") {
                found = true;
                QCOMPARE(m["source"]["repo"].get<std::string>(), std::string("o/T-GGUF"));
                QCOMPARE(QString::fromStdString(m["source"]["commit"].get<std::string>()), commit);
            }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestLibraryCli)
#include "tst_library_cli.moc"
