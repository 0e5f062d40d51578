// The one description of a model file (runtime::describeGguf) and the names
// of the runtime's stop reasons, which vela-cli prints and the app reports.
#include "gguf/gguf_file.h"
#include "gguf/gguf_writer.h"
#include "model_writer.h"
#include "runtime/model_description.h"
#include "runtime/stop_reason.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela;

class TestModelDescription : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    std::filesystem::path write(const gguf::Writer& w, const char* name)
    {
        const std::filesystem::path path = std::filesystem::path(dir_.path().toStdString()) / name;
        w.writeFile(path);
        return path;
    }

private slots:
    // Three rules that name different types for one file: most elements
    // (Q4_K: 4096 of them), most bytes over all tensors (the 1-D F32 vector)
    // and most bytes among matrices (Q8_0: 3264 bytes against Q4_K's 2304).
    // The label follows the last.
    void quantizationIsTheMatrixTypeWithMostBytes()
    {
        gguf::Writer w;
        w.setString("general.architecture", "qwen3");
        const std::vector<std::byte> q4k(16 * 144), q80(96 * 34), f32(4096 * 4);
        w.addTensor("a.weight", gguf::TensorType::Q4_K, {256, 16}, q4k);
        w.addTensor("b.weight", gguf::TensorType::Q8_0, {32, 96}, q80);
        w.addTensor("n.weight", gguf::TensorType::F32, {4096}, f32);
        const gguf::File file = gguf::File::open(write(w, "mix.gguf"));
        QCOMPARE(runtime::quantizationLabel(file), std::string("Q8_0"));
    }

    void noMatricesNoLabel()
    {
        gguf::Writer w;
        w.setString("general.architecture", "qwen3");
        const std::vector<std::byte> f32(64 * 4);
        w.addTensor("n.weight", gguf::TensorType::F32, {64}, f32);
        QCOMPARE(runtime::quantizationLabel(gguf::File::open(write(w, "vector.gguf"))), std::string());
    }

    // A Q4_K_M mix (Q6_K for token_embd and half the attn_v/ffn_down) is
    // labelled Q4_K, and the description carries the file's other facts.
    void describesAModel()
    {
        test::ModelSpec spec; // rows of 256: the K-quant block
        spec.nEmbd = 256;
        spec.headDim = 64;
        spec.nFf = {512};
        spec.nVocab = 512;
        spec.typeOf = test::q4kmMix;
        spec.trainedContext = 1024;
        const std::filesystem::path path = std::filesystem::path(dir_.path().toStdString()) / "mix-q4km.gguf";
        test::writeModel(spec, path);
        const auto m = model::Model::open(path);
        const runtime::ModelDescription d = runtime::describeGguf(m->file, m->config, m->weights, path.string());
        QCOMPARE(d.quantization, std::string("Q4_K"));
        QVERIFY(d.tensorTypes.count("Q6_K") && d.tensorTypes.count("Q4_K") && d.tensorTypes.count("F32"));
        QCOMPARE(d.architecture, std::string("qwen3"));
        QCOMPARE(d.parameters, m->weights.nParams);
        QCOMPARE(d.fileBytes, uint64_t(std::filesystem::file_size(path)));
        QCOMPARE(d.layers, spec.nLayers);
        QCOMPARE(d.trainedContext, 1024u);
        QCOMPARE(d.templateFamily, chat::TemplateFamily::Qwen3);
        QVERIFY(d.thinkingCapable());
        QCOMPARE(d.name, m->config.name); // general.name
        QVERIFY(!d.name.empty());
        // Without general.name the file name stands in.
        model::Config unnamed = m->config;
        unnamed.name.clear();
        QCOMPARE(runtime::describeGguf(m->file, unnamed, m->weights, path.string()).name, std::string("mix-q4km"));
    }

    // The names vela-cli's JSON prints and the app reports (ReplyResult::
    // stopReasonText) parse back to the same reason; other text does not.
    void stopReasonNamesRoundTrip()
    {
        using runtime::StopReason;
        const std::pair<StopReason, const char*> names[] = {{StopReason::EndOfGeneration, "eos"},
                                                            {StopReason::MaxTokens, "max_tokens"},
                                                            {StopReason::Stopped, "stopped"},
                                                            {StopReason::ContextFull, "context_full"},
                                                            {StopReason::Callback, "callback"}};
        for (const auto& [reason, name] : names) {
            QCOMPARE(std::string(runtime::stopReasonName(reason)), std::string(name));
            QVERIFY(runtime::parseStopReason(name) == reason);
        }
        QVERIFY(!runtime::parseStopReason("max")); // the app's former spelling was never stored
        QVERIFY(!runtime::parseStopReason("Stopped"));
    }
};

QTEST_APPLESS_MAIN(TestModelDescription)
#include "tst_model_description.moc"
