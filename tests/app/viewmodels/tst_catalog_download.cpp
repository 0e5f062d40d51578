// CatalogModel (App.catalog) downloading through its slots only, against the
// local HTTP server of tests/app/library (127.0.0.1) as HF_ENDPOINT: a
// complete download (idle → running → done, progress to 1, speed and time left
// while running, fetched from /{repo}/resolve/{commit}/{file}, the model then
// in the library with the repo and commit it came from, also after a
// restart), pause and resume with a Range request (also across a restart of
// the app), a wrong checksum, an error page then a retry, and the refusals
// (an unpinned entry, an untrusted HF_ENDPOINT). Every dataChanged goes through QAbstractItemModelTester and is
// recorded, so the tests assert what QML would have seen.
#include "catalog_model.h"
#include "http_test_server.h"
#include "hub_test_server.h"
#include "model_library_model.h"

#include "library/catalog.h"
#include "library/download_state.h"
#include "library/hub_endpoint.h"
#include "library/model_library.h"
#include "model_writer.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>
#include <memory>

using namespace vela::app;
using vela::test::HttpTestServer;
namespace lib = vela::library;

namespace {

constexpr int kRow = 1; // row 0 is an entry not pinned to a commit, never touched
const QString kFile = QStringLiteral("Tiny-Q8_0.gguf");
const QString kRepo = QStringLiteral("test-owner/Tiny-GGUF");
const QString kCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QByteArray kPath = "/test-owner/Tiny-GGUF/resolve/0123456789abcdef0123456789abcdef01234567/Tiny-Q8_0.gguf";
constexpr int kTimeoutMs = 30000;

QString sha256(const QByteArray& b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

// What the row showed at one dataChanged.
struct Snapshot {
    QString state;
    double progress = 0;
    QString speed, timeLeft, status, error;
    bool installed = false;
};

} // namespace

class TestCatalogDownload : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    QByteArray body_;
    QString folder_;
    std::unique_ptr<HttpTestServer> server_;
    std::unique_ptr<lib::ModelLibrary> library_;
    std::unique_ptr<ModelLibraryModel> libraryModel_;
    std::unique_ptr<QAbstractItemModelTester> libraryTester_;
    std::unique_ptr<CatalogModel> model_;
    std::unique_ptr<QAbstractItemModelTester> tester_;
    std::unique_ptr<QSignalSpy> downloaded_;
    QList<Snapshot> snaps_;

    // A catalog as the bundled one is written; HF_ENDPOINT (init()) points
    // its downloads at the local server.
    lib::Catalog catalog(const QString& sha) const
    {
        QJsonObject other{{"id", "other"}, {"name", "Other"}, {"kind", "base"}, {"repo", "example/Other-GGUF"},
                          {"revision", QJsonValue()}, {"file", "Other.gguf"}, {"size", QJsonValue()},
                          {"size_approx_mb", 5}, {"sha256", QJsonValue()}, {"license", "MIT"},
                          {"good_for", QJsonObject{{"en", "Nothing"}}}};
        QJsonObject tiny{{"id", "tiny"}, {"name", "Tiny (Q8_0)"}, {"kind", "chat"}, {"repo", kRepo},
                         {"revision", kCommit}, {"file", kFile}, {"size", body_.size()},
                         {"sha256", sha}, {"license", "Apache-2.0"},
                         {"good_for", QJsonObject{{"en", "Tests"}, {"es", "Pruebas"}}}};
        const QJsonObject root{{"version", 2}, {"models", QJsonArray{other, tiny}}};
        return lib::Catalog::parse(QJsonDocument(root).toJson());
    }

    // The app starting (again) on folder_: library, its list model, the catalog.
    void startApp(const QString& sha = {})
    {
        library_ = std::make_unique<lib::ModelLibrary>(folder_);
        libraryModel_ = std::make_unique<ModelLibraryModel>(*library_);
        libraryTester_ = std::make_unique<QAbstractItemModelTester>(
            libraryModel_.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model_ = std::make_unique<CatalogModel>(*library_, catalog(sha.isEmpty() ? sha256(body_) : sha));
        tester_ = std::make_unique<QAbstractItemModelTester>(model_.get(),
                                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        // As AppContext wires it.
        connect(model_.get(), &CatalogModel::downloaded, libraryModel_.get(), &ModelLibraryModel::rescan);
        downloaded_ = std::make_unique<QSignalSpy>(model_.get(), &CatalogModel::downloaded);
        connect(model_.get(), &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex& tl, const QModelIndex& br) {
                    QVERIFY(tl.isValid() && br.isValid() && tl.row() <= br.row());
                    QVERIFY(br.row() < model_->rowCount());
                    if (tl.row() <= kRow && kRow <= br.row())
                        snaps_.append(snap());
                });
    }
    void quitApp()
    {
        if (model_)
            model_->disconnect(this); // it still signals while it is destroyed
        tester_.reset();
        downloaded_.reset();
        model_.reset(); // pauses a running download
        libraryTester_.reset();
        libraryModel_.reset();
        library_.reset();
    }

    QVariant role(int r) const { return model_->index(kRow).data(r); }
    QString state() const { return role(CatalogModel::StateRole).toString(); }
    double progress() const { return role(CatalogModel::ProgressRole).toDouble(); }
    Snapshot snap() const
    {
        return {state(),
                progress(),
                role(CatalogModel::SpeedTextRole).toString(),
                role(CatalogModel::TimeLeftTextRole).toString(),
                role(CatalogModel::StatusTextRole).toString(),
                role(CatalogModel::ErrorRole).toString(),
                role(CatalogModel::InstalledRole).toBool()};
    }
    QString partPath() const { return lib::DownloadState::partPath(folder_, kFile); }
    QString statePath() const { return lib::DownloadState::statePath(folder_, kFile); }
    // A transfer of about `ms` in 50 throttled chunks (20 ms apart).
    void throttleTo(int ms) { server_->setThrottle(std::max<qint64>(1024, body_.size() * 20 / ms), 20); }

    // The states the row went through, repeats collapsed.
    QStringList states() const
    {
        QStringList out;
        for (const Snapshot& s : snaps_)
            if (out.isEmpty() || out.last() != s.state)
                out.append(s.state);
        return out;
    }
    // The library knows which repository and commit the model came from.
    void verifySourceRecorded() const
    {
        QCOMPARE(library_->models().size(), 1);
        QCOMPARE(library_->models().first().sourceRepo, kRepo);
        QCOMPARE(library_->models().first().sourceCommit, kCommit);
        const QModelIndex i = libraryModel_->index(0);
        QCOMPARE(i.data(ModelLibraryModel::SourceRepoRole).toString(), kRepo);
        QCOMPARE(i.data(ModelLibraryModel::SourceCommitRole).toString(), kCommit);
        QCOMPARE(i.data(ModelLibraryModel::SourceTextRole).toString(),
                 QStringLiteral("From test-owner/Tiny-GGUF at 0123456"));
    }
    void verifyNothingInstalled() const
    {
        QVERIFY(library_->models().isEmpty());
        QCOMPARE(libraryModel_->rowCount(), 0);
        QVERIFY(!QFileInfo::exists(library_->pathOf(kFile)));
        QVERIFY(!role(CatalogModel::InstalledRole).toBool());
        QVERIFY(downloaded_->isEmpty());
    }
    // The finished download: in the library and in its list, nothing left over.
    void verifyInstalled() const
    {
        QCOMPARE(state(), QStringLiteral("done"));
        QCOMPARE(progress(), 1.0);
        QVERIFY(role(CatalogModel::InstalledRole).toBool());
        QVERIFY2(role(CatalogModel::ErrorRole).toString().isEmpty(), qPrintable(role(CatalogModel::ErrorRole).toString()));
        QVERIFY(role(CatalogModel::SpeedTextRole).toString().isEmpty());
        QVERIFY(role(CatalogModel::TimeLeftTextRole).toString().isEmpty());
        QVERIFY(role(CatalogModel::StatusTextRole).toString().isEmpty());

        QCOMPARE(downloaded_->size(), 1);
        const QString path = downloaded_->first().at(0).toString();
        QCOMPARE(QFileInfo(path).absolutePath(), QDir(folder_).absolutePath());
        QCOMPARE(QFileInfo(path).fileName(), kFile);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll() == body_);

        QCOMPARE(library_->models().size(), 1);
        QCOMPARE(library_->models().first().fileName, kFile);
        QVERIFY2(library_->models().first().valid, qPrintable(library_->models().first().error));
        QCOMPARE(libraryModel_->rowCount(), 1);
        const int row = libraryModel_->rowOfPath(path);
        QVERIFY(row >= 0);
        QVERIFY(libraryModel_->index(row).data(ModelLibraryModel::ValidRole).toBool());
        verifySourceRecorded();
        // Every request was for the commit URL, under HF_ENDPOINT.
        QVERIFY(!server_->paths().isEmpty());
        for (const QByteArray& p : server_->paths())
            QCOMPARE(p, kPath);

        QVERIFY(!QFileInfo::exists(partPath()));
        QVERIFY(!QFileInfo::exists(statePath()));
        QVERIFY(lib::DownloadState::pending(folder_).isEmpty());
        // The other entry was never touched.
        QCOMPARE(model_->index(0).data(CatalogModel::StateRole).toString(), QStringLiteral("idle"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        const QString src = tmp_.filePath(QStringLiteral("src.gguf"));
        vela::test::writeModel(vela::test::downloadableSpec(), src.toStdString());
        QFile f(src);
        QVERIFY(f.open(QIODevice::ReadOnly));
        body_ = f.readAll();
        QVERIFY(body_.size() > 200 * 1024);
    }
    void init()
    {
        static int n = 0;
        folder_ = tmp_.filePath(QStringLiteral("lib%1").arg(++n));
        server_ = std::make_unique<HttpTestServer>(body_);
        QVERIFY(server_->port() != 0);
        qputenv(lib::kHubEndpointVariable, server_->url(QString()).toUtf8()); // "http://127.0.0.1:PORT"
        snaps_.clear();
    }
    void cleanup()
    {
        quitApp();
        server_.reset();
        qunsetenv(lib::kHubEndpointVariable);
    }

    void completeDownload()
    {
        startApp();
        QCOMPARE(model_->rowCount(), 2);
        QCOMPARE(state(), QStringLiteral("idle"));
        QVERIFY(role(CatalogModel::DownloadableRole).toBool());
        QVERIFY(role(CatalogModel::PinnedRole).toBool());
        QCOMPARE(role(CatalogModel::RevisionRole).toString(), QStringLiteral("0123456"));
        QCOMPARE(role(CatalogModel::RepoRole).toString(), kRepo);
        QCOMPARE(role(CatalogModel::KindRole).toString(), QStringLiteral("Chat"));
        QCOMPARE(model_->index(0).data(CatalogModel::KindRole).toString(), QStringLiteral("Base model"));
        QVERIFY(!model_->index(0).data(CatalogModel::PinnedRole).toBool());
        QVERIFY(model_->index(0).data(CatalogModel::DownloadableRole).toBool()); // resolved from the Hub first
        QVERIFY(model_->index(0).data(CatalogModel::RevisionRole).toString().isEmpty());
        for (const char* r : {"kind", "repo", "revision", "pinned"})
            QVERIFY2(model_->roleNames().values().contains(QByteArray(r)), r);
        QVERIFY(!role(CatalogModel::InstalledRole).toBool());
        QVERIFY(role(CatalogModel::SpeedTextRole).toString().isEmpty());
        QVERIFY(role(CatalogModel::TimeLeftTextRole).toString().isEmpty());
        QVERIFY(!QFileInfo::exists(partPath()));

        throttleTo(1500); // long enough for several progress updates
        model_->download(kRow);
        QCOMPARE(state(), QStringLiteral("running"));
        QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("done"), kTimeoutMs);
        verifyInstalled();

        QCOMPARE(states(), (QStringList{"running", "done"}));
        // Progress only rises, from 0 to 1, with speed and time left shown
        // while it runs (after the first measurement).
        double last = -1;
        bool midway = false, speedShown = false, timeLeftShown = false;
        int firstInstalled = -1, firstDone = -1;
        for (int i = 0; i < snaps_.size(); ++i) {
            const Snapshot& s = snaps_.at(i);
            if (s.installed && firstInstalled < 0)
                firstInstalled = i;
            if (s.state == QLatin1String("done") && firstDone < 0)
                firstDone = i;
            QVERIFY2(s.progress >= last, qPrintable(QStringLiteral("progress fell from %1 to %2").arg(last).arg(s.progress)));
            QVERIFY(s.progress >= 0 && s.progress <= 1);
            last = s.progress;
            if (s.state != QLatin1String("running"))
                continue;
            QVERIFY(s.status.isEmpty() && s.error.isEmpty());
            midway = midway || (s.progress > 0 && s.progress < 1);
            speedShown = speedShown || s.speed.endsWith(QLatin1String("/s"));
            timeLeftShown = timeLeftShown || s.timeLeft.contains(QLatin1String("left"));
        }
        // Installed once the verified file is adopted, just before "done"
        // (the library's change arrives while the state still says running).
        QVERIFY(firstDone > 0 && firstInstalled > 0);
        QVERIFY2(firstInstalled >= firstDone - 1,
                 qPrintable(QStringLiteral("installed at %1, done at %2").arg(firstInstalled).arg(firstDone)));
        QCOMPARE(snaps_.first().progress, 0.0);
        QCOMPARE(last, 1.0);
        QVERIFY(midway);
        QVERIFY(speedShown);
        QVERIFY(timeLeftShown);
        QCOMPARE(server_->ranges(), QList<QByteArray>{QByteArray()}); // one request, no Range
        QCOMPARE(server_->statuses(), QList<int>{200});
        QCOMPARE(server_->paths(), QList<QByteArray>{kPath});

        // The app starts again: the library read from its folder still says
        // where the model came from.
        quitApp();
        startApp();
        verifySourceRecorded();
        QVERIFY(role(CatalogModel::InstalledRole).toBool());
    }

    // An entry the catalog does not pin is looked up on the Hub first
    // ("resolving"); a server that does not answer as the Hub's API does
    // leaves it failed with the reason, nothing fetched or registered.
    void unpinnedEntryNeedsTheHub()
    {
        startApp();
        model_->download(0);
        const QModelIndex other = model_->index(0);
        QCOMPARE(other.data(CatalogModel::StateRole).toString(), QStringLiteral("resolving"));
        QVERIFY(!other.data(CatalogModel::StatusTextRole).toString().isEmpty());
        QVERIFY(other.data(CatalogModel::DownloadableRole).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(other.data(CatalogModel::StateRole).toString(), QStringLiteral("failed"), kTimeoutMs);
        QVERIFY(!other.data(CatalogModel::ErrorRole).toString().isEmpty());
        for (const QByteArray& path : server_->paths()) // only the API was asked, no file
            QVERIFY2(path.startsWith("/api/models/example/Other-GGUF/"), path.constData());
        QVERIFY(!QFileInfo::exists(lib::DownloadState::partPath(folder_, QStringLiteral("Other.gguf"))));
        QVERIFY(library_->models().isEmpty());
        QCOMPARE(state(), QStringLiteral("idle")); // the pinned row is untouched
    }

    // Resolved from the Hub (main's commit, the tree's size and SHA-256),
    // downloaded from that commit, and recorded with it; the row shows the
    // commit it was resolved to.
    void unpinnedEntryIsResolvedFromTheHub()
    {
        const QString commit = QStringLiteral("fedcba9876543210fedcba9876543210fedcba98");
        vela::test::HubTestServer hub;
        hub.addRepo(QStringLiteral("example/Other-GGUF"), commit, {{QStringLiteral("Other.gguf"), body_}});
        qputenv(lib::kHubEndpointVariable, hub.endpoint().toUtf8());
        startApp();
        model_->download(0);
        const QModelIndex other = model_->index(0);
        QCOMPARE(other.data(CatalogModel::StateRole).toString(), QStringLiteral("resolving"));
        QCOMPARE(other.data(CatalogModel::RevisionRole).toString(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(other.data(CatalogModel::StateRole).toString(), QStringLiteral("done"), kTimeoutMs);
        QCOMPARE(other.data(CatalogModel::RevisionRole).toString(), commit.left(7));
        QVERIFY(!other.data(CatalogModel::PinnedRole).toBool());
        QVERIFY(other.data(CatalogModel::InstalledRole).toBool());
        QCOMPARE(downloaded_->size(), 1);
        const auto m = library_->find(QStringLiteral("Other.gguf"));
        QVERIFY(m.has_value() && m->valid);
        QCOMPARE(m->sourceRepo, QStringLiteral("example/Other-GGUF"));
        QCOMPARE(m->sourceCommit, commit);
        QCOMPARE(hub.targets().last(), QByteArray("/example/Other-GGUF/resolve/") + commit.toLatin1() + "/Other.gguf");
        QCOMPARE(state(), QStringLiteral("idle"));
    }

    // Cancel while the Hub is asked: that lookup has no effect; asking again
    // downloads once.
    void cancelWhileResolving()
    {
        vela::test::HubTestServer hub;
        hub.addRepo(QStringLiteral("example/Other-GGUF"), kCommit, {{QStringLiteral("Other.gguf"), body_}});
        qputenv(lib::kHubEndpointVariable, hub.endpoint().toUtf8());
        startApp();
        model_->download(0);
        model_->cancel(0); // before any answer can arrive (no event loop ran)
        const QModelIndex other = model_->index(0);
        QCOMPARE(other.data(CatalogModel::StateRole).toString(), QStringLiteral("idle"));
        model_->download(0);
        QTRY_COMPARE_WITH_TIMEOUT(other.data(CatalogModel::StateRole).toString(), QStringLiteral("done"), kTimeoutMs);
        QCOMPARE(downloaded_->size(), 1);
        qsizetype fileRequests = 0;
        for (const QByteArray& t : hub.targets())
            fileRequests += t.contains("/resolve/");
        QCOMPARE(fileRequests, qsizetype(1));
    }

    void untrustedEndpointIsRefused()
    {
        qputenv(lib::kHubEndpointVariable, "http://example.org");
        startApp();
        model_->download(kRow);
        QCOMPARE(state(), QStringLiteral("failed"));
        const QString error = role(CatalogModel::ErrorRole).toString();
        QVERIFY2(error.contains(QLatin1String("HF_ENDPOINT")) && error.contains(QLatin1String("Tiny")),
                 qPrintable(error));
        QVERIFY(server_->paths().isEmpty());
        verifyNothingInstalled();
    }

    void pauseAndResume()
    {
        startApp();
        throttleTo(4000);
        model_->download(kRow);
        QTRY_VERIFY_WITH_TIMEOUT(progress() > 0.1, kTimeoutMs);
        QCOMPARE(state(), QStringLiteral("running"));
        model_->pause(kRow); // as the Pause button does, from the event loop
        QCOMPARE(state(), QStringLiteral("paused"));

        const qint64 kept = QFileInfo(partPath()).size();
        QVERIFY2(kept > 0 && kept < body_.size(), qPrintable(QString::number(kept)));
        QVERIFY(QFileInfo::exists(statePath()));
        QCOMPARE(lib::DownloadState::pending(folder_).size(), 1);
        // What is shown is what the part holds: the same as after a restart.
        const int percent = int(std::floor(100.0 * double(kept) / double(body_.size())));
        QCOMPARE(role(CatalogModel::StatusTextRole).toString(),
                 QStringLiteral("Paused — %1 % downloaded").arg(percent));
        QCOMPARE(progress(), double(kept) / double(body_.size()));
        QVERIFY(role(CatalogModel::SpeedTextRole).toString().isEmpty());
        QVERIFY(role(CatalogModel::TimeLeftTextRole).toString().isEmpty());
        QVERIFY(role(CatalogModel::ErrorRole).toString().isEmpty());
        verifyNothingInstalled();
        // Paused means no more bytes: none once the connection is closed
        // (the server sees the client's end of it), nor before.
        QTRY_COMPARE_WITH_TIMEOUT(server_->openConnections(), 0, kTimeoutMs);
        QCOMPARE(state(), QStringLiteral("paused"));
        QCOMPARE(QFileInfo(partPath()).size(), kept);

        const int before = int(snaps_.size());
        throttleTo(1000);
        model_->download(kRow); // Resume
        QCOMPARE(state(), QStringLiteral("running"));
        QVERIFY(role(CatalogModel::StatusTextRole).toString().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("done"), kTimeoutMs);
        verifyInstalled();
        QCOMPARE(states(), (QStringList{"running", "paused", "running", "done"}));
        for (int i = before; i < snaps_.size(); ++i) // resumed, not started over
            QVERIFY(snaps_.at(i).progress >= double(kept) / double(body_.size()));
        QCOMPARE(server_->ranges().size(), 2);
        QCOMPARE(server_->ranges().last(), "bytes=" + QByteArray::number(kept) + "-");
        QCOMPARE(server_->statuses().last(), 206);
    }

    void pausedDownloadSurvivesRestart()
    {
        startApp();
        throttleTo(4000);
        model_->download(kRow);
        QTRY_VERIFY_WITH_TIMEOUT(progress() > 0.1, kTimeoutMs);
        model_->pause(kRow);
        QCOMPARE(state(), QStringLiteral("paused"));
        const QString shown = role(CatalogModel::StatusTextRole).toString();
        const double shownProgress = progress();
        const qint64 kept = QFileInfo(partPath()).size();
        quitApp();

        startApp();
        QCOMPARE(state(), QStringLiteral("paused"));
        QCOMPARE(role(CatalogModel::StatusTextRole).toString(), shown); // the same as before quitting
        QCOMPARE(progress(), shownProgress);
        snaps_.clear();
        server_->setThrottle(0, 0);
        model_->download(kRow);
        QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("done"), kTimeoutMs);
        verifyInstalled();
        QCOMPARE(server_->ranges().last(), "bytes=" + QByteArray::number(kept) + "-");
        QCOMPARE(server_->statuses().last(), 206);
    }

    void runningDownloadSurvivesQuit()
    {
        startApp();
        throttleTo(4000);
        model_->download(kRow);
        QTRY_VERIFY_WITH_TIMEOUT(progress() > 0.1, kTimeoutMs);
        quitApp(); // while running: the part stays
        const qint64 kept = QFileInfo(partPath()).size();
        QVERIFY(kept > 0 && kept < body_.size());

        startApp();
        QCOMPARE(state(), QStringLiteral("paused"));
        QCOMPARE(progress(), double(kept) / double(body_.size()));
        server_->setThrottle(0, 0);
        model_->download(kRow);
        QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("done"), kTimeoutMs);
        verifyInstalled();
        QCOMPARE(server_->ranges().last(), "bytes=" + QByteArray::number(kept) + "-");
    }

    void wrongChecksum()
    {
        startApp(QString(64, QLatin1Char('0')));
        model_->download(kRow);
        QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("failed"), kTimeoutMs);
        const QString error = role(CatalogModel::ErrorRole).toString();
        QVERIFY2(error.contains(QLatin1String("checksum mismatch")) && error.contains(kFile) &&
                     error.contains(QLatin1String("deleted")),
                 qPrintable(error));
        QVERIFY(role(CatalogModel::StatusTextRole).toString().isEmpty());
        QVERIFY(role(CatalogModel::SpeedTextRole).toString().isEmpty());
        QCOMPARE(states(), (QStringList{"running", "failed"}));
        QVERIFY(!QFileInfo::exists(partPath()));
        QVERIFY(!QFileInfo::exists(statePath()));
        QVERIFY(lib::DownloadState::pending(folder_).isEmpty());
        verifyNothingInstalled();
        QCOMPARE(server_->statuses(), QList<int>{200}); // it did get every byte
    }

    void serverErrorThenRetry()
    {
        startApp();
        server_->setMode(HttpTestServer::Mode::Error500);
        model_->download(kRow);
        QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("failed"), kTimeoutMs);
        const QString error = role(CatalogModel::ErrorRole).toString();
        QVERIFY2(error.contains(QLatin1String("500")) && error.contains(kFile), qPrintable(error));
        QVERIFY(!error.contains(QLatin1String("Something broke"))); // not the page's body
        QCOMPARE(QFileInfo(partPath()).size(), 0); // the error page was not written
        verifyNothingInstalled();

        server_->setMode(HttpTestServer::Mode::Normal);
        model_->download(kRow); // Retry
        QCOMPARE(state(), QStringLiteral("running"));
        QVERIFY(role(CatalogModel::ErrorRole).toString().isEmpty()); // the old error is gone
        QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("done"), kTimeoutMs);
        verifyInstalled();
        QCOMPARE(states(), (QStringList{"running", "failed", "running", "done"}));
        QCOMPARE(server_->statuses(), (QList<int>{500, 200}));
        QCOMPARE(server_->ranges().last(), QByteArray()); // nothing kept to resume from
    }
};

QTEST_GUILESS_MAIN(TestCatalogDownload)
#include "tst_catalog_download.moc"
