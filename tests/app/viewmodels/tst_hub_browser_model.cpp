// HubBrowserModel (App.hub) through its slots only, against the local Hub
// stand-in (tests/app/library/hub_test_server.h) as HF_ENDPOINT: a pasted
// link listed (quantization, size text, the named row, a split set refused
// with its reason), fit texts filled in from the files' headers (a real
// GGUF written by model_writer; a file that is not one shows the probe's
// error), the same fit text as the library shows once downloaded, a row
// downloaded and registered with its repo and commit, 404 / 401 / 429 and a
// bad link as the translated error, pause / resume (also across a new
// lookup of the same commit) and cancel, and a second lookUp replacing the one
// in flight. Every signal goes through QAbstractItemModelTester.
#include "hub_browser_model.h"
#include "hub_test_server.h"
#include "model_library_model.h"

#include "library/download_state.h"
#include "library/hub_endpoint.h"
#include "library/hub_error.h"
#include "library/model_library.h"
#include "model_writer.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <memory>

using namespace vela::app;
using vela::test::HubTestServer;
namespace lib = vela::library;

namespace {

const QString kRepo = QStringLiteral("tester/Tiny-GGUF");
const QString kOther = QStringLiteral("tester/Other-GGUF");
const QString kCommit = QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590a");
const QString kOtherCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QString kFile = QStringLiteral("Tiny-Q8_0.gguf");
const QString kBroken = QStringLiteral("Broken-Q4_0.gguf");
const QString kSplit1 = QStringLiteral("split/Tiny-Q4_K_M-00001-of-00002.gguf");
const QString kSplit2 = QStringLiteral("split/Tiny-Q4_K_M-00002-of-00002.gguf");
constexpr int kTimeoutMs = 30000;

lib::MemoryBudget budget(uint64_t bytes)
{
    lib::MemoryBudget b;
    b.id = "cpu";
    b.name = "Test CPU";
    b.kind = lib::DeviceKind::Cpu;
    b.budgetBytes = bytes;
    b.isDefault = true;
    return b;
}

} // namespace

class TestHubBrowserModel : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QByteArray model_;
    std::unique_ptr<HubTestServer> hub_;
    std::unique_ptr<lib::ModelLibrary> library_;
    std::unique_ptr<HubBrowserModel> model_list_;
    std::unique_ptr<QAbstractItemModelTester> tester_;

    HubBrowserModel& m() { return *model_list_; }
    int rowOf(const QString& name)
    {
        for (int i = 0; i < m().rowCount(); ++i)
            if (m().index(i).data(HubBrowserModel::NameRole).toString() == name)
                return i;
        return -1;
    }
    QVariant role(int row, int r) { return m().index(row).data(r); }
    // Every header read (a held file response must go to a download, not a probe).
    bool probed()
    {
        for (int i = 0; i < m().rowCount(); ++i)
            if (role(i, HubBrowserModel::FitTextRole).toString() == QStringLiteral("Checking…"))
                return false;
        return true;
    }
    // Runs lookUp to its end; true when it listed.
    bool lookUp(const QString& text)
    {
        QSignalSpy busy(&m(), &HubBrowserModel::busyChanged);
        m().lookUp(text);
        if (!m().busy())
            return false; // refused at once
        if (!busy.wait(kTimeoutMs))
            return false;
        return !m().busy() && m().error().isEmpty();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        const QString path = tmp_.filePath(QStringLiteral("src.gguf"));
        vela::test::ModelSpec spec = vela::test::downloadableSpec();
        spec.matrixType = vela::gguf::TensorType::Q8_0;
        vela::test::writeModel(spec, path.toStdString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        model_ = f.readAll();
    }
    void init()
    {
        hub_ = std::make_unique<HubTestServer>();
        hub_->addRepo(kRepo, kCommit,
                      {{QStringLiteral("README.md"), "# Tiny"},
                       {kFile, model_},
                       {kBroken, QByteArray(4096, 'x')},
                       {kSplit1, QByteArray(300, 'a')},
                       {kSplit2, QByteArray(200, 'b')}});
        hub_->addRepo(kOther, kOtherCommit, {{QStringLiteral("Other-Q6_K.gguf"), model_}});
        qputenv(lib::kHubEndpointVariable, hub_->endpoint().toLatin1());
        static int n = 0;
        library_ = std::make_unique<lib::ModelLibrary>(tmp_.filePath(QStringLiteral("lib%1").arg(++n)));
        model_list_ = std::make_unique<HubBrowserModel>(*library_);
        tester_ = std::make_unique<QAbstractItemModelTester>(model_list_.get(),
                                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        m().setBudget(budget(uint64_t(64) << 30));
    }
    void cleanup()
    {
        tester_.reset();
        model_list_.reset();
        library_.reset();
        hub_.reset();
        qunsetenv(lib::kHubEndpointVariable);
    }

    void listsAPastedLink()
    {
        QVERIFY(m().repo().isEmpty());
        const QString link = hub_->endpoint() + QLatin1Char('/') + kRepo + QStringLiteral("/blob/main/") + kFile;
        QVERIFY2(lookUp(link), qPrintable(m().error()));
        QCOMPARE(m().repo(), kRepo);
        QCOMPARE(m().commit(), QStringLiteral("23749fe"));
        QCOMPARE(m().rowCount(), 3); // the README is no model, the split set is one
        QCOMPARE(m().property("count").toInt(), 3);

        const int tiny = rowOf(QStringLiteral("Tiny-Q8_0"));
        QVERIFY(tiny >= 0);
        QCOMPARE(role(tiny, HubBrowserModel::FileNameRole).toString(), kFile);
        QCOMPARE(role(tiny, HubBrowserModel::QuantizationRole).toString(), QStringLiteral("Q8_0"));
        QCOMPARE(role(tiny, HubBrowserModel::SizeTextRole).toString(), QLocale().formattedDataSize(model_.size(), 1));
        QCOMPARE(role(tiny, HubBrowserModel::PartsRole).toInt(), 1);
        QCOMPARE(role(tiny, HubBrowserModel::DownloadableRole).toBool(), true);
        QCOMPARE(role(tiny, HubBrowserModel::RefusalRole).toString(), QString());
        QCOMPARE(role(tiny, HubBrowserModel::NamedRole).toBool(), true);
        QCOMPARE(role(tiny, HubBrowserModel::StateRole).toString(), QStringLiteral("idle"));

        const int split = rowOf(QStringLiteral("Tiny-Q4_K_M"));
        QVERIFY(split >= 0);
        QCOMPARE(role(split, HubBrowserModel::PartsRole).toInt(), 2);
        QCOMPARE(role(split, HubBrowserModel::QuantizationRole).toString(), QStringLiteral("Q4_K_M"));
        QCOMPARE(role(split, HubBrowserModel::SizeTextRole).toString(), QLocale().formattedDataSize(500, 1));
        QCOMPARE(role(split, HubBrowserModel::DownloadableRole).toBool(), false);
        QCOMPARE(role(split, HubBrowserModel::NamedRole).toBool(), false);
        QVERIFY2(role(split, HubBrowserModel::RefusalRole).toString().contains(QStringLiteral("split into 2 files")),
                 qPrintable(role(split, HubBrowserModel::RefusalRole).toString()));
        QCOMPARE(role(split, HubBrowserModel::FitTextRole).toString(), QString()); // not probed
        // Downloading it says why not, as the row does.
        m().download(split);
        QCOMPARE(role(split, HubBrowserModel::StateRole).toString(), QStringLiteral("failed"));
        QCOMPARE(role(split, HubBrowserModel::ErrorRole).toString(), role(split, HubBrowserModel::RefusalRole).toString());
    }

    void fitTextsFromTheHeaders()
    {
        QVERIFY2(lookUp(kRepo), qPrintable(m().error()));
        const int tiny = rowOf(QStringLiteral("Tiny-Q8_0"));
        const int broken = rowOf(QStringLiteral("Broken-Q4_0"));
        QVERIFY(tiny >= 0 && broken >= 0);
        // Until its header is read a row says so; then the estimate, or why not.
        QCOMPARE(role(tiny, HubBrowserModel::FitTextRole).toString(), QStringLiteral("Checking…"));
        QCOMPARE(role(tiny, HubBrowserModel::FitVerdictRole).toString(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(role(tiny, HubBrowserModel::FitTextRole).toString(), QStringLiteral("Fits"), kTimeoutMs);
        QCOMPARE(role(tiny, HubBrowserModel::FitVerdictRole).toString(), QStringLiteral("fits"));
        QTRY_VERIFY_WITH_TIMEOUT(role(broken, HubBrowserModel::FitTextRole).toString() != QStringLiteral("Checking…"),
                                 kTimeoutMs);
        QVERIFY(!role(broken, HubBrowserModel::FitTextRole).toString().isEmpty());
        QCOMPARE(role(broken, HubBrowserModel::FitVerdictRole).toString(), QString());
        // Only headers were fetched: ranged requests for the files.
        int fileRequests = 0;
        for (int i = 0; i < hub_->targets().size(); ++i)
            if (hub_->targets()[i].contains("/resolve/")) {
                ++fileRequests;
                QVERIFY2(hub_->ranges()[i].startsWith("bytes="), hub_->targets()[i].constData());
            }
        QVERIFY(fileRequests >= 2);
        // Another device: the same header, another verdict.
        m().setBudget(budget(1024));
        QCOMPARE(role(tiny, HubBrowserModel::FitTextRole).toString(), QStringLiteral("Too large"));
        QCOMPARE(role(tiny, HubBrowserModel::FitVerdictRole).toString(), QStringLiteral("too_large"));
    }

    void downloadsAndRegistersWithTheCommit()
    {
        QVERIFY2(lookUp(kRepo + QLatin1Char('/') + kFile), qPrintable(m().error()));
        const int tiny = rowOf(QStringLiteral("Tiny-Q8_0"));
        QVERIFY(tiny >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(role(tiny, HubBrowserModel::FitTextRole).toString(), QStringLiteral("Fits"), kTimeoutMs);
        QSignalSpy downloaded(&m(), &HubBrowserModel::downloaded);
        QStringList states;
        double progressWhenDone = -1;
        connect(&m(), &QAbstractItemModel::dataChanged, this, [&](const QModelIndex& tl, const QModelIndex& br) {
            if (tl.row() <= tiny && tiny <= br.row()) {
                const QString s = role(tiny, HubBrowserModel::StateRole).toString();
                if (states.isEmpty() || states.last() != s)
                    states.append(s);
                if (s == QStringLiteral("done"))
                    progressWhenDone = role(tiny, HubBrowserModel::ProgressRole).toDouble();
            }
        });
        m().download(tiny);
        QVERIFY(downloaded.wait(kTimeoutMs) || !downloaded.isEmpty());
        QVERIFY2(states.contains(QStringLiteral("running")), qPrintable(states.join(u',')));
        QVERIFY2(states.contains(QStringLiteral("done")), qPrintable(states.join(u',')));
        QCOMPARE(progressWhenDone, 1.0);
        // Then it is a model of the library: no download shown, "installed".
        QCOMPARE(states.last(), QStringLiteral("idle"));
        QTRY_VERIFY(role(tiny, HubBrowserModel::InstalledRole).toBool());

        const std::optional<lib::ModelInfo> info = library_->find(kFile);
        QVERIFY(info.has_value());
        QCOMPARE(info->sourceRepo, kRepo);
        QCOMPARE(info->sourceCommit, kCommit);
        QCOMPARE(downloaded[0][0].toString(), info->path);
        // The library shows the same fit for the same device as the Hub row did.
        ModelLibraryModel libraryModel(*library_);
        libraryModel.setBudget(budget(uint64_t(64) << 30));
        QCOMPARE(libraryModel.rowCount(), 1);
        QCOMPARE(libraryModel.index(0).data(ModelLibraryModel::FitTextRole).toString(), QStringLiteral("Fits"));
        m().setBudget(budget(1024));
        libraryModel.setBudget(budget(1024));
        QCOMPARE(role(tiny, HubBrowserModel::FitTextRole), libraryModel.index(0).data(ModelLibraryModel::FitTextRole));
    }

    void pausesResumesAndCancels()
    {
        QVERIFY2(lookUp(kRepo), qPrintable(m().error()));
        const int tiny = rowOf(QStringLiteral("Tiny-Q8_0"));
        QVERIFY(tiny >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(probed(), kTimeoutMs);
        // Paused at once (nothing has arrived yet): the row says so.
        m().download(tiny);
        QCOMPARE(role(tiny, HubBrowserModel::StateRole).toString(), QStringLiteral("running"));
        m().pause(tiny);
        QCOMPARE(role(tiny, HubBrowserModel::StateRole).toString(), QStringLiteral("paused"));
        QCOMPARE(role(tiny, HubBrowserModel::StatusTextRole).toString(), QStringLiteral("Paused — 0 % downloaded"));
        QCOMPARE(role(tiny, HubBrowserModel::ProgressRole).toDouble(), 0.0);
        QCOMPARE(role(tiny, HubBrowserModel::SpeedTextRole).toString(), QString());
        // A new lookup of the same commit shows the same download.
        QVERIFY2(lookUp(kRepo), qPrintable(m().error()));
        const int again = rowOf(QStringLiteral("Tiny-Q8_0"));
        QCOMPARE(role(again, HubBrowserModel::StateRole).toString(), QStringLiteral("paused"));
        // Resumed and registered.
        QSignalSpy downloaded(&m(), &HubBrowserModel::downloaded);
        m().download(again);
        QVERIFY(downloaded.wait(kTimeoutMs) || !downloaded.isEmpty());
        QVERIFY(library_->find(kFile).has_value());
        QVERIFY(role(again, HubBrowserModel::InstalledRole).toBool());

        // Cancel while running: idle again, nothing kept, nothing registered.
        const int broken = rowOf(QStringLiteral("Broken-Q4_0"));
        QVERIFY(broken >= 0);
        m().download(broken);
        QCOMPARE(role(broken, HubBrowserModel::StateRole).toString(), QStringLiteral("running"));
        m().cancel(broken);
        QCOMPARE(role(broken, HubBrowserModel::StateRole).toString(), QStringLiteral("idle"));
        QCOMPARE(role(broken, HubBrowserModel::ProgressRole).toDouble(), -1.0);
        QVERIFY(!library_->find(kBroken).has_value());
        QVERIFY(!QFileInfo::exists(lib::DownloadState::partPath(library_->folder(), kBroken)));
    }

    void errorsAreTranslatedMessages_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expected");
        QTest::newRow("404") << 404 << QStringLiteral("not found");
        QTest::newRow("401") << 401 << QStringLiteral("login");
        QTest::newRow("429") << 429 << QStringLiteral("30 s");
    }
    void errorsAreTranslatedMessages()
    {
        QFETCH(int, status);
        QFETCH(QString, expected);
        hub_->failApi(status, status == 429 ? QByteArray("30") : QByteArray());
        QSignalSpy errors(&m(), &HubBrowserModel::errorChanged);
        QVERIFY(!lookUp(kRepo));
        QVERIFY(!m().busy());
        QVERIFY(!errors.isEmpty());
        // The message HubError gives for the status, as the page shows it.
        const lib::HubError e = lib::hubHttpError(status, status == 429 ? QByteArray("30") : QByteArray(), kRepo);
        QCOMPARE(m().error(), e.message);
        QVERIFY2(m().error().contains(expected, Qt::CaseInsensitive), qPrintable(m().error()));
        QCOMPARE(m().rowCount(), 0);
        QVERIFY(m().repo().isEmpty());
        // The next lookup clears it.
        hub_->failApi(0);
        QVERIFY2(lookUp(kRepo), qPrintable(m().error()));
        QCOMPARE(m().error(), QString());
    }

    void badLinksAreRefusedAtOnce()
    {
        m().lookUp(QStringLiteral("https://example.com/tester/Tiny-GGUF"));
        QVERIFY(!m().busy());
        QVERIFY(!m().error().isEmpty());
        QVERIFY(hub_->targets().isEmpty()); // nothing asked
        m().lookUp(QStringLiteral("not a repo"));
        QVERIFY(!m().error().isEmpty());
        QVERIFY(hub_->targets().isEmpty());
    }

    void aSecondLookUpReplacesTheFirst()
    {
        QStringList listedRepos;
        connect(&m(), &HubBrowserModel::listingChanged, this, [&] {
            if (!m().repo().isEmpty())
                listedRepos.append(m().repo());
        });
        m().lookUp(kRepo);
        QVERIFY(m().busy());
        m().lookUp(kOther); // the first is still in flight
        QVERIFY(m().busy());
        QTRY_VERIFY_WITH_TIMEOUT(!m().busy(), kTimeoutMs);
        QCOMPARE(m().error(), QString());
        QCOMPARE(m().repo(), kOther);
        QCOMPARE(m().commit(), QStringLiteral("0123456"));
        QCOMPARE(m().rowCount(), 1);
        QCOMPARE(role(0, HubBrowserModel::NameRole).toString(), QStringLiteral("Other-Q6_K"));
        QTRY_COMPARE_WITH_TIMEOUT(role(0, HubBrowserModel::FitTextRole).toString(), QStringLiteral("Fits"), kTimeoutMs);
        QCOMPARE(listedRepos, QStringList{kOther}); // the first never showed

        // A lookup while the listing's headers are probed: its rows and
        // probes are dropped with it.
        m().lookUp(kRepo);
        QTRY_VERIFY_WITH_TIMEOUT(!m().busy(), kTimeoutMs);
        QCOMPARE(m().repo(), kRepo);
        m().lookUp(kOther);
        QCOMPARE(m().rowCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m().busy(), kTimeoutMs);
        QCOMPARE(m().repo(), kOther);
        QTRY_COMPARE_WITH_TIMEOUT(role(0, HubBrowserModel::FitTextRole).toString(), QStringLiteral("Fits"), kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestHubBrowserModel)
#include "tst_hub_browser_model.moc"
