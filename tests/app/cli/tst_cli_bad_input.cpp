// vela-cli under bad input: arguments out of range, unknown options, missing
// or wrong model paths, huge and ill-formed text, malformed --messages files.
// Each ends with the documented exit status (2 = invalid input) and one line
// "vela-cli SUBCOMMAND: ..." on stderr, never a crash; or, where the input is
// merely unusual (a 2 MB text, invalid UTF-8 in a prompt), it works.
#include "common/sampling_edges.h"
#include "model_writer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace {

struct Result {
    bool crashed = false;
    int status = -1;
    QByteArray out, err;
};

Result runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(VELA_CLI_PATH), args);
    p.closeWriteChannel();
    if (!p.waitForStarted(20000) || !p.waitForFinished(120000))
        qFatal("vela-cli did not finish: %s", qPrintable(args.join(QLatin1Char(' ')).left(200)));
    Result r;
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.status = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString describe(const Result& r)
{
    return QStringLiteral("exit %1%2, stderr: %3")
        .arg(r.status)
        .arg(r.crashed ? QStringLiteral(" (crashed)") : QString())
        .arg(QString::fromUtf8(r.err.left(400)));
}

// Exit 2, nothing on stdout, exactly one line on stderr naming the
// subcommand and containing `phrase`.
void expectInvalid(const Result& r, const QString& subcommand, const QString& phrase)
{
    QVERIFY2(!r.crashed, qPrintable(describe(r)));
    QVERIFY2(r.status == 2, qPrintable(describe(r)));
    QVERIFY2(r.out.isEmpty(), r.out.left(200).constData());
    QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1, qPrintable(QStringLiteral("not one line: ") + describe(r)));
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.startsWith(QStringLiteral("vela-cli %1: ").arg(subcommand)), qPrintable(err));
    QVERIFY2(err.contains(phrase), qPrintable(QStringLiteral("'%1' lacks '%2'").arg(err.trimmed(), phrase)));
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

// ~2 MiB of mixed-script text.
QByteArray bigText()
{
    QByteArray s;
    const QByteArray unit = QByteArrayLiteral("¡Hola, mundo! 中文 café 🚀 naïve\n");
    while (s.size() < 2 * 1024 * 1024)
        s += unit;
    return s;
}

} // namespace

class TestCliBadInput : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void generateArgumentsOutOfRange_data();
    void generateArgumentsOutOfRange();
    void samplingFlagsTakeTheTablesRanges_data();
    void samplingFlagsTakeTheTablesRanges();
    void modelPathErrors_data();
    void modelPathErrors();
    void deviceOutOfRange();
    void messagesFiles_data();
    void messagesFiles();
    void messagesWithExtraFieldsWork();
    void hugeInputs();
    void invalidUtf8Prompt();
    void directoryAsTextFile();

private:
    QTemporaryDir dir_;
    QString model_;
};

void TestCliBadInput::initTestCase()
{
    QVERIFY(dir_.isValid());
    model_ = dir_.filePath(QStringLiteral("random.gguf"));
    vela::test::ModelSpec spec; // context_length 512
    vela::test::writeModel(spec, model_.toStdString());
}

void TestCliBadInput::generateArgumentsOutOfRange_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("--ctx 0") << QStringList{"--ctx", "0"} << "--ctx 0 is out of range (1..512)";
    QTest::newRow("--ctx negative") << QStringList{"--ctx", "-5"} << "--ctx -5 is out of range";
    QTest::newRow("--ctx above the model") << QStringList{"--ctx", "513"} << "--ctx 513 is out of range";
    QTest::newRow("--ctx not an integer") << QStringList{"--ctx", "1e3"} << "--ctx: '1e3' is not an integer";
    QTest::newRow("--ctx overflowing") << QStringList{"--ctx", "99999999999999999999999"} << "is not an integer";
    QTest::newRow("--temp -1") << QStringList{"--temp", "-1"} << "--temp -1 is out of range";
    QTest::newRow("--temp nan") << QStringList{"--temp", "nan"} << "--temp: 'nan' is not a number";
    QTest::newRow("--temp inf") << QStringList{"--temp", "inf"} << "--temp: 'inf' is not a number";
    QTest::newRow("--temp empty") << QStringList{"--temp", ""} << "--temp: '' is not a number";
    QTest::newRow("--top-p 1.5") << QStringList{"--top-p", "1.5"} << "--top-p 1.5 is out of range";
    QTest::newRow("--top-p 0") << QStringList{"--top-p", "0"} << "--top-p 0 is out of range";
    QTest::newRow("--top-k -3") << QStringList{"--top-k", "-3"} << "--top-k -3 is out of range";
    QTest::newRow("--min-p 2") << QStringList{"--min-p", "2"} << "--min-p 2 is out of range";
    QTest::newRow("--repeat-penalty 0") << QStringList{"--repeat-penalty", "0"} << "--repeat-penalty 0 is out of range";
    QTest::newRow("-n -1") << QStringList{"-n", "-1"} << "-n -1 is out of range";
    QTest::newRow("-n huge") << QStringList{"-n", "99999999999"} << "-n 99999999999 is out of range";
    QTest::newRow("--threads -1") << QStringList{"--threads", "-1"} << "--threads -1 is out of range";
    QTest::newRow("--seed negative") << QStringList{"--seed", "-3"} << "--seed: '-3' is not a non-negative integer";
    QTest::newRow("unknown option") << QStringList{"--turbo"} << "unknown option --turbo";
    QTest::newRow("option without value") << QStringList{"--top-k"} << "option --top-k needs a value";
    QTest::newRow("unknown backend") << QStringList{"--backend", "metal"} << "--backend must be auto, cpu or vulkan";
    QTest::newRow("--device with cpu") << QStringList{"--backend", "cpu", "--device", "0"} << "does not apply to --backend cpu";
    QTest::newRow("stray positional") << QStringList{"extra.gguf"} << "unexpected argument 'extra.gguf'";
}

void TestCliBadInput::generateArgumentsOutOfRange()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    QStringList args{"generate", model_, "--prompt", "x", "-n", "1"};
    if (!extra.contains(QStringLiteral("--backend")))
        args << "--backend" << "cpu";
    expectInvalid(runCli(args + extra), QStringLiteral("generate"), message);
}

// Each sampling flag accepts exactly its field's range in sampling/fields.h:
// the values at and just past both ends, as the store and the UI do.
void TestCliBadInput::samplingFlagsTakeTheTablesRanges_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("refusal"); // empty: accepted
    for (const vela::sampling::Field& f : vela::sampling::fields()) {
        if (f.flag.empty())
            continue;
        const QString flag = QString::fromLatin1(f.flag.data(), qsizetype(f.flag.size()));
        for (const auto& [v, valid] : vela::test::samplingEdges(f)) {
            const QString value = QString::fromStdString(vela::sampling::formatValue(v));
            // A fraction for an integer flag is not an integer; the rest is out of range.
            const QString refusal =
                valid ? QString()
                : f.kind == vela::sampling::FieldKind::Integer && v != std::floor(v)
                    ? QStringLiteral("%1: '%2' is not an integer").arg(flag, value)
                    : QStringLiteral("%1 %2 is out of range %3").arg(flag, value, QString::fromStdString(f.range.text()));
            QTest::addRow("%s %s", qPrintable(flag), qPrintable(value)) << flag << value << refusal;
        }
    }
}

void TestCliBadInput::samplingFlagsTakeTheTablesRanges()
{
    QFETCH(QString, flag);
    QFETCH(QString, value);
    QFETCH(QString, refusal);
    const Result r = runCli({"generate", model_, "--prompt", "x", "-n", "1", "--backend", "cpu", flag, value});
    if (refusal.isEmpty())
        QVERIFY2(r.status == 0, qPrintable(describe(r)));
    else
        expectInvalid(r, QStringLiteral("generate"), refusal);
}

void TestCliBadInput::modelPathErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("subcommand");
    QTest::addColumn<QString>("message");
    const QString d = QDir::tempPath();
    QTest::newRow("generate without model") << QStringList{"generate", "--prompt", "x"} << "generate" << "missing MODEL";
    QTest::newRow("info without model") << QStringList{"info"} << "info" << "missing MODEL";
    QTest::newRow("missing file") << QStringList{"generate", "/nonexistent/m.gguf", "--prompt", "x"} << "generate"
                                  << "cannot open '/nonexistent/m.gguf'";
    QTest::newRow("directory (generate)") << QStringList{"generate", d, "--prompt", "x", "--backend", "cpu"}
                                          << "generate" << "is not a regular file";
    QTest::newRow("directory (info)") << QStringList{"info", d} << "info" << "is not a regular file";
    QTest::newRow("directory (tokenize)") << QStringList{"tokenize", d, "--text", "a"} << "tokenize"
                                          << "is not a regular file";
    QTest::newRow("not a GGUF file") << QStringList{"info", QStringLiteral(VELA_CLI_PATH)} << "info" << "not a GGUF file";
}

void TestCliBadInput::modelPathErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, subcommand);
    QFETCH(QString, message);
    expectInvalid(runCli(args), subcommand, message);
}

void TestCliBadInput::deviceOutOfRange()
{
    // With Vulkan (lavapipe in CI), a device index that does not exist is
    // refused by every subcommand that takes --device.
    const Result devices = runCli({"devices", "--json"});
    const auto list = nlohmann::json::parse(devices.out.toStdString());
    const auto& arr = list.is_array() ? list : list.value("devices", nlohmann::json::array());
    const bool anyUsable = std::any_of(arr.begin(), arr.end(), [](const auto& d) { return d.value("usable", false); });
    QCOMPARE(devices.status, anyUsable ? 0 : 1);
    if (arr.empty())
        QSKIP("no Vulkan device here");
    expectInvalid(runCli({"generate", model_, "--prompt", "x", "-n", "1", "--device", "99"}), "generate",
                  "Vulkan device 99 does not exist");
    expectInvalid(runCli({"generate", model_, "--prompt", "x", "-n", "1", "--backend", "vulkan", "--device", "99"}),
                  "generate", "Vulkan device 99 does not exist");
    expectInvalid(runCli({"logits", model_, "--ids", "1,2", "--device", "99"}), "logits",
                  "Vulkan device 99 does not exist");
    expectInvalid(runCli({"bench", model_, "--device", "99"}), "bench", "Vulkan device 99 does not exist");
    expectInvalid(runCli({"generate", model_, "--prompt", "x", "--device", "100000"}), "generate",
                  "--device 100000 is out of range");
}

void TestCliBadInput::messagesFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("invalid UTF-8") << QByteArray("[{\"role\":\"user\",\"content\":\"hi \xff\xfe there\"}]")
                                   << "ill-formed UTF-8";
    QTest::newRow("overlong UTF-8") << QByteArray("[{\"role\":\"user\",\"content\":\"\xc0\xaf\"}]") << "ill-formed UTF-8";
    QTest::newRow("lone surrogate escape") << QByteArray(R"([{"role":"user","content":"a\ud800b"}])") << "surrogate";
    QTest::newRow("missing content") << QByteArray(R"([{"role":"user"}])") << "message 0: missing \"content\"";
    QTest::newRow("missing role") << QByteArray(R"([{"role":"user","content":"a"},{"content":"x"}])")
                                  << "message 1: missing \"role\"";
    QTest::newRow("content not a string") << QByteArray(R"([{"role":"user","content":42}])")
                                          << "\"content\" must be a string, not number";
    QTest::newRow("role not a string") << QByteArray(R"([{"role":["user"],"content":"x"}])") << "message 0";
    QTest::newRow("reasoning not a string") << QByteArray(R"([{"role":"assistant","content":"x","reasoning_content":5}])")
                                            << "\"reasoning_content\" must be a string or null";
    QTest::newRow("unknown role") << QByteArray(R"([{"role":"wizard","content":"x"}])") << "unknown message role 'wizard'";
    QTest::newRow("message not an object") << QByteArray(R"(["hello"])") << "message 0";
    QTest::newRow("not an array") << QByteArray(R"({"role":"user","content":"x"})") << "must be a JSON array";
    QTest::newRow("empty array") << QByteArray("[]") << "the conversation has no messages";
    QTest::newRow("empty file") << QByteArray() << "messages are not valid JSON";
    QTest::newRow("truncated") << QByteArray(R"([{"role":"user","content":"x")") << "messages are not valid JSON";
    QTest::newRow("deeply nested") << QByteArray(100000, '[') << "messages are not valid JSON";
}

void TestCliBadInput::messagesFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const QString path = dir_.filePath(QStringLiteral("messages.json"));
    writeFile(path, json);
    expectInvalid(runCli({"template", model_, "--messages", path}), QStringLiteral("template"), message);
    expectInvalid(runCli({"generate", model_, "--messages", path, "-n", "1", "--backend", "cpu"}),
                  QStringLiteral("generate"), message);
}

void TestCliBadInput::messagesWithExtraFieldsWork()
{
    // Unknown fields (e.g. "name", "id" from other tools' exports) are ignored.
    const QString path = dir_.filePath(QStringLiteral("extra.json"));
    writeFile(path, R"([{"role":"user","content":"hola","name":"ana","id":7,"extra":{"a":[1,2]}}])");
    const Result r = runCli({"template", model_, "--messages", path, "--json"});
    QVERIFY2(!r.crashed && r.status == 0, qPrintable(describe(r)));
    QVERIFY(QString::fromStdString(nlohmann::json::parse(r.out.toStdString()).at("prompt").get<std::string>())
                .contains(QStringLiteral("hola")));
}

void TestCliBadInput::hugeInputs()
{
    const QByteArray text = bigText();
    // 2 MiB through --text-file: works.
    const QString textPath = dir_.filePath(QStringLiteral("big.txt"));
    writeFile(textPath, text);
    Result r = runCli({"tokenize", model_, "--text-file", textPath, "--json"});
    QVERIFY2(!r.crashed && r.status == 0, qPrintable(describe(r)));
    QVERIFY(nlohmann::json::parse(r.out.toStdString()).at("ids").size() > size_t(1) << 20);

    // 2 MiB as one message: more than the context, a clear error.
    const QString msgPath = dir_.filePath(QStringLiteral("big.json"));
    writeFile(msgPath, QByteArray::fromStdString(
                           nlohmann::json::array({{{"role", "user"}, {"content", text.toStdString()}}}).dump()));
    expectInvalid(runCli({"generate", model_, "--messages", msgPath, "-n", "1", "--backend", "cpu"}),
                  QStringLiteral("generate"), QStringLiteral("but the context holds"));

    // --prompt: Linux caps one argument at 128 KiB (MAX_ARG_STRLEN), so
    // 2 MiB cannot reach vela-cli through argv; 120 KB is the most that can.
    const QString prompt = QString::fromUtf8(text.left(120000)).left(100000);
    expectInvalid(runCli({"generate", model_, "--prompt", prompt, "-n", "1", "--backend", "cpu"}),
                  QStringLiteral("generate"), QStringLiteral("more than the context size 512"));
    r = runCli({"tokenize", model_, "--text", prompt});
    QVERIFY2(!r.crashed && r.status == 0, qPrintable(describe(r)));
}

void TestCliBadInput::invalidUtf8Prompt()
{
    // The tokenizer is byte-level: any bytes encode (0xFF and 0xFE as their
    // own byte tokens), so an ill-formed prompt works rather than failing.
    // The bytes go through a shell printf: QProcess would encode a QString
    // argument as valid UTF-8.
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"),
             {"-c", QStringLiteral("exec \"$0\" tokenize \"$1\" --text \"$(printf '\\377\\376 bad \\303')\" --json"),
              QStringLiteral(VELA_CLI_PATH), model_});
    QVERIFY(sh.waitForFinished(60000));
    QCOMPARE(sh.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sh.exitCode(), 0);
    const auto ids = nlohmann::json::parse(sh.readAllStandardOutput().toStdString()).at("ids");
    QCOMPARE(ids.front().get<int>(), 255);
    QCOMPARE(ids.at(1).get<int>(), 254);
    QCOMPARE(ids.back().get<int>(), 0xc3);
    sh.start(QStringLiteral("/bin/sh"),
             {"-c", QStringLiteral("exec \"$0\" generate \"$1\" --prompt \"$(printf '\\377\\376 bad \\303')\" -n 3 "
                                   "--backend cpu --seed 1"),
              QStringLiteral(VELA_CLI_PATH), model_});
    QVERIFY(sh.waitForFinished(60000));
    QCOMPARE(sh.exitStatus(), QProcess::NormalExit);
    QVERIFY2(sh.exitCode() == 0, sh.readAllStandardError().constData());
}

void TestCliBadInput::directoryAsTextFile()
{
    // A directory given where a text file is expected must be refused as
    // such (std::ifstream opens a directory on Linux and reads it as empty).
    const QString d = dir_.path();
    const Result tok = runCli({"tokenize", model_, "--text-file", d});
    QVERIFY(!tok.crashed);
    QCOMPARE(tok.status, 2);
    const Result tmpl = runCli({"template", model_, "--messages", d});
    QVERIFY(!tmpl.crashed);
    QCOMPARE(tmpl.status, 2);
    QVERIFY2(tmpl.err.contains("is a directory"), tmpl.err.constData());
}

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "tst_cli_bad_input.moc"
