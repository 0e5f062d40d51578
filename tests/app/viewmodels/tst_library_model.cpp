// ModelLibraryModel on a temporary library of written models: the roles
// under QAbstractItemModelTester, the fit text, the default, measured
// memory, a linked import on the worker thread and removing it (the linked
// file stays). Also CatalogModel over the bundled catalog, and a download
// left unfinished by an earlier run shown as paused, resumable.
#include "catalog_model.h"
#include "model_library_model.h"

#include "library/download_state.h"
#include "library/model_library.h"
#include "model_writer.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela::app;
namespace lib = vela::library;

namespace {

void writeModel(const QString& path, uint32_t layers = 2)
{
    vela::test::ModelSpec spec;
    spec.nLayers = layers;
    vela::test::writeModel(spec, path.toStdString());
}

lib::MemoryBudget budget(uint64_t bytes)
{
    lib::MemoryBudget b;
    b.id = "vulkan:0";
    b.name = "Test GPU";
    b.kind = lib::DeviceKind::Gpu;
    b.budgetBytes = bytes;
    b.isDefault = true;
    return b;
}

} // namespace

class TestLibraryModel : public QObject {
    Q_OBJECT
private slots:
    void rolesAndActions()
    {
        QTemporaryDir dir, outside;
        QVERIFY(dir.isValid() && outside.isValid());
        writeModel(dir.filePath(QStringLiteral("a.gguf")));
        writeModel(dir.filePath(QStringLiteral("b.gguf")), 3);
        QFile bad(dir.filePath(QStringLiteral("broken.gguf")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a gguf");
        bad.close();

        lib::ModelLibrary library(dir.path());
        ModelLibraryModel model(library);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(!model.empty());

        const int a = model.rowOfPath(dir.filePath(QStringLiteral("a.gguf")));
        const int broken = model.rowOfPath(dir.filePath(QStringLiteral("broken.gguf")));
        QVERIFY(a >= 0 && broken >= 0);
        const QModelIndex ia = model.index(a);
        QCOMPARE(ia.data(ModelLibraryModel::ArchitectureRole).toString(), QStringLiteral("qwen3"));
        QVERIFY(ia.data(ModelLibraryModel::ValidRole).toBool());
        QVERIFY(ia.data(ModelLibraryModel::SizeBytesRole).toLongLong() > 0);
        QVERIFY(ia.data(ModelLibraryModel::ParametersRole).toLongLong() > 0);
        QVERIFY(!ia.data(ModelLibraryModel::QuantizationRole).toString().isEmpty());
        QVERIFY(!model.index(broken).data(ModelLibraryModel::ValidRole).toBool());
        QVERIFY(!model.index(broken).data(ModelLibraryModel::ErrorRole).toString().isEmpty());
        for (const auto& name : model.roleNames())
            QVERIFY(!name.isEmpty());

        // The fit for the chosen device.
        QVERIFY(ia.data(ModelLibraryModel::FitTextRole).toString().isEmpty()); // no device yet
        model.setBudget(budget(uint64_t(8) << 30));
        QCOMPARE(model.index(a).data(ModelLibraryModel::FitTextRole).toString(), QStringLiteral("Fits"));
        QVERIFY(!model.index(a).data(ModelLibraryModel::EstimateTextRole).toString().isEmpty());
        model.setBudget(budget(1 << 20));
        QCOMPARE(model.index(a).data(ModelLibraryModel::FitTextRole).toString(), QStringLiteral("Too large"));

        // Default model.
        QSignalSpy defaults(&model, &ModelLibraryModel::defaultModelChanged);
        model.setDefault(a);
        QCOMPARE(defaults.size(), 1);
        QVERIFY(model.index(a).data(ModelLibraryModel::IsDefaultRole).toBool());
        QCOMPARE(library.defaultModel(), QStringLiteral("a.gguf"));
        QCOMPARE(model.defaultModelPath(), library.pathOf(QStringLiteral("a.gguf")));

        // Measured memory after a load, on the chosen device.
        model.setLoadedPath(dir.filePath(QStringLiteral("a.gguf")));
        QCOMPARE(model.loadedRow(), a);
        model.recordMeasured(dir.filePath(QStringLiteral("a.gguf")), QStringLiteral("Test GPU"), 300 << 20);
        const int a2 = model.rowOfPath(dir.filePath(QStringLiteral("a.gguf")));
        QCOMPARE(model.index(a2).data(ModelLibraryModel::MeasuredBytesRole).toLongLong(), qint64(300) << 20);
        QVERIFY(!model.index(a2).data(ModelLibraryModel::MeasuredTextRole).toString().isEmpty());

        // A linked import, on the worker thread.
        const QString external = outside.filePath(QStringLiteral("ext.gguf"));
        writeModel(external);
        model.importFile(QUrl::fromLocalFile(external).toString(), true);
        QVERIFY(model.importing());
        QTRY_VERIFY_WITH_TIMEOUT(!model.importing(), 30000);
        QVERIFY2(!model.notice()->isError(), qPrintable(model.notice()->text()));
        QCOMPARE(model.rowCount(), 4);
        const int ext = model.rowOfPath(external);
        QVERIFY(ext >= 0);
        QVERIFY(model.index(ext).data(ModelLibraryModel::LinkedRole).toBool());
        QVERIFY(model.removeQuestion(ext).contains(QStringLiteral("outside the library")));
        model.remove(ext);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(QFile::exists(external)); // only the entry went

        // An own file is deleted.
        const int b = model.rowOfPath(dir.filePath(QStringLiteral("b.gguf")));
        QVERIFY(model.removeQuestion(b).contains(QStringLiteral("will be deleted")));
        model.remove(b);
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("b.gguf"))));

        // A bad import says why and adds nothing.
        model.importFile(dir.filePath(QStringLiteral("broken.gguf")), false);
        QTRY_VERIFY_WITH_TIMEOUT(!model.importing(), 30000);
        QVERIFY(model.notice()->isError());
        QCOMPARE(model.rowCount(), 2);
    }

    void catalog()
    {
        QTemporaryDir dir;
        lib::ModelLibrary library(dir.path());
        CatalogModel model(library, lib::Catalog::load());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.rowCount() > 0);
        model.setLanguage(QStringLiteral("es"));
        for (int i = 0; i < model.rowCount(); ++i) {
            const QModelIndex idx = model.index(i);
            QVERIFY(!idx.data(CatalogModel::NameRole).toString().isEmpty());
            QVERIFY(!idx.data(CatalogModel::GoodForRole).toString().isEmpty());
            QVERIFY(!idx.data(CatalogModel::SizeTextRole).toString().isEmpty());
            QCOMPARE(idx.data(CatalogModel::StateRole).toString(), QStringLiteral("idle"));
            QVERIFY(!idx.data(CatalogModel::InstalledRole).toBool());
            QVERIFY(!idx.data(CatalogModel::KindRole).toString().isEmpty());
            QVERIFY(!idx.data(CatalogModel::RepoRole).toString().isEmpty());
            const bool pinned = idx.data(CatalogModel::PinnedRole).toBool();
            // Every entry is offered: an unpinned one is resolved from the Hub
            // first (tst_app_chat_catalog_download, against a local Hub).
            QVERIFY(idx.data(CatalogModel::DownloadableRole).toBool());
            QCOMPARE(idx.data(CatalogModel::RevisionRole).toString().size(), pinned ? 7 : 0);
        }
        QCOMPARE(model.index(0).data(CatalogModel::RevisionRole).toString(), QStringLiteral("23749fe"));
        QCOMPARE(model.index(0).data(CatalogModel::KindRole).toString(), QStringLiteral("Chat"));
    }

    void unfinishedDownloadAfterRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A small catalog whose pinned entry is the size of the part left behind.
        // (single quotes become double ones; moc reads no raw strings)
        const QByteArray json = QByteArray(
            "{'version': 2, 'models': ["
            "{'id': 'other', 'name': 'Other', 'kind': 'chat', 'repo': 'example/Other-GGUF', 'revision': null,"
            "'file': 'Other.gguf', 'size': null, 'size_approx_mb': 5,"
            "'sha256': null, 'license': 'MIT', 'good_for': {'en': 'Nothing'}},"
            "{'id': 'tiny', 'name': 'Tiny (Q8_0)', 'kind': 'chat', 'repo': 'example/Tiny-GGUF',"
            "'revision': '0123456789abcdef0123456789abcdef01234567', 'file': 'Tiny-Q8_0.gguf', 'size': 1000,"
            "'sha256': '0000000000000000000000000000000000000000000000000000000000000000',"
            "'license': 'Apache-2.0', 'good_for': {'en': 'Tests'}}]}").replace('\'', '"');
        const lib::Catalog catalog = lib::Catalog::parse(json);
        QCOMPARE(catalog.entries().size(), 2);
        const int row = 1;
        QVERIFY(catalog.entries().at(row).pinned());
        const lib::CatalogEntry& e = catalog.entries().at(row);

        // What an earlier run left: the state file and 42 % of the bytes.
        const qint64 size = 1000;
        lib::DownloadState state;
        state.request = e.downloadRequest(QUrl(QStringLiteral("https://huggingface.co")));
        QCOMPARE(state.request.expectedSize, size);
        state.etag = QStringLiteral("\"abc\"");
        {
            lib::ModelLibrary library(dir.path());
            state.save(library.folder());
            QFile part(lib::DownloadState::partPath(library.folder(), e.fileName));
            QVERIFY(part.open(QIODevice::WriteOnly));
            part.write(QByteArray(420, 'x'));
            part.close();
            QCOMPARE(lib::DownloadState::pending(library.folder()).size(), 1);
        }

        // The app starts again.
        lib::ModelLibrary library(dir.path());
        CatalogModel model(library, catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex idx = model.index(row);
        QCOMPARE(idx.data(CatalogModel::StateRole).toString(), QStringLiteral("paused"));
        QCOMPARE(idx.data(CatalogModel::ProgressRole).toDouble(), 0.42);
        QCOMPARE(idx.data(CatalogModel::StatusTextRole).toString(), QStringLiteral("Paused — 42 % downloaded"));
        QVERIFY(idx.data(CatalogModel::SpeedTextRole).toString().isEmpty());
        QVERIFY(idx.data(CatalogModel::TimeLeftTextRole).toString().isEmpty());
        QVERIFY(!idx.data(CatalogModel::InstalledRole).toBool());
        QVERIFY(idx.data(CatalogModel::DownloadableRole).toBool()); // Resume is offered
        QCOMPARE(model.roleNames().value(CatalogModel::StatusTextRole), QByteArray("statusText"));
        // The other rows stay idle.
        for (int i = 0; i < model.rowCount(); ++i) {
            if (i != row && model.index(i).data(CatalogModel::FileNameRole).toString() != e.fileName) {
                QCOMPARE(model.index(i).data(CatalogModel::StateRole).toString(), QStringLiteral("idle"));
                QVERIFY(model.index(i).data(CatalogModel::StatusTextRole).toString().isEmpty());
            }
        }

        // Cancelling it drops the part and the state.
        model.cancel(row);
        QCOMPARE(model.index(row).data(CatalogModel::StateRole).toString(), QStringLiteral("idle"));
        QVERIFY(lib::DownloadState::pending(library.folder()).isEmpty());
        QVERIFY(!QFile::exists(lib::DownloadState::partPath(library.folder(), e.fileName)));
    }
};

QTEST_GUILESS_MAIN(TestLibraryModel)
#include "tst_library_model.moc"
