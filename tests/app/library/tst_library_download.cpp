// Downloads against a local HTTP server (127.0.0.1): complete, interrupted
// and resumed (also by a new Download after a "restart"), paused and resumed,
// 200 instead of 206, a wrong checksum, an error page, a full disk.
#include "http_test_server.h"

#include "library/download.h"
#include "library/model_library.h"

#include "model_writer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace vela::library;
using vela::test::HttpTestServer;

namespace {

QByteArray modelBytes(QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("src.gguf"));
    vela::test::writeModel(vela::test::downloadableSpec(), path.toStdString());
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

QString sha256(const QByteArray& b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestDownload : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    QByteArray body_;
    std::unique_ptr<HttpTestServer> server_;
    std::unique_ptr<ModelLibrary> lib_;
    QString folder_;

    DownloadRequest request(const QString& sha = {}) const
    {
        DownloadRequest r;
        r.url = QUrl(server_->url());
        r.fileName = QStringLiteral("m.gguf");
        r.sha256 = sha.isEmpty() ? sha256(body_) : sha;
        r.expectedSize = body_.size();
        r.catalogId = QStringLiteral("test");
        return r;
    }
    // Runs until finished or failed; true when it finished.
    static bool run(Download& d)
    {
        QSignalSpy done(&d, &Download::finished), failed(&d, &Download::failed);
        d.start();
        if (d.state() == Download::State::Running)
            [&] { QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() || !failed.isEmpty(), 20000); }();
        return !done.isEmpty();
    }
    bool nothingRegistered() const { return lib_->models().isEmpty() && !QFileInfo::exists(folder_ + "/m.gguf"); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        body_ = modelBytes(tmp_);
        QVERIFY(body_.size() > 200 * 1024);
    }
    void init()
    {
        static int n = 0;
        folder_ = tmp_.filePath(QStringLiteral("lib%1").arg(++n));
        lib_ = std::make_unique<ModelLibrary>(folder_);
        server_ = std::make_unique<HttpTestServer>(body_);
        QVERIFY(server_->port() != 0);
    }

    void complete()
    {
        Download d(lib_.get(), request());
        QSignalSpy progress(&d, &Download::progress);
        QVERIFY2(run(d), qPrintable(d.errorString()));
        QCOMPARE(d.state(), Download::State::Done);
        QCOMPARE(d.modelPath(), folder_ + "/m.gguf");
        QCOMPARE(lib_->models().size(), 1);
        QVERIFY(lib_->models()[0].valid);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), body_.size());
        QCOMPARE(progress.last().at(1).toLongLong(), body_.size());
        QVERIFY(!QFileInfo::exists(d.partPath()));
        QVERIFY(!QFileInfo::exists(d.partPath() + ".json"));
        QCOMPARE(server_->ranges(), QList<QByteArray>{QByteArray()});
        QCOMPARE(server_->paths(), QList<QByteArray>{"/model.gguf"});
        QVERIFY(lib_->models()[0].sourceRepo.isEmpty()); // not from the Hub
    }

    void interruptedThenResumedAfterRestart()
    {
        const qint64 cut = body_.size() / 3;
        server_->cutNextAfter(cut);
        {
            DownloadRequest r = request();
            r.repo = QStringLiteral("Owner/Name-GGUF");
            r.revision = QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590a");
            Download d(lib_.get(), r);
            QVERIFY(!run(d));
            QCOMPARE(d.state(), Download::State::Failed);
            QVERIFY2(d.errorString().contains("resumed"), qPrintable(d.errorString()));
            QCOMPARE(QFileInfo(d.partPath()).size(), cut);
            QVERIFY(nothingRegistered());
        } // the app quits
        const QList<DownloadState> pending = DownloadState::pending(folder_);
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending[0].request.sha256, sha256(body_));
        QCOMPARE(pending[0].etag, QStringLiteral("\"v1\""));
        // Where it comes from survives the restart, for the library to record.
        QCOMPARE(pending[0].request.repo, QStringLiteral("Owner/Name-GGUF"));
        QCOMPARE(pending[0].request.revision, QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590a"));
        Download again(lib_.get(), pending[0].request);
        QVERIFY2(run(again), qPrintable(again.errorString()));
        QCOMPARE(server_->ranges().last(), "bytes=" + QByteArray::number(cut) + "-");
        QCOMPARE(server_->statuses().last(), 206);
        QCOMPARE(lib_->models().size(), 1);
        QFile f(again.modelPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), body_);
        f.close();
        // The library records where it came from, in its index: a library
        // read again from the folder still knows.
        QCOMPARE(lib_->models()[0].sourceRepo, QStringLiteral("Owner/Name-GGUF"));
        QCOMPARE(lib_->models()[0].sourceCommit, QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590a"));
        lib_.reset();
        lib_ = std::make_unique<ModelLibrary>(folder_);
        QCOMPARE(lib_->models().size(), 1);
        QCOMPARE(lib_->models()[0].sourceRepo, QStringLiteral("Owner/Name-GGUF"));
        QCOMPARE(lib_->models()[0].sourceCommit, QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590a"));
        // Other bytes under the same name are not what was downloaded: the
        // re-read entry has no source.
        QVERIFY(f.open(QIODevice::Append));
        f.write(QByteArray(16, '\0'));
        f.close();
        lib_->scan();
        QCOMPARE(lib_->models().size(), 1);
        QVERIFY(lib_->models()[0].sourceRepo.isEmpty());
        QVERIFY(lib_->models()[0].sourceCommit.isEmpty());
    }

    void pauseAndResume()
    {
        server_->setThrottle(16 * 1024, 5);
        Download d(lib_.get(), request());
        bool pausedOnce = false;
        connect(&d, &Download::progress, &d, [&](qint64 received) {
            if (received > 32 * 1024 && !pausedOnce) {
                pausedOnce = true;
                d.pause();
            }
        });
        d.start();
        QTRY_COMPARE_WITH_TIMEOUT(d.state(), Download::State::Paused, 20000);
        const qint64 kept = QFileInfo(d.partPath()).size();
        QVERIFY(kept > 0 && kept < body_.size());
        QVERIFY(nothingRegistered());
        server_->setThrottle(0, 0);
        QVERIFY2(run(d), qPrintable(d.errorString()));
        QCOMPARE(server_->ranges().last(), "bytes=" + QByteArray::number(kept) + "-");
        QCOMPARE(lib_->models().size(), 1);
    }

    void serverIgnoresRangeRestartsCleanly()
    {
        server_->cutNextAfter(body_.size() / 2);
        Download d(lib_.get(), request());
        QVERIFY(!run(d));
        server_->setMode(HttpTestServer::Mode::IgnoreRange);
        QVERIFY2(run(d), qPrintable(d.errorString()));
        QVERIFY(!server_->ranges().last().isEmpty()); // it asked for a range…
        QCOMPARE(server_->statuses().last(), 200);    // …got the whole file, and started over
        QFile f(d.modelPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), body_);
    }

    void wrongRangeStartsOver()
    {
        server_->cutNextAfter(body_.size() / 2);
        Download d(lib_.get(), request());
        QVERIFY(!run(d));
        server_->setMode(HttpTestServer::Mode::WrongRange);
        QVERIFY2(run(d), qPrintable(d.errorString()));
        QCOMPARE(server_->ranges().last(), QByteArray()); // the retry asked for everything
    }

    void alreadyCompletePartGets416()
    {
        server_->cutNextAfter(body_.size() - 1);
        Download d(lib_.get(), request());
        QVERIFY(!run(d));
        QFile part(d.partPath()); // the last byte arrives by other means
        QVERIFY(part.open(QIODevice::Append));
        part.write(body_.right(1));
        part.close();
        QVERIFY2(run(d), qPrintable(d.errorString()));
        QCOMPARE(server_->statuses().last(), 416);
        QCOMPARE(lib_->models().size(), 1);
    }

    void wrongChecksumDeletesThePart()
    {
        Download d(lib_.get(), request(QString(64, QLatin1Char('0'))));
        QVERIFY(!run(d));
        QVERIFY2(d.errorString().contains("checksum mismatch") && d.errorString().contains("deleted"),
                 qPrintable(d.errorString()));
        QVERIFY(!QFileInfo::exists(d.partPath()));
        QVERIFY(DownloadState::pending(folder_).isEmpty());
        QVERIFY(nothingRegistered());
    }

    void wrongBodyIsCaughtByTheHash()
    {
        QByteArray evil = body_;
        evil[evil.size() / 2] = char(evil[evil.size() / 2] ^ 1);
        server_->setBody(evil);
        Download d(lib_.get(), request());
        QVERIFY(!run(d));
        QVERIFY(d.errorString().contains("checksum mismatch"));
        QVERIFY(nothingRegistered());
    }

    void serverErrorPage()
    {
        server_->setMode(HttpTestServer::Mode::Error500);
        Download d(lib_.get(), request());
        QVERIFY(!run(d));
        QVERIFY2(d.errorString().contains("500"), qPrintable(d.errorString()));
        QCOMPARE(QFileInfo(d.partPath()).size(), 0); // the error page was not written
        QVERIFY(nothingRegistered());
    }

    void refusesWithoutChecksumOrOverPlainHttp()
    {
        DownloadRequest r = request();
        r.sha256.clear();
        Download noHash(lib_.get(), r);
        QVERIFY(!run(noHash));
        QVERIFY(noHash.errorString().contains("SHA-256"));
        r = request();
        r.url = QUrl(QStringLiteral("http://example.com/m.gguf"));
        Download plain(lib_.get(), r);
        QVERIFY(!run(plain));
        QVERIFY(plain.errorString().contains("https"));
        QVERIFY(server_->ranges().isEmpty()); // no request was made
    }

    void notEnoughSpaceIsRefusedUpFront()
    {
        DownloadRequest r = request();
        r.expectedSize = qint64(1) << 60; // more than any disk
        Download d(lib_.get(), r);
        QVERIFY(!run(d));
        QVERIFY2(d.errorString().contains("not enough disk space"), qPrintable(d.errorString()));
        QVERIFY(server_->ranges().isEmpty());
    }

    void diskFullWhileWriting()
    {
        // A quota directory would need mount privileges; /dev/full fails
        // every write with ENOSPC, the error a full disk gives.
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("/dev/full is not available on this system");
        Download d(lib_.get(), request());
        QDir().mkpath(QFileInfo(d.partPath()).absolutePath());
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), d.partPath()));
        QVERIFY(!run(d));
        QVERIFY2(d.errorString().contains("No space left on device"), qPrintable(d.errorString()));
        QVERIFY(nothingRegistered());
    }

    void cancelRemovesEverything()
    {
        server_->setThrottle(16 * 1024, 5);
        Download d(lib_.get(), request());
        d.start();
        QTRY_VERIFY_WITH_TIMEOUT(d.received() > 0, 20000);
        d.cancel();
        QCOMPARE(d.state(), Download::State::Cancelled);
        QVERIFY(!QFileInfo::exists(d.partPath()));
        QVERIFY(DownloadState::pending(folder_).isEmpty());
        QVERIFY(nothingRegistered());
    }
};

QTEST_GUILESS_MAIN(TestDownload)
#include "tst_library_download.moc"
