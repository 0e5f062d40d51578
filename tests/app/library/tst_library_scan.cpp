// The model library: scanning (added, removed, changed, broken files), import
// of valid and invalid files (copy and link), delete, the default model and
// measured memory, the index surviving a reopen.
#include "library/model_library.h"

#include "common/shared_fixtures.h"
#include "model_writer.h"

#include "common/error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace vela::library;

namespace {

void writeModel(const QString& path, uint32_t layers = 2)
{
    vela::test::ModelSpec spec;
    spec.nLayers = layers;
    vela::test::writeModel(spec, path.toStdString());
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestScan : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    QString lib() const { return tmp_.filePath(QStringLiteral("lib")); }
    QString outside(const QString& name) const { return tmp_.filePath(name); }

private Q_SLOTS:
    void init()
    {
        QDir(lib()).removeRecursively();
    }

    void emptyFolderIsCreated()
    {
        ModelLibrary l(lib());
        QVERIFY(QFileInfo(lib()).isDir());
        QVERIFY(l.models().isEmpty());
        QVERIFY(QFileInfo::exists(lib() + "/library.json"));
        QVERIFY(l.defaultModelPath().isEmpty());
    }

    void scanListsValidAndInvalidFiles()
    {
        QDir().mkpath(lib());
        writeModel(lib() + "/a.gguf");
        writeBytes(lib() + "/garbage.gguf", "this is not a GGUF file at all");
        writeBytes(lib() + "/notes.txt", "ignored");
        ModelLibrary l(lib());
        QCOMPARE(l.models().size(), 2);
        const ModelInfo a = *l.find("a.gguf");
        QVERIFY2(a.valid, qPrintable(a.error));
        QCOMPARE(a.architecture(), QStringLiteral("qwen3"));
        QVERIFY(a.description.parameters > 0);
        QCOMPARE(a.templateFamily(), QStringLiteral("qwen3"));
        QCOMPARE(a.quantization(), QStringLiteral("F32"));
        QCOMPARE(a.shape.layers.size(), size_t(2));
        QVERIFY(a.shape.weightBytes > 0);
        const ModelInfo g = *l.find("garbage.gguf");
        QVERIFY(!g.valid);
        QVERIFY2(g.error.contains("GGUF"), qPrintable(g.error));
        ModelInfo base = a;
        base.description.templateFamily = vela::chat::TemplateFamily::Completion;
        QVERIFY(!base.isChatModel());
        QCOMPARE(base.templateDescription(), QStringLiteral("base model: completion only"));
    }

    void rescanReadsOnlyChangedFiles()
    {
        QDir().mkpath(lib());
        writeModel(lib() + "/a.gguf");
        writeModel(lib() + "/b.gguf");
        {
            ModelLibrary l(lib());
            QCOMPARE(l.models().size(), 2);
        }
        ModelLibrary l(lib()); // a new start: everything comes from the index
        ScanReport r = l.scan();
        QCOMPARE(r.unchanged, 2);
        QCOMPARE(r.reread + r.added + r.removed, 0);

        QSignalSpy changed(&l, &ModelLibrary::modelsChanged);
        QFile::remove(lib() + "/b.gguf");
        writeModel(lib() + "/a.gguf", 3); // different size
        writeModel(lib() + "/c.gguf");
        r = l.scan();
        QCOMPARE(r.added, 1);
        QCOMPARE(r.removed, 1);
        QCOMPARE(r.reread, 1);
        QCOMPARE(r.unchanged, 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(l.find("a.gguf")->shape.layers.size(), size_t(3));
        QVERIFY(!l.find("b.gguf"));
    }

    void damagedIndexIsRebuilt()
    {
        QDir().mkpath(lib());
        writeModel(lib() + "/a.gguf");
        writeBytes(lib() + "/library.json", "{ not json");
        ModelLibrary l(lib());
        QCOMPARE(l.models().size(), 1);
        QVERIFY(l.models()[0].valid);
    }

    void importCopiesAValidFile()
    {
        writeModel(outside("m.gguf"));
        ModelLibrary l(lib());
        QList<qint64> seen;
        const ModelInfo m = l.importFile(outside("m.gguf"), ImportMode::Copy, [&](qint64 done, qint64 total) {
            seen.append(done);
            return done <= total;
        });
        QVERIFY(m.valid);
        QVERIFY(!m.linked);
        QCOMPARE(m.path, lib() + "/m.gguf");
        QVERIFY(!QFileInfo(m.path).isSymLink());
        QCOMPARE(seen.last(), QFileInfo(outside("m.gguf")).size());
        // Twice: refused, the first copy untouched.
        QVERIFY_THROWS_EXCEPTION(vela::InvalidInput, l.importFile(outside("m.gguf"), ImportMode::Copy));
        QCOMPARE(l.models().size(), 1);
    }

    void importRefusesInvalidFilesAndCopiesNothing()
    {
        writeBytes(outside("bad.gguf"), "GGUF\x01\x00\x00\x00 truncated");
        QFile::remove(outside("half.gguf"));
        writeModel(outside("whole.gguf"));
        QFile whole(outside("whole.gguf"));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        writeBytes(outside("half.gguf"), whole.read(whole.size() / 2));
        ModelLibrary l(lib());
        for (const char* name : {"bad.gguf", "half.gguf", "missing.gguf"}) {
            try {
                l.importFile(outside(name), ImportMode::Copy);
                QFAIL(qPrintable(QStringLiteral("%1 was imported").arg(name)));
            } catch (const vela::InvalidInput& e) {
                QVERIFY(std::string(e.what()).size() > 10); // the reason
            }
        }
        QCOMPARE(QDir(lib()).entryList(QDir::Files | QDir::Hidden | QDir::System),
                 QStringList{QStringLiteral("library.json")});
        QVERIFY(l.models().isEmpty());
    }

    void cancelledImportLeavesNothing()
    {
        writeModel(outside("c.gguf"));
        ModelLibrary l(lib());
        QVERIFY_THROWS_EXCEPTION(vela::RuntimeFailure,
                                 l.importFile(outside("c.gguf"), ImportMode::Copy, [](qint64, qint64) { return false; }));
        QCOMPARE(QDir(lib()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("library.json")});
    }

    void linkAndDeleteKeepTheOriginal()
    {
        writeModel(outside("linked.gguf"));
        ModelLibrary l(lib());
        const ModelInfo m = l.importFile(outside("linked.gguf"), ImportMode::Link);
        QVERIFY(m.linked);
        QVERIFY(QFileInfo(m.path).isSymLink());
        l.remove("linked.gguf");
        QVERIFY(!QFileInfo(lib() + "/linked.gguf").isSymLink());
        QVERIFY(QFileInfo::exists(outside("linked.gguf"))); // outside the library: kept
        QVERIFY(l.models().isEmpty());
    }

    void deleteRemovesAFileInsideTheLibrary()
    {
        writeModel(outside("d.gguf"));
        ModelLibrary l(lib());
        l.importFile(outside("d.gguf"), ImportMode::Copy);
        l.setDefaultModel("d.gguf");
        QCOMPARE(l.defaultModelPath(), lib() + "/d.gguf");
        l.remove("d.gguf");
        QVERIFY(!QFileInfo::exists(lib() + "/d.gguf"));
        QVERIFY(l.defaultModel().isEmpty());
        QVERIFY_THROWS_EXCEPTION(vela::InvalidInput, l.remove("d.gguf"));
        QVERIFY_THROWS_EXCEPTION(vela::InvalidInput, l.remove("../d.gguf"));
    }

    void brokenLinkIsListedAsInvalid()
    {
        writeModel(outside("moving.gguf"));
        ModelLibrary l(lib());
        l.importFile(outside("moving.gguf"), ImportMode::Link);
        QFile::remove(outside("moving.gguf"));
        l.scan();
        QCOMPARE(l.models().size(), 1);
        QVERIFY(!l.models()[0].valid);
        QVERIFY2(l.models()[0].error.contains("missing"), qPrintable(l.models()[0].error));
    }

    void defaultAndMeasuredMemoryPersist()
    {
        QDir().mkpath(lib());
        writeModel(lib() + "/a.gguf");
        {
            ModelLibrary l(lib());
            l.setDefaultModel("a.gguf");
            l.recordMeasuredMemory("a.gguf", "GPU X", 123456789);
            QVERIFY_THROWS_EXCEPTION(vela::InvalidInput, l.setDefaultModel("nope.gguf"));
        }
        ModelLibrary l(lib());
        QCOMPARE(l.defaultModel(), QStringLiteral("a.gguf"));
        QCOMPARE(l.find("a.gguf")->measuredBytes.value("GPU X"), 123456789);
        QCOMPARE(l.find("a.gguf")->shape.weightBytes, inspectModel(lib() + "/a.gguf", "a.gguf").shape.weightBytes);
    }

    void fixtureModelsScan()
    {
        VELA_REQUIRE_SHARED();
        ModelLibrary l(lib());
        for (const char* f : {"tiny-qwen3-Q4_K_M.gguf", "tiny-qwen2-Q8_0.gguf"})
            l.importFile(QString::fromStdString(vela::test::fixtureModel(f).string()), ImportMode::Link);
        const ModelInfo q3 = *l.find("tiny-qwen3-Q4_K_M.gguf");
        QCOMPARE(q3.quantization(), QStringLiteral("Q4_K"));
        QVERIFY(q3.description.tensorTypes.count("Q6_K"));
        QVERIFY(q3.quantizationMix().contains("Q6_K ×"));
        QCOMPARE(l.find("tiny-qwen2-Q8_0.gguf")->architecture(), QStringLiteral("qwen2"));
        QVERIFY_THROWS_EXCEPTION(
            vela::InvalidInput,
            l.importFile(QString::fromStdString(vela::test::fixtureModel("qwen3-vocab.gguf").string()), ImportMode::Copy));
    }
};

QTEST_GUILESS_MAIN(TestScan)
#include "tst_library_scan.moc"
