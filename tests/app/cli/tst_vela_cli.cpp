// vela-cli as a user runs it: exit codes, one-line errors, and the JSON of
// info / tokenize / detokenize / template.
#include "common/shared_fixtures.h"
#include "gguf_builder.h"
#include "model_writer.h"
#include "gguf/gguf_file.h"
#include "sampling/fields.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

#include <nlohmann/json.hpp>

#include <fstream>

namespace {

struct Result {
    int status = -1;
    QByteArray out, err;
};

Result runCli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(VELA_CLI_PATH), args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        qFatal("vela-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

nlohmann::json parseJson(const QByteArray& b) { return nlohmann::json::parse(b.toStdString()); }

QString q(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

void writeText(const QString& path, const std::string& text)
{
    std::ofstream f(path.toStdString(), std::ios::binary);
    f << text;
}

} // namespace

class TestVelaCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void helpAndVersion();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void invalidModelsExitTwoWithOneLine();
    void infoOnGeneratedModel();
    void tokenizeAndDetokenizeRoundTrip();
    void templateJson();
    void logitsJsonShape();
    void generateCompletionAndChat();
    void generateArgumentErrors_data();
    void generateArgumentErrors();
    void interactiveChat();
    void devicesAndBench();
    void infoOnFixtures();
    void templateOnFixtureMatchesGolden();

private:
    QTemporaryDir dir_;
    QString model_;
};

void TestVelaCli::initTestCase()
{
    QVERIFY(dir_.isValid());
    model_ = dir_.filePath("random.gguf");
    vela::test::ModelSpec spec;
    vela::test::writeModel(spec, model_.toStdString());
}

void TestVelaCli::helpAndVersion()
{
    Result h = runCli({"--help"});
    QCOMPARE(h.status, 0);
    for (const char* sub : {"info", "tokenize", "detokenize", "template", "logits", "generate", "chat", "devices", "bench"})
        QVERIFY2(h.out.contains(sub), sub);
    // The sampling flags listed are the table's, every one of them.
    for (const vela::sampling::Field& f : vela::sampling::fields())
        if (!f.flag.empty())
            QVERIFY2(h.out.contains(QByteArray(f.flag.data(), qsizetype(f.flag.size())) + ' '),
                     std::string(f.flag).c_str());
    Result v = runCli({"--version"});
    QCOMPARE(v.status, 0);
    QVERIFY(v.out.startsWith("vela-cli 0."));
    QCOMPARE(runCli({"info", "--help"}).status, 0);
}

void TestVelaCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no args") << QStringList{} << "Usage";
    QTest::newRow("unknown subcommand") << QStringList{"frobnicate"} << "unknown subcommand 'frobnicate'";
    QTest::newRow("info without model") << QStringList{"info"} << "missing MODEL";
    QTest::newRow("unknown option") << QStringList{"info", "x.gguf", "--fast"} << "unknown option --fast";
    QTest::newRow("tokenize without text") << QStringList{"tokenize", "x.gguf"} << "exactly one of --text";
    QTest::newRow("option needs value") << QStringList{"tokenize", "x.gguf", "--text"} << "--text needs a value";
    QTest::newRow("bad id list") << QStringList{"detokenize", "x.gguf", "--ids", "1,a"} << "'a' is not an integer";
    QTest::newRow("template without messages") << QStringList{"template", "x.gguf"} << "--messages";
    QTest::newRow("missing file") << QStringList{"info", "/nonexistent.gguf"} << "cannot open";
}

void TestVelaCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    Result r = runCli(args);
    QCOMPARE(r.status, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(r.out.isEmpty() || args.isEmpty());
}

void TestVelaCli::invalidModelsExitTwoWithOneLine()
{
    const QString garbage = dir_.filePath("garbage.gguf");
    writeText(garbage, "this is not a model");
    Result r = runCli({"info", garbage});
    QCOMPARE(r.status, 2);
    QVERIFY(r.err.contains("not a GGUF file"));
    QCOMPARE(r.err.count('\n'), 1);

    vela::test::GgufBuilder b;
    b.header(3, 1, 0).tensorInfo("token_embd.weight", {64, 300}, 16, 0).pad(32);
    const QString iq = dir_.filePath("iq.gguf");
    vela::test::writeBytes(iq.toStdString(), b.bytes());
    r = runCli({"info", iq});
    QCOMPARE(r.status, 2);
    QVERIFY2(r.err.contains("unsupported tensor type IQ2_XXS in tensor 'token_embd.weight'"), r.err.constData());

    vela::test::ModelSpec spec;
    vela::gguf::Writer w = vela::test::buildModel(spec);
    w.setString("general.architecture", "llama");
    const QString llama = dir_.filePath("llama.gguf");
    w.writeFile(llama.toStdString());
    r = runCli({"info", llama, "--json"});
    QCOMPARE(r.status, 2);
    QVERIFY(r.err.contains("unsupported architecture 'llama'"));
    QVERIFY(r.out.isEmpty());
}

void TestVelaCli::infoOnGeneratedModel()
{
    Result r = runCli({"info", model_, "--json"});
    QCOMPARE(r.status, 0);
    auto j = parseJson(r.out);
    QCOMPARE(j["architecture"], "qwen3");
    QCOMPARE(j["layers"], 2);
    QCOMPARE(j["embedding"], 64);
    QCOMPARE(j["heads"], 4);
    QCOMPARE(j["kv_heads"], 2);
    QCOMPARE(j["head_dim"], 32);
    QCOMPARE(j["ffn"], 128);
    QCOMPARE(j["vocab"], 300);
    QCOMPARE(j["tied_embeddings"], true);
    QCOMPARE(j["tensor_types"]["F32"], 2 + 2 * 11);
    QCOMPARE(j["template_family"], "qwen3");
    Result text = runCli({"info", model_});
    QCOMPARE(text.status, 0);
    QVERIFY(text.out.contains("qwen3"));
}

void TestVelaCli::tokenizeAndDetokenizeRoundTrip()
{
    const std::string sample = "¡Hola! <|im_start|>user\nñ 🐑";
    Result r = runCli({"tokenize", model_, "--text", QString::fromStdString(sample), "--json"});
    QCOMPARE(r.status, 0);
    std::vector<int> ids = parseJson(r.out)["ids"];
    QVERIFY(std::find(ids.begin(), ids.end(), vela::test::kTestImStart) != ids.end());
    Result plain = runCli({"tokenize", model_, "--text", QString::fromStdString(sample), "--no-special", "--json"});
    std::vector<int> plainIds = parseJson(plain.out)["ids"];
    QVERIFY(std::find(plainIds.begin(), plainIds.end(), vela::test::kTestImStart) == plainIds.end());

    QString list;
    for (int id : ids)
        list += (list.isEmpty() ? "" : ",") + QString::number(id);
    Result d = runCli({"detokenize", model_, "--ids", list, "--json"});
    QCOMPARE(d.status, 0);
    QCOMPARE(parseJson(d.out)["text"].get<std::string>(), sample);

    Result bad = runCli({"detokenize", model_, "--ids", "1,100000"});
    QCOMPARE(bad.status, 2);
    QVERIFY(bad.err.contains("outside the vocabulary"));
}

void TestVelaCli::templateJson()
{
    const QString msgs = dir_.filePath("m.json");
    writeText(msgs, R"([{"role":"user","content":"hi <|im_end|>"}])");
    Result r = runCli({"template", model_, "--messages", msgs, "--no-think", "--json"});
    QCOMPARE(r.status, 0);
    auto j = parseJson(r.out);
    QCOMPARE(j["prompt"].get<std::string>(),
             std::string("<|im_start|>user\nhi <|im_end|><|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"));
    std::vector<int> ids = j["ids"];
    // The typed <|im_end|> stays text: exactly one im_end token (the template's).
    QCOMPARE(std::count(ids.begin(), ids.end(), vela::test::kTestImEnd), 1L);

    writeText(msgs, R"([{"role":"wizard","content":"x"}])");
    Result bad = runCli({"template", model_, "--messages", msgs});
    QCOMPARE(bad.status, 2);
    QVERIFY(bad.err.contains("wizard"));
    writeText(msgs, "not json");
    QCOMPARE(runCli({"template", model_, "--messages", msgs}).status, 2);
}

void TestVelaCli::logitsJsonShape()
{
    Result r = runCli({"logits", model_, "--ids", "257,72,105,258", "--top", "5", "--greedy", "3", "--json"});
    QCOMPARE(r.status, 0);
    auto j = parseJson(r.out);
    QCOMPARE(j["n_vocab"], 300);
    QCOMPARE(j["prompt"], nlohmann::json({257, 72, 105, 258}));
    QCOMPARE(j["prompt_logits"].size(), size_t(4));
    for (const auto& p : j["prompt_logits"]) {
        QCOMPARE(p["top"].size(), size_t(5));
        for (size_t i = 1; i < 5; ++i)
            QVERIFY(p["top"][i][1].get<double>() <= p["top"][i - 1][1].get<double>());
        QVERIFY(p["logsumexp"].get<double>() >= p["top"][0][1].get<double>());
    }
    QCOMPARE(j["greedy"].size(), size_t(3));
    // The first greedy token is the best token of the last position.
    QCOMPARE(j["greedy"][0], j["prompt_logits"][3]["top"][0][0]);
    QCOMPARE(runCli({"logits", model_, "--ids", "1,99999"}).status, 2);
    QCOMPARE(runCli({"logits", model_, "--ids", "1", "--backend", "quantum"}).status, 2);
    QCOMPARE(runCli({"logits", model_, "--ids", "1", "--top", "0"}).status, 2);
}

void TestVelaCli::generateCompletionAndChat()
{
    Result r = runCli({"generate", model_, "--prompt", "Hello", "-n", "5", "--temp", "0", "--json"});
    QCOMPARE(r.status, 0);
    auto lines = r.out.trimmed().split('\n');
    auto summary = parseJson(lines.last());
    QCOMPARE(summary["tokens"], 5);
    QCOMPARE(summary["n_prompt"], 5); // five bytes, no merges in the test vocabulary
    QCOMPARE(summary["stop"], "max_tokens");
    std::string streamed;
    for (int i = 0; i + 1 < lines.size(); ++i)
        streamed += parseJson(lines[i])["delta"]["content"].get<std::string>();
    QCOMPARE(streamed, summary["content"].get<std::string>());
    // Greedy is deterministic; a fixed seed reproduces a sampled reply.
    Result again = runCli({"generate", model_, "--prompt", "Hello", "-n", "5", "--temp", "0", "--json"});
    QCOMPARE(parseJson(again.out.trimmed().split('\n').last())["content"], summary["content"]);
    QStringList sampled{"generate", model_, "--prompt", "Hi", "--chat", "-n", "6", "--seed", "7", "--json"};
    Result a = runCli(sampled), b = runCli(sampled);
    QCOMPARE(a.status, 0);
    QCOMPARE(parseJson(a.out.trimmed().split('\n').last())["content"],
             parseJson(b.out.trimmed().split('\n').last())["content"]);
    auto chatSummary = parseJson(a.out.trimmed().split('\n').last());
    QCOMPARE(chatSummary["tokens"].get<int>() <= 6, true);
    QVERIFY(chatSummary["n_prompt"].get<int>() > 2);
    const QString msgs = dir_.filePath("gen.json");
    writeText(msgs, R"([{"role":"user","content":"hola"}])");
    Result m = runCli({"generate", model_, "--messages", msgs, "--no-think", "-n", "3", "--system", "S"});
    QCOMPARE(m.status, 0);
}

void TestVelaCli::generateArgumentErrors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("negative temperature") << QStringList{"--temp", "-1"} << "--temp -1 is out of range";
    QTest::newRow("top-p above one") << QStringList{"--top-p", "1.5"} << "--top-p 1.5 is out of range";
    QTest::newRow("context zero") << QStringList{"--ctx", "0"} << "--ctx 0 is out of range";
    QTest::newRow("context above model") << QStringList{"--ctx", "100000"} << "--ctx 100000 is out of range";
    QTest::newRow("think and no-think") << QStringList{"--think", "--no-think"} << "exclude each other";
    QTest::newRow("bad seed") << QStringList{"--seed", "-3"} << "--seed";
    QTest::newRow("temperature not a number") << QStringList{"--temp", "warm"} << "not a number";
}

void TestVelaCli::generateArgumentErrors()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    Result r = runCli(QStringList{"generate", model_, "--prompt", "x", "-n", "1"} + extra);
    QCOMPARE(r.status, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
}

void TestVelaCli::interactiveChat()
{
    Result r = runCli({"chat", model_, "--no-think", "-n", "4", "--seed", "1"}, "hola\n/reset\nsecond\n/exit\n");
    QCOMPARE(r.status, 0);
    QVERIFY(r.out.contains("vela-cli chat"));
    QVERIFY(r.out.contains("(new conversation)"));
    QCOMPARE(r.out.count("\n> "), 4); // one prompt per line read: hola, /reset, second, /exit
}

void TestVelaCli::devicesAndBench()
{
    Result d = runCli({"devices", "--json"});
    auto devices = parseJson(d.out)["devices"];
    QVERIFY(devices.is_array());
    bool anyUsable = false;
    for (const auto& dev : devices) {
        anyUsable = anyUsable || dev["usable"].get<bool>();
        // An unusable device says why; a usable one has no reason.
        QCOMPARE(dev["unusable_reason"].get<std::string>().empty(), dev["usable"].get<bool>());
    }
    QCOMPARE(d.status, anyUsable ? 0 : 1); // no usable device is a failure a script can see
    {
        // No driver at all (the loader pointed at a file that does not
        // exist): the empty list, a message, and exit status 1.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VK_ICD_FILENAMES"), QStringLiteral("/nonexistent/vela-no-icd.json"));
        env.insert(QStringLiteral("VK_DRIVER_FILES"), QStringLiteral("/nonexistent/vela-no-icd.json"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(VELA_CLI_PATH), {QStringLiteral("devices"), QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(parseJson(p.readAllStandardOutput())["devices"].empty());
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("no Vulkan device found"), err.constData());
    }
    if (anyUsable) {
        int defaults = 0;
        for (const auto& dev : devices) {
            defaults += dev["default"].get<bool>() ? 1 : 0;
            QVERIFY(!dev["name"].get<std::string>().empty());
            QVERIFY(dev["features"].contains("subgroup_arithmetic"));
        }
        QCOMPARE(defaults, 1);
        QCOMPARE(runCli({"bench", model_, "-p", "4", "-n", "2", "-r", "1", "--device", "99"}).status, 2);
    }
    Result b = runCli({"bench", model_, "-p", "8", "-n", "4", "-r", "1", "--backend", "cpu", "--json"});
    QCOMPARE(b.status, 0);
    auto j = parseJson(b.out);
    for (const char* key : {"device", "model", "file", "pp_tokens", "pp_tps", "tg_tokens", "tg_tps", "load_ms", "vram_bytes",
                            "dispatches_per_token"})
        QVERIFY2(j.contains(key), key);
    QCOMPARE(j["pp_tokens"], 8);
    QCOMPARE(QString::fromStdString(j["file"].get<std::string>()), model_);
    QVERIFY(j["pp_tps"].get<double>() > 0.0);
    QVERIFY(j["tg_tps"].get<double>() > 0.0);
    // The time to first token is the prompt run: 8 tokens at pp_tps.
    QVERIFY(j.contains("ttft_ms"));
    QVERIFY(std::abs(j["ttft_ms"].get<double>() - 8000.0 / j["pp_tps"].get<double>()) < 1e-6 * 8000.0 / j["pp_tps"].get<double>() + 1e-9);
    QVERIFY(!j.contains("profile")); // only with --profile
    // A decoded token reads every tensor once; of an untied token_embd only a row.
    auto tensorBytes = [](const QString& path, bool withEmbd) {
        uint64_t sum = 0;
        const vela::gguf::File file = vela::gguf::File::open(path.toStdString());
        for (const auto& t : file.tensors())
            if (withEmbd || t.name != "token_embd.weight")
                sum += t.nBytes;
        return sum;
    };
    QCOMPARE(j["weight_bytes_per_token"].get<uint64_t>(), tensorBytes(model_, true));
    QVERIFY(std::abs(j["tg_weight_gbps"].get<double>() -
                     double(tensorBytes(model_, true)) * j["tg_tps"].get<double>() / 1e9) < 1e-9);
    vela::test::ModelSpec untiedSpec;
    untiedSpec.tied = false;
    const QString untied = dir_.filePath("untied.gguf");
    vela::test::writeModel(untiedSpec, untied.toStdString());
    const Result u = runCli({"bench", untied, "-p", "4", "-n", "2", "-r", "1", "--backend", "cpu", "--json"});
    QCOMPARE(u.status, 0);
    QCOMPARE(parseJson(u.out)["weight_bytes_per_token"].get<uint64_t>(), tensorBytes(untied, false));
    QCOMPARE(runCli({"bench", model_, "--backend", "cpu", "--device", "0"}).status, 2);
    QCOMPARE(runCli({"bench", model_, "--backend", "cpu", "--matmul", "subgroup"}).status, 2);
    QCOMPARE(runCli({"bench", model_, "--matmul", "fast"}).status, 2);
    QCOMPARE(runCli({"bench", model_, "--backend", "cpu", "--submission-ms", "10"}).status, 2);
    QCOMPARE(runCli({"bench", model_, "--submission-ms", "-1"}).status, 2);
    if (!devices.empty()) {
        // --submission-ms 0: every layer its own submission (the model's two);
        // a huge target: one per step.
        for (const auto& [target, submissions] : {std::pair{"0", 2}, std::pair{"1e9", 1}}) {
            Result sr = runCli({"bench", model_, "-p", "8", "-n", "2", "-r", "1", "--backend", "vulkan",
                                "--submission-ms", target, "--json"});
            QCOMPARE(sr.status, 0);
            const auto sj = parseJson(sr.out);
            QCOMPARE(sj["submissions_per_prompt_chunk"].get<int>(), submissions);
            QCOMPARE(sj["submissions_per_token"].get<int>(), submissions);
        }
        for (const char* layout : {"split-k", "subgroup", "tiled"})
            QCOMPARE(runCli({"bench", model_, "-p", "4", "-n", "2", "-r", "1", "--backend", "vulkan", "--matmul", layout})
                         .status,
                     0);
        // --profile: device time per kernel, for the prompt run and per
        // generated token; every product of the model runs a matmul kernel.
        Result pr = runCli({"bench", model_, "-p", "8", "-n", "2", "-r", "1", "--backend", "vulkan", "--profile", "--json"});
        QCOMPARE(pr.status, 0);
        auto pj = parseJson(pr.out);
        QVERIFY(pj.contains("profile"));
        for (const char* phase : {"pp_ms_per_run", "tg_ms_per_token"}) {
            const auto& kernels = pj["profile"][phase];
            QVERIFY2(kernels.is_object() && !kernels.empty(), phase);
            bool sawMatmul = false;
            for (auto it = kernels.begin(); it != kernels.end(); ++it) {
                QVERIFY(it.value().get<double>() >= 0.0);
                sawMatmul = sawMatmul || it.key().rfind("matmul", 0) == 0;
            }
            QVERIFY2(sawMatmul, phase);
        }
        // --matmul tiled: the prompt's products run the prefill GEMM.
        Result tiled = runCli({"bench", model_, "-p", "8", "-n", "1", "-r", "1", "--backend", "vulkan", "--profile",
                               "--json", "--matmul", "tiled"});
        QCOMPARE(tiled.status, 0);
        const auto tiledJson = parseJson(tiled.out);
        const auto& tiledKernels = tiledJson["profile"]["pp_ms_per_run"];
        bool sawTiled = false;
        for (auto it = tiledKernels.begin(); it != tiledKernels.end(); ++it)
            sawTiled = sawTiled || it.key().rfind("matmul_tiled", 0) == 0;
        QVERIFY2(sawTiled, tiled.out.constData());
        Result text = runCli({"bench", model_, "-p", "4", "-n", "1", "-r", "1", "--backend", "vulkan", "--profile"});
        QCOMPARE(text.status, 0);
        QVERIFY2(text.out.contains("generation, per token"), text.out.constData());
        Result cpuProfile = runCli({"bench", model_, "-p", "4", "-n", "1", "-r", "1", "--backend", "cpu", "--profile"});
        QCOMPARE(cpuProfile.status, 0);
        QVERIFY(cpuProfile.out.contains("no kernel profile"));
    }
}

void TestVelaCli::infoOnFixtures()
{
    VELA_REQUIRE_SHARED();
    Result r = runCli({"info", q(vela::test::fixtureModel("tiny-qwen3-Q4_K_M.gguf")), "--json"});
    QCOMPARE(r.status, 0);
    auto j = parseJson(r.out);
    QCOMPARE(j["layers"], 3);
    QCOMPARE(j["embedding"], 256);
    QCOMPARE(j["head_dim"], 128);
    QCOMPARE(j["vocab"], 2048);
    QCOMPARE(j["context_length"], 4096);
    QVERIFY(j["tensor_types"].contains("Q4_K"));
    QVERIFY(j["tensor_types"].contains("Q6_K"));
    QCOMPARE(j["template_family"], "qwen3");
    QCOMPARE(j["tied_embeddings"], true);

    Result v = runCli({"info", q(vela::test::fixtureModel("qwen3-vocab.gguf")), "--json"});
    QCOMPARE(v.status, 0);
    QCOMPARE(parseJson(v.out)["vocab"], 151936);
    QCOMPARE(parseJson(v.out)["weights"], false);
}

void TestVelaCli::templateOnFixtureMatchesGolden()
{
    VELA_REQUIRE_SHARED();
    std::ifstream f(vela::test::fixture("chat_template/chat_template_golden.json"));
    auto golden = nlohmann::json::parse(f);
    const QString model = q(vela::test::fixtureModel("qwen3-vocab.gguf"));
    for (const auto& c : golden) {
        const QString msgs = dir_.filePath("golden.json");
        writeText(msgs, c["messages"].dump());
        QStringList args{"template", model, "--messages", msgs, "--json"};
        if (!c["enable_thinking"].get<bool>())
            args << "--no-think";
        if (!c["add_generation_prompt"].get<bool>())
            args << "--no-generation-prompt";
        Result r = runCli(args);
        QCOMPARE(r.status, 0);
        QCOMPARE(parseJson(r.out)["prompt"].get<std::string>(), c["prompt"].get<std::string>());
    }
}

QTEST_GUILESS_MAIN(TestVelaCli)
#include "tst_vela_cli.moc"
