// The status bar and the Models page describe a file alike: for every
// fixture model (K-quant mixes included), the loaded model's description
// (describeModel, what EngineController::modelInfo holds) equals the
// library's (inspectModel, what the Models page and `vela-cli models` list).
// They once computed the quantization two ways (most elements vs. most
// bytes) and could name different types for one file.
#include "engine/model_loader.h"

#include "common/error.h"
#include "library/model_info.h"
#include "common/shared_fixtures.h"
#include "model_writer.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela;

namespace {

app::LoadedModelInfo loadAndDescribe(const QString& path)
{
    app::LoadSettings settings;
    settings.path = path;
    settings.backend.kind = app::BackendChoice::Kind::Cpu;
    settings.backend.cpuThreads = 1;
    settings.contextSize = 64;
    const app::LoadedEngine engine = app::loadEngine(settings, [](double, const QString&) {}, [] { return false; });
    return app::describeModel(engine, path);
}

} // namespace

class TestEngineDescribe : public QObject {
    Q_OBJECT

private slots:
    // A file where the two old rules disagree: the FFN matrices in Q4_K hold
    // the most elements (786,432), the embedding and attention in Q8_0 the
    // most bytes (557,056 against 442,368). Both displays say Q8_0.
    void aMixWhereElementsAndBytesDisagree()
    {
        QTemporaryDir dir;
        test::ModelSpec spec; // rows of 256: the K-quant block
        spec.nEmbd = 256;
        spec.headDim = 64;
        spec.nFf = {512};
        spec.nVocab = 512;
        spec.typeOf = [](const std::string& name) {
            return name.find(".ffn_") != std::string::npos ? gguf::TensorType::Q4_K : gguf::TensorType::Q8_0;
        };
        const QString path = dir.filePath(QStringLiteral("mix.gguf"));
        test::writeModel(spec, path.toStdString());
        const library::ModelInfo listed = library::inspectModel(path, QStringLiteral("mix.gguf"));
        QVERIFY2(listed.valid, qPrintable(listed.error));
        const app::LoadedModelInfo loaded = loadAndDescribe(path);
        QCOMPARE(listed.quantization(), QStringLiteral("Q8_0"));
        QCOMPARE(loaded.quantization(), QStringLiteral("Q8_0"));
        QVERIFY(loaded.description == listed.description);
    }

    void statusBarAndModelsPageAgree()
    {
        VELA_REQUIRE_SHARED();
        int compared = 0;
        for (const auto& entry : std::filesystem::directory_iterator(test::fixtureModel(""))) {
            if (entry.path().extension() != ".gguf")
                continue;
            const QString path = QString::fromStdString(entry.path().string());
            const QString file = QString::fromStdString(entry.path().filename().string());
            const library::ModelInfo listed = library::inspectModel(path, file);
            if (!listed.valid) { // qwen3-vocab.gguf: no weights, refused by both
                QVERIFY_THROWS_EXCEPTION(InvalidInput, loadAndDescribe(path));
                continue;
            }
            const app::LoadedModelInfo loaded = loadAndDescribe(path);
            QCOMPARE(loaded.quantization(), listed.quantization());
            QVERIFY2(loaded.description == listed.description, qPrintable(file));
            // The label is the type the file is named after: Q3_K for *-Q3_K_M, Q4_K for *-pure-Q4_K.
            QVERIFY2(file.contains(loaded.quantization()), qPrintable(file + ": " + loaded.quantization()));
            ++compared;
        }
        QVERIFY(compared >= 20);
    }
};

QTEST_GUILESS_MAIN(TestEngineDescribe)
#include "tst_engine_describe.moc"
