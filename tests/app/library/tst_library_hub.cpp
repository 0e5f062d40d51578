// The Hub client and Hub downloads against HubTestServer on 127.0.0.1,
// reached through HF_ENDPOINT: a repo listed (paginated tree, single and
// split GGUFs), a pasted link resolved, downloaded and registered with its
// commit recorded, 401/403/404/429/5xx and bad JSON as typed errors, and the
// download's refusals: a wrong lfs.oid, a file whose size changes, a file
// gone since the listing; resume after an interruption.
#include "hub_test_server.h"

#include "library/download.h"
#include "library/hub_client.h"
#include "library/hub_endpoint.h"
#include "library/hub_link.h"
#include "library/hub_listing.h"
#include "library/model_library.h"

#include "model_writer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace vela::library;
using vela::test::HubTestServer;

namespace {

const QString kRepo = QStringLiteral("tester/Tiny-GGUF");
const QString kCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QString kFile = QStringLiteral("Tiny-Q8_0.gguf");

QString sha256(const QByteArray& b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

struct Outcome {
    std::optional<HubRepoFiles> files;
    HubError error;
};

// Runs one lookup to its end (listed or failed).
Outcome lookup(const QString& repo, const QString& revision = {}, const QUrl& endpoint = {})
{
    HubClient client;
    if (!endpoint.isEmpty())
        client.setEndpoint(endpoint);
    QSignalSpy listed(&client, &HubClient::listed), failed(&client, &HubClient::failed);
    client.lookup(repo, revision);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(!listed.isEmpty() || !failed.isEmpty(), 20000); }();
    Outcome o;
    if (!listed.isEmpty())
        o.files = listed[0][0].value<HubRepoFiles>();
    if (!failed.isEmpty())
        o.error = failed[0][0].value<HubError>();
    return o;
}

} // namespace

class TestLibraryHub : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    QByteArray model_;
    std::unique_ptr<HubTestServer> hub_;
    std::unique_ptr<ModelLibrary> lib_;
    QString folder_;

    // The pasted link, resolved and listed: the request for its file.
    DownloadRequest requestFor(const QString& link)
    {
        QString why;
        const auto ref = parseHubLink(link, hubEndpoint(), &why);
        if (!ref)
            qFatal("%s", qPrintable(why));
        const Outcome o = lookup(ref->repo, ref->revision);
        if (!o.files)
            qFatal("%s", qPrintable(o.error.message));
        for (const HubFile& f : o.files->files)
            if (f.path == ref->path)
                return hubDownloadRequest(hubEndpoint(), o.files->repo, o.files->commit, f);
        qFatal("no %s", qPrintable(ref->path));
    }
    static bool run(Download& d)
    {
        QSignalSpy done(&d, &Download::finished), failed(&d, &Download::failed);
        d.start();
        if (d.state() == Download::State::Running)
            [&] { QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() || !failed.isEmpty(), 20000); }();
        return !done.isEmpty();
    }
    bool nothingRegistered(const QString& name = kFile) const
    {
        return lib_->models().isEmpty() && !QFileInfo::exists(folder_ + "/" + name);
    }
    QString fileLink() const { return hub_->endpoint() + "/" + kRepo + "/blob/main/" + kFile + "?download=true"; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        const QString path = tmp_.filePath(QStringLiteral("src.gguf"));
        vela::test::writeModel(vela::test::downloadableSpec(), path.toStdString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        model_ = f.readAll();
        QVERIFY(model_.size() > 200 * 1024);
    }
    void init()
    {
        hub_ = std::make_unique<HubTestServer>();
        hub_->addRepo(kRepo, kCommit,
                      {{"README.md", "# Tiny"},
                       {kFile, model_},
                       {"split/Tiny-Q4_K_M-00001-of-00002.gguf", QByteArray(300, 'a')},
                       {"split/Tiny-Q4_K_M-00002-of-00002.gguf", QByteArray(200, 'b')},
                       {"tiny-iq4_xs.gguf", QByteArray(10, 'c')}});
        qputenv(kHubEndpointVariable, hub_->endpoint().toLatin1());
        static int n = 0;
        folder_ = tmp_.filePath(QStringLiteral("lib%1").arg(++n));
        lib_ = std::make_unique<ModelLibrary>(folder_);
    }
    void cleanup() { qunsetenv(kHubEndpointVariable); }

    void listsRepo()
    {
        hub_->setTreePageSize(2); // 6 entries (a directory too): three pages
        const Outcome o = lookup(kRepo);
        QVERIFY2(o.files, qPrintable(o.error.message));
        QCOMPARE(o.files->repo, kRepo);
        QCOMPARE(o.files->commit, kCommit);
        QCOMPARE(o.files->files.size(), 5); // the directory is not a file
        QCOMPARE(hub_->targets()[0], "/api/models/" + kRepo.toLatin1() + "/revision/main");
        QCOMPARE(hub_->targets()[1], "/api/models/" + kRepo.toLatin1() + "/tree/" + kCommit.toLatin1() + "?recursive=true");
        QCOMPARE(hub_->targets().size(), 4);
        QVERIFY(hub_->targets()[3].endsWith("cursor=4"));
        for (const HubFile& f : o.files->files)
            if (f.path == kFile) {
                QCOMPARE(f.size, qint64(model_.size()));
                QCOMPARE(f.sha256, sha256(model_));
            }

        const QList<HubGgufModel> models = ggufModels(o.files->files);
        QCOMPARE(models.size(), 3); // by path, as the Hub sorts: upper case first
        QCOMPARE(models[0].files[0].path, kFile);
        QCOMPARE(models[0].quantization, QStringLiteral("Q8_0"));
        QCOMPARE(models[1].files[0].path, QStringLiteral("split/Tiny-Q4_K_M-00001-of-00002.gguf"));
        QCOMPARE(models[1].parts(), 2);
        QCOMPARE(models[1].size, qint64(500));
        QCOMPARE(models[1].quantization, QStringLiteral("Q4_K_M"));
        QCOMPARE(models[2].quantization, QStringLiteral("IQ4_XS"));
    }

    void revisionByCommit()
    {
        const Outcome o = lookup(kRepo, kCommit);
        QVERIFY2(o.files, qPrintable(o.error.message));
        QCOMPARE(o.files->commit, kCommit);
        const Outcome missing = lookup(kRepo, QStringLiteral("no-such-branch"));
        QCOMPARE(missing.error.kind, HubError::Kind::NotFound);
        QVERIFY(missing.error.message.contains("not found"));
        QCOMPARE(lookup(QStringLiteral("tester/Missing")).error.kind, HubError::Kind::NotFound);
    }

    void apiErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("words");
        QTest::newRow("401") << 401 << QByteArray() << int(HubError::Kind::Unauthorized) << qint64(-1) << "login";
        QTest::newRow("403") << 403 << QByteArray() << int(HubError::Kind::Forbidden) << qint64(-1) << "gated";
        QTest::newRow("404") << 404 << QByteArray() << int(HubError::Kind::NotFound) << qint64(-1) << "not found";
        QTest::newRow("429 s") << 429 << QByteArray("30") << int(HubError::Kind::RateLimited) << qint64(30)
                               << "try again in 30 s";
        QTest::newRow("429 min") << 429 << QByteArray("600") << int(HubError::Kind::RateLimited) << qint64(600)
                                 << "try again in 10 min";
        QTest::newRow("429 past date") << 429 << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT")
                                       << int(HubError::Kind::RateLimited) << qint64(0) << "try again in 0 s";
        QTest::newRow("429 none") << 429 << QByteArray() << int(HubError::Kind::RateLimited) << qint64(-1)
                                  << "a few minutes";
        QTest::newRow("503") << 503 << QByteArray() << int(HubError::Kind::Server) << qint64(-1) << "server error";
    }
    void apiErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, retryAfter);
        hub_->failApi(status, retryAfter);
        const Outcome o = lookup(kRepo);
        QVERIFY(!o.files);
        QTEST(int(o.error.kind), "kind");
        QCOMPARE(o.error.httpStatus, status);
        QTEST(o.error.retryAfterSeconds, "seconds");
        QFETCH(QString, words);
        QVERIFY2(o.error.message.contains(words), qPrintable(o.error.message));
    }

    void retryAfterDate()
    {
        const QDateTime in90 = QDateTime::currentDateTimeUtc().addSecs(90);
        const qint64 s = parseRetryAfter(QLocale::c().toString(in90, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1());
        QVERIFY2(s >= 85 && s <= 90, qPrintable(QString::number(s)));
        QCOMPARE(parseRetryAfter("soon"), qint64(-1));
    }

    void badResponses_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not JSON") << QByteArray("<html>oops</html>");
        QTest::newRow("array for revision") << QByteArray("[]");
        QTest::newRow("no sha") << QByteArray(R"({"id":"x"})");
        QTest::newRow("short sha") << QByteArray(R"({"sha":"abc"})");
        // A valid revision, then the same object where the tree's array belongs.
        QTest::newRow("object for tree") << QByteArray(R"({"sha":"0123456789abcdef0123456789abcdef01234567"})");
    }
    void badResponses()
    {
        QFETCH(QByteArray, body);
        hub_->setApiBody(body);
        const Outcome o = lookup(kRepo);
        QVERIFY(!o.files);
        QCOMPARE(o.error.kind, HubError::Kind::BadResponse);
        QVERIFY(o.error.message.contains(kRepo));
    }

    void refusals()
    {
        QCOMPARE(lookup(QStringLiteral("not a repo")).error.kind, HubError::Kind::Refused);
        QCOMPARE(lookup(QStringLiteral("a/b/c")).error.kind, HubError::Kind::Refused);
        const Outcome plain = lookup(kRepo, {}, QUrl(QStringLiteral("http://example.com")));
        QCOMPARE(plain.error.kind, HubError::Kind::Refused);
        QVERIFY(plain.error.message.contains("https"));
        qputenv(kHubEndpointVariable, "http://example.com");
        const Outcome env = lookup(kRepo);
        QCOMPARE(env.error.kind, HubError::Kind::Refused);
        QVERIFY(env.error.message.contains(kHubEndpointVariable));
        QVERIFY(hub_->targets().isEmpty()); // nothing was asked
    }

    void pastedLinkDownloaded()
    {
        const DownloadRequest r = requestFor(fileLink());
        QCOMPARE(r.url.toString(), hub_->endpoint() + "/" + kRepo + "/resolve/" + kCommit + "/" + kFile);
        QCOMPARE(r.repo, kRepo);
        QCOMPARE(r.revision, kCommit); // the commit main named, not "main"
        QCOMPARE(r.sha256, sha256(model_));
        Download d(lib_.get(), r);
        QVERIFY2(run(d), qPrintable(d.errorString()));
        QCOMPARE(d.modelPath(), folder_ + "/" + kFile);
        QVERIFY(lib_->find(kFile));
        QVERIFY(lib_->find(kFile)->valid);
        // The library's index does not store repo/commit yet: the request does.
        QCOMPARE(d.request().repo, kRepo);
        QCOMPARE(d.request().revision, kCommit);
    }

    void wrongLfsOid()
    {
        hub_->setListedSha256(kRepo, kFile, QByteArray(64, 'e'));
        Download d(lib_.get(), requestFor(fileLink()));
        QVERIFY(!run(d));
        QVERIFY2(d.errorString().contains("checksum mismatch"), qPrintable(d.errorString()));
        QVERIFY(nothingRegistered());
        QVERIFY(!QFileInfo::exists(d.partPath()));
    }

    void sizeDiffersFromListing()
    {
        hub_->setServedBytes(kRepo, kFile, model_ + "more");
        Download d(lib_.get(), requestFor(fileLink()));
        QVERIFY(!run(d));
        QVERIFY2(d.errorString().contains("were expected"), qPrintable(d.errorString()));
        QVERIFY(nothingRegistered());
        QVERIFY(!QFileInfo::exists(d.partPath()));
    }

    void sizeChangesMidDownload()
    {
        const DownloadRequest r = requestFor(fileLink());
        hub_->cutNextAfter(model_.size() / 2);
        Download first(lib_.get(), r);
        QVERIFY(!run(first));
        QVERIFY(QFileInfo::exists(first.partPath())); // resumable so far
        // The file is replaced on the server: the resumed range's
        // Content-Range total is no longer the listed size.
        hub_->setServedBytes(kRepo, kFile, model_ + model_.left(1000));
        Download second(lib_.get(), r);
        QVERIFY(!run(second));
        QCOMPARE(hub_->ranges().last(), "bytes=" + QByteArray::number(model_.size() / 2) + "-");
        QVERIFY2(second.errorString().contains(QString::number(model_.size() + 1000)), qPrintable(second.errorString()));
        QVERIFY(nothingRegistered());
        QVERIFY(!QFileInfo::exists(second.partPath()));
    }

    void resumeAfterInterruption()
    {
        const DownloadRequest r = requestFor(fileLink());
        hub_->cutNextAfter(model_.size() / 3);
        {
            Download first(lib_.get(), r);
            QVERIFY(!run(first));
            QVERIFY(first.errorString().contains("resumed"));
            QCOMPARE(QFileInfo(first.partPath()).size(), qint64(model_.size() / 3));
            QVERIFY(nothingRegistered());
        }
        Download again(lib_.get(), r); // as after a restart
        QVERIFY2(run(again), qPrintable(again.errorString()));
        QCOMPARE(hub_->ranges().last(), "bytes=" + QByteArray::number(model_.size() / 3) + "-");
        QVERIFY(lib_->find(kFile));
    }

    void fileGone()
    {
        const DownloadRequest r = requestFor(fileLink());
        hub_->removeServed(kRepo, kFile); // listed, but resolve says 404
        Download d(lib_.get(), r);
        QVERIFY(!run(d));
        QVERIFY2(d.errorString().contains("not found") && d.errorString().contains("removed"),
                 qPrintable(d.errorString()));
        QVERIFY(nothingRegistered());
    }

    void fileErrors()
    {
        const DownloadRequest r = requestFor(fileLink());
        hub_->failFiles(401);
        Download gated(lib_.get(), r);
        QVERIFY(!run(gated));
        QVERIFY2(gated.errorString().contains("login"), qPrintable(gated.errorString()));
        hub_->failFiles(429, "120");
        Download limited(lib_.get(), r);
        QVERIFY(!run(limited));
        QVERIFY2(limited.errorString().contains("try again in 2 min"), qPrintable(limited.errorString()));
        QVERIFY(nothingRegistered());
    }
};

QTEST_GUILESS_MAIN(TestLibraryHub)
#include "tst_library_hub.moc"
