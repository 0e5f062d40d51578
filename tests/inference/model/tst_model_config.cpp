// Model description: hyperparameters and tensor shapes from GGUF, per-layer
// shapes, tied embeddings, and precise errors for what does not fit.
#include "common/error.h"
#include "common/shared_fixtures.h"
#include "gguf/gguf_file.h"
#include "model/config.h"
#include "model/weights.h"
#include "model_writer.h"

#include <QtTest/QtTest>

using namespace vela;
using vela::test::ModelSpec;

namespace {

gguf::File fileOf(const gguf::Writer& w)
{
    return gguf::File::parse(gguf::MappedFile::fromBytes(w.toBytes()));
}

void expectError(const gguf::Writer& w, const std::string& needle)
{
    gguf::File f = fileOf(w);
    try {
        model::Config c = model::Config::fromGguf(f);
        model::Weights::bind(f, c);
    } catch (const InvalidInput& e) {
        QVERIFY2(std::string(e.what()).find(needle) != std::string::npos,
                 qPrintable(QStringLiteral("'%1' lacks '%2'").arg(e.what(), QString::fromStdString(needle))));
        return;
    }
    QFAIL(qPrintable(QStringLiteral("accepted; expected error '%1'").arg(QString::fromStdString(needle))));
}

} // namespace

class TestModelConfig : public QObject {
    Q_OBJECT
private slots:
    void randomQwen3Model();
    void qwen2HasBiasesNotNorms();
    void perLayerShapes();
    void untiedOutput();
    void errors();
    void fixtureModels();
};

void TestModelConfig::randomQwen3Model()
{
    ModelSpec s;
    gguf::File f = fileOf(vela::test::buildModel(s));
    model::Config c = model::Config::fromGguf(f);
    QCOMPARE(c.arch, model::Architecture::Qwen3);
    QCOMPARE(c.nLayers, 2u);
    QCOMPARE(c.nEmbd, 64u);
    QCOMPARE(c.headDim, 32u);
    QCOMPARE(c.nVocab, 300u);
    QCOMPARE(c.layers[1].nHead, 4u);
    QCOMPARE(c.layers[1].nHeadKv, 2u);
    QCOMPARE(c.layers[0].nFf, 128u);
    QCOMPARE(c.ropeBase, 1000000.0f);
    QVERIFY(c.hasQkNorm());
    model::Weights w = model::Weights::bind(f, c);
    QVERIFY(w.tiedEmbeddings);
    QCOMPARE(w.output, w.tokenEmbd);
    QVERIFY(w.layers[1].attnQNorm != nullptr);
    QVERIFY(w.layers[1].attnQBias == nullptr);
    QCOMPARE(w.layers[0].attnQ->ne[1], uint64_t(4 * 32)); // query width 128 ≠ n_embd 64
    QVERIFY(w.unusedTensors.empty());
    QVERIFY(w.nParams > 0);
}

void TestModelConfig::qwen2HasBiasesNotNorms()
{
    ModelSpec s;
    s.arch = "qwen2";
    gguf::File f = fileOf(vela::test::buildModel(s));
    model::Config c = model::Config::fromGguf(f);
    QCOMPARE(c.arch, model::Architecture::Qwen2);
    model::Weights w = model::Weights::bind(f, c);
    QVERIFY(w.layers[0].attnQBias != nullptr);
    QVERIFY(w.layers[0].attnKNorm == nullptr);
}

void TestModelConfig::perLayerShapes()
{
    ModelSpec s;
    s.nLayers = 3;
    s.nHead = {4, 2, 4};
    s.nHeadKv = {2, 1, 4};
    s.nFf = {128, 96, 32};
    gguf::File f = fileOf(vela::test::buildModel(s));
    model::Config c = model::Config::fromGguf(f);
    QCOMPARE(c.layers[1].nHead, 2u);
    QCOMPARE(c.layers[1].nHeadKv, 1u);
    QCOMPARE(c.layers[2].nFf, 32u);
    model::Weights w = model::Weights::bind(f, c);
    QCOMPARE(w.layers[1].ffnDown->ne[0], uint64_t(96));
}

void TestModelConfig::untiedOutput()
{
    ModelSpec s;
    s.tied = false;
    gguf::File f = fileOf(vela::test::buildModel(s));
    model::Weights w = model::Weights::bind(f, model::Config::fromGguf(f));
    QVERIFY(!w.tiedEmbeddings);
    QVERIFY(w.output != w.tokenEmbd);
}

void TestModelConfig::errors()
{
    ModelSpec s;
    {
        gguf::Writer w = vela::test::buildModel(s);
        w.setString("general.architecture", "llama");
        expectError(w, "unsupported architecture 'llama'");
    }
    {
        gguf::Writer w = vela::test::buildModel(s);
        w.setString("qwen3.block_count", "two");
        expectError(w, "'qwen3.block_count' has type STRING");
    }
    {
        gguf::Writer w = vela::test::buildModel(s);
        w.setUInt32Array("qwen3.feed_forward_length", {128, 128, 128});
        expectError(w, "has 3 entries for 2 layers");
    }
    {
        gguf::Writer w = vela::test::buildModel(s);
        w.setUInt32("qwen3.attention.head_count_kv", 3);
        expectError(w, "not a multiple of head_count_kv 3");
    }
    {
        gguf::Writer w = vela::test::buildModel(s);
        w.setUInt32("qwen3.feed_forward_length", 256);
        expectError(w, "tensor 'blk.0.ffn_gate.weight' has shape [64, 128], expected [64, 256]");
    }
    {
        gguf::Writer w = vela::test::buildModel(s);
        w.setUInt32("qwen3.block_count", 3);
        expectError(w, "tensor 'blk.2.attn_norm.weight' is missing");
    }
    {
        gguf::Writer w = vela::test::buildModel(s);
        w.setUInt32("qwen3.block_count", 0);
        expectError(w, "'qwen3.block_count' = 0 is out of range");
    }
    {
        gguf::Writer w = vela::test::buildModel(s);
        w.setFloat32("qwen3.attention.layer_norm_rms_epsilon", -1.0f);
        expectError(w, "layer_norm_rms_epsilon");
    }
    {
        // Token ids index token_embd's rows: a vocabulary of another size
        // used to load and fail later, mid-chat ("token id ... is outside
        // the vocabulary", or a sampled id the tokenizer cannot decode).
        ModelSpec m = s;
        m.tokenizerVocab = s.nVocab + 1;
        expectError(vela::test::buildModel(m),
                    "'tokenizer.ggml.tokens' has 301 tokens, but 'token_embd.weight' has 300 rows");
        m.nVocab = 400; // embedding larger than the vocabulary
        m.tokenizerVocab = 300;
        expectError(vela::test::buildModel(m),
                    "'tokenizer.ggml.tokens' has 300 tokens, but 'token_embd.weight' has 400 rows");
    }
}

void TestModelConfig::fixtureModels()
{
    VELA_REQUIRE_SHARED();
    {
        gguf::File f = gguf::File::open(vela::test::fixtureModel("tiny-qwen3-Q4_K_M.gguf"));
        model::Config c = model::Config::fromGguf(f);
        QCOMPARE(c.nLayers, 3u);
        QCOMPARE(c.nEmbd, 256u);
        QCOMPARE(c.headDim, 128u);
        QCOMPARE(c.layers[0].nHead, 4u);
        QCOMPARE(c.layers[0].nHeadKv, 2u);
        QCOMPARE(c.layers[0].nFf, 512u);
        QCOMPARE(c.nVocab, 2048u);
        model::Weights w = model::Weights::bind(f, c);
        QVERIFY(w.tiedEmbeddings);
        QCOMPARE(w.layers[2].attnV->type, gguf::TensorType::Q6_K);
    }
    {
        gguf::File f = gguf::File::open(vela::test::fixtureModel("tiny-qwen3-untied-Q4_K_M.gguf"));
        model::Config c = model::Config::fromGguf(f);
        QCOMPARE(c.nLayers, 2u);
        QCOMPARE(c.layers[0].nHeadKv, 1u);
        QCOMPARE(c.layers[0].nFf, 768u);
        QVERIFY(!model::Weights::bind(f, c).tiedEmbeddings);
    }
    {
        gguf::File f = gguf::File::open(vela::test::fixtureModel("tiny-qwen2-Q8_0.gguf"));
        model::Config c = model::Config::fromGguf(f);
        QCOMPARE(c.arch, model::Architecture::Qwen2);
        QCOMPARE(c.headDim, 64u); // no key_length: n_embd / n_head
        QVERIFY(model::Weights::bind(f, c).layers[0].attnVBias != nullptr);
    }
    {
        gguf::File f = gguf::File::open(vela::test::fixtureModel("qwen3-vocab.gguf"));
        model::Config c = model::Config::fromGguf(f);
        QCOMPARE(c.nVocab, 151936u);
        QCOMPARE(c.nLayers, 28u);
    }
}

QTEST_APPLESS_MAIN(TestModelConfig)
#include "tst_model_config.moc"
