// CatalogResolution against the local Hub stand-in (HF_ENDPOINT-style
// endpoint): a catalog entry the catalog does not fully pin is completed
// from the Hub's revision and tree, and whatever the catalog does pin must
// agree with the Hub; then the download of the resolved request registers
// the model with the commit it resolved.
#include "hub_test_server.h"

#include "library/catalog.h"
#include "library/catalog_resolution.h"
#include "library/download.h"
#include "library/model_library.h"
#include "model_writer.h"

#include <QFile>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela::library;
using vela::test::HubTestServer;

namespace {

constexpr int kTimeoutMs = 30000;
const QString kRepo = QStringLiteral("Owner/Model-GGUF");
const QString kCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QString kFile = QStringLiteral("Model-Q8_0.gguf");

QString sha256(const QByteArray& b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

// A schema-2 entry for kRepo/kFile; null where `v` is null.
CatalogEntry entry(const QJsonValue& revision, const QJsonValue& size, const QJsonValue& sha)
{
    const QJsonObject o{{"id", "m"},           {"name", "Model"},      {"kind", "chat"},
                        {"repo", kRepo},       {"revision", revision}, {"file", kFile},
                        {"size", size},        {"sha256", sha},        {"size_approx_mb", 1},
                        {"license", "MIT"},    {"good_for", QJsonObject{{"en", "Tests"}, {"es", "Pruebas"}}}};
    const QJsonObject root{{"version", Catalog::kVersion}, {"models", QJsonArray{o}}};
    return Catalog::parse(QJsonDocument(root).toJson()).entries().front();
}

} // namespace

class TestCatalogResolution : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QByteArray body_; // a small real model, so that the library registers it
    std::unique_ptr<HubTestServer> hub_;

    struct Outcome {
        bool ok = false;
        DownloadRequest request;
        QString error;
    };
    Outcome resolve(const CatalogEntry& e)
    {
        CatalogResolution r(e, QUrl(hub_->endpoint()));
        Outcome out;
        QSignalSpy done(&r, &CatalogResolution::resolved), failed(&r, &CatalogResolution::failed);
        connect(&r, &CatalogResolution::resolved, this, [&](const DownloadRequest& q) { out.request = q; });
        r.start();
        // Never inside start(): a caller connects after constructing, as the UI does.
        [&] { QCOMPARE(done.size() + failed.size(), 0); }();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done.size() + failed.size() > 0, kTimeoutMs); }();
        out.ok = !done.isEmpty();
        if (!failed.isEmpty())
            out.error = failed.first().first().toString();
        return out;
    }

private slots:
    void initTestCase()
    {
        const QString path = tmp_.filePath(QStringLiteral("model.gguf"));
        vela::test::writeModel(vela::test::downloadableSpec(), path.toStdString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        body_ = f.readAll();
    }

    void init()
    {
        hub_ = std::make_unique<HubTestServer>();
        hub_->addRepo(kRepo, kCommit, {{kFile, body_}, {QStringLiteral("README.md"), "# readme"}});
    }

    // Nothing pinned (Qwen2.5-3B's entry): main's commit, the tree's size and hash.
    void unpinnedFromMain()
    {
        const Outcome o = resolve(entry(QJsonValue(), QJsonValue(), QJsonValue()));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.request.revision, kCommit);
        QCOMPARE(o.request.repo, kRepo);
        QCOMPARE(o.request.sha256, sha256(body_));
        QCOMPARE(o.request.expectedSize, qint64(body_.size()));
        QCOMPARE(o.request.catalogId, QStringLiteral("m"));
        QCOMPARE(o.request.url.toString(), hub_->endpoint() + "/" + kRepo + "/resolve/" + kCommit + "/" + kFile);
        QVERIFY(hub_->targets().first().contains("/revision/main"));
    }

    // A pinned revision and hash without a size (the embedding entry): that
    // commit's tree gives the size, and its hash must be the pinned one.
    void sizeFromThePinnedCommit()
    {
        const Outcome o = resolve(entry(kCommit, QJsonValue(), sha256(body_)));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.request.expectedSize, qint64(body_.size()));
        QVERIFY(hub_->targets().first().contains("/revision/" + kCommit.toLatin1()));
    }

    void disagreementIsRefused()
    {
        Outcome o = resolve(entry(kCommit, QJsonValue(), sha256("something else")));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QLatin1String("SHA-256 differs")), qPrintable(o.error));
        o = resolve(entry(QJsonValue(), 12345, QJsonValue()));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QLatin1String("size differs")), qPrintable(o.error));
    }

    void missingFileAndHubErrors()
    {
        hub_ = std::make_unique<HubTestServer>();
        hub_->addRepo(kRepo, kCommit, {{QStringLiteral("Other.gguf"), body_}});
        Outcome o = resolve(entry(QJsonValue(), QJsonValue(), QJsonValue()));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(kFile) && o.error.contains(kCommit.left(7)), qPrintable(o.error));
        hub_->failApi(429, "120");
        o = resolve(entry(QJsonValue(), QJsonValue(), QJsonValue()));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QLatin1String("2 min")) || o.error.contains(QLatin1String("120")),
                 qPrintable(o.error));
    }

    // A fully pinned entry needs no lookup.
    void pinnedAsItIs()
    {
        const Outcome o = resolve(entry(kCommit, body_.size(), sha256(body_)));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.request.revision, kCommit);
        QVERIFY(hub_->targets().isEmpty());
    }

    // The resolved request downloads and registers with its commit.
    void resolvedThenDownloaded()
    {
        QTemporaryDir dir;
        ModelLibrary library(dir.path());
        const Outcome o = resolve(entry(QJsonValue(), QJsonValue(), QJsonValue()));
        QVERIFY2(o.ok, qPrintable(o.error));
        Download d(&library, o.request);
        QSignalSpy finished(&d, &Download::finished), failed(&d, &Download::failed);
        d.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() > 0, kTimeoutMs);
        QVERIFY2(failed.isEmpty(), qPrintable(d.errorString()));
        QVERIFY(hub_->targets().last().contains("/resolve/" + kCommit.toLatin1() + "/" + kFile.toLatin1()));
        const auto model = library.find(kFile);
        QVERIFY(model.has_value());
        QVERIFY(model->valid);
        QCOMPARE(model->sourceRepo, kRepo);
        QCOMPARE(model->sourceCommit, kCommit);
    }
};

QTEST_GUILESS_MAIN(TestCatalogResolution)
#include "tst_library_catalog_resolution.moc"
