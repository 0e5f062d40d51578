// vela-cli download for Hugging Face, against HubTestServer (HF_ENDPOINT):
// --files --json lists a repo's GGUF models; a file name or a pasted link
// is downloaded, verified and registered, and the commit printed; errors
// exit non-zero with the Hub's message.
#include "hub_test_server.h"

#include "model_writer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

namespace {

const QString kRepo = QStringLiteral("tester/Tiny-GGUF");
const QString kCommit = QStringLiteral("89abcdef0123456789abcdef0123456789abcdef");

struct Result {
    int status = -1;
    QByteArray out, err;
};

} // namespace

class TestLibraryHubCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    QByteArray model_;
    std::unique_ptr<vela::test::HubTestServer> hub_;

    Result runCli(const QStringList& args, const QString& endpoint = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HF_ENDPOINT"), endpoint.isEmpty() ? hub_->endpoint() : endpoint);
        p.setProcessEnvironment(env);
        QSignalSpy done(&p, &QProcess::finished);
        p.start(QStringLiteral(VELA_CLI_PATH), args);
        if (!done.wait(60000)) // runs the event loop: the server answers meanwhile
            p.kill();
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString path = tmp_.filePath(QStringLiteral("src.gguf"));
        vela::test::writeModel(vela::test::downloadableSpec(), path.toStdString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        model_ = f.readAll();
    }
    void init()
    {
        hub_ = std::make_unique<vela::test::HubTestServer>();
        hub_->addRepo(kRepo, kCommit,
                      {{"Tiny-Q8_0.gguf", model_},
                       {"Tiny-BF16-00001-of-00002.gguf", QByteArray(30, 'a')},
                       {"Tiny-BF16-00002-of-00002.gguf", QByteArray(20, 'b')}});
    }

    void filesJson()
    {
        const Result r = runCli({"download", "--files", kRepo, "--json"});
        QVERIFY2(r.status == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(QString::fromStdString(j["repo"]), kRepo);
        QCOMPARE(QString::fromStdString(j["commit"]), kCommit);
        QCOMPARE(j["models"].size(), size_t(2));
        const auto& split = j["models"][0];
        QCOMPARE(split["file"].get<std::string>(), std::string("Tiny-BF16-00001-of-00002.gguf"));
        QCOMPARE(split["parts"].get<int>(), 2);
        QCOMPARE(split["size"].get<qint64>(), qint64(50));
        QCOMPARE(split["quantization"].get<std::string>(), std::string("BF16"));
        QVERIFY(split["sha256"].is_null());
        QCOMPARE(split["downloadable"].get<bool>(), false);
        const auto& single = j["models"][1];
        QCOMPARE(single["file"].get<std::string>(), std::string("Tiny-Q8_0.gguf"));
        QCOMPARE(single["size"].get<qint64>(), qint64(model_.size()));
        QCOMPARE(QByteArray::fromStdString(single["sha256"]),
                 QCryptographicHash::hash(model_, QCryptographicHash::Sha256).toHex());
        QCOMPARE(single["quantization"].get<std::string>(), std::string("Q8_0"));
        QCOMPARE(single["parts"].get<int>(), 1);
        QVERIFY(single.contains("fits") && single["fits"].is_null());

        const Result text = runCli({"download", "--files", "https://huggingface.co/" + kRepo, "--revision", kCommit});
        QVERIFY2(text.status == 0, text.err.constData());
        QVERIFY(text.out.contains(kCommit.toLatin1()));
        QVERIFY(text.out.contains("Tiny-Q8_0.gguf"));
    }

    void downloadPastedLink()
    {
        const QString lib = tmp_.filePath(QStringLiteral("lib-link"));
        const Result r = runCli({"download", hub_->endpoint() + "/" + kRepo + "/resolve/main/Tiny-Q8_0.gguf",
                                 "--library", lib, "--json"});
        QVERIFY2(r.status == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(QString::fromStdString(j["commit"]), kCommit);
        QCOMPARE(QString::fromStdString(j["repo"]), kRepo);
        QCOMPARE(QString::fromStdString(j["path"]), lib + "/Tiny-Q8_0.gguf");
        QVERIFY(QFileInfo::exists(lib + "/Tiny-Q8_0.gguf"));
        QCOMPARE(hub_->targets().last(), "/" + kRepo.toLatin1() + "/resolve/" + kCommit.toLatin1() + "/Tiny-Q8_0.gguf");

        const QString lib2 = tmp_.filePath(QStringLiteral("lib-name"));
        const Result t = runCli({"download", kRepo + "/Tiny-Q8_0.gguf", "--library", lib2});
        QVERIFY2(t.status == 0, t.err.constData());
        QVERIFY(t.out.contains("at commit " + kCommit.toLatin1()));
        QVERIFY(QFileInfo::exists(lib2 + "/Tiny-Q8_0.gguf"));
    }

    void refusals()
    {
        const QString lib = tmp_.filePath(QStringLiteral("lib-refused"));
        Result r = runCli({"download", kRepo + "/Tiny-BF16-00001-of-00002.gguf", "--library", lib});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains("split") && r.err.contains("single file"), r.err.constData());
        r = runCli({"download", kRepo, "--library", lib});
        QCOMPARE(r.status, 2);
        QVERIFY(r.err.contains("--files"));
        r = runCli({"download", kRepo + "/nope.gguf", "--library", lib});
        QCOMPARE(r.status, 2);
        r = runCli({"download", "https://github.com/" + kRepo, "--library", lib});
        QCOMPARE(r.status, 2);
        r = runCli({"download", "--files", kRepo}, QStringLiteral("http://example.com"));
        QCOMPARE(r.status, 2);
        QVERIFY(r.err.contains("HF_ENDPOINT"));

        hub_->failApi(429, "45");
        r = runCli({"download", "--files", kRepo});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("try again in 45 s"), r.err.constData());
        hub_->failApi(0);

        hub_->setListedSha256(kRepo, "Tiny-Q8_0.gguf", QByteArray(64, 'f'));
        r = runCli({"download", kRepo + "/Tiny-Q8_0.gguf", "--library", lib});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("checksum mismatch"), r.err.constData());
        QVERIFY(!QFileInfo::exists(lib + "/Tiny-Q8_0.gguf"));
        QCOMPARE(r.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestLibraryHubCli)
#include "tst_library_hub_cli.moc"
