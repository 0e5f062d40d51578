// The hostile GGUF corpus (tests/data/gguf-bad): the committed files are
// exactly what `vela-testgen bad-gguf` writes (so the corpus cannot drift),
// the README lists each one, and every file is refused cleanly:
//   - `vela-cli info FILE` exits 2 with one precise line on stderr, under a
//     512 MiB address-space limit (no crash, no huge allocation);
//   - the desktop app's import path (gguf::File::open, model::Model::open,
//     Tokenizer::fromGguf, chat::detectFamily) throws InvalidInput with the
//     same phrase.
// The debug preset runs this same test under ASan/UBSan (without the memory
// limit there: the sanitizers reserve terabytes of address space).
#include "bad_gguf.h"
#include "chat/chat_format.h"
#include "common/error.h"
#include "gguf/gguf_file.h"
#include "model/model.h"
#include "model_writer.h"
#include "tokenizer/tokenizer.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <set>
#include <sys/resource.h>

using namespace vela;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

constexpr rlim_t kChildAddressSpace = rlim_t(512) << 20;

std::filesystem::path corpusDir() { return std::filesystem::path(VELA_SOURCE_DIR) / "tests" / "data" / "gguf-bad"; }

QByteArray toQByteArray(const std::vector<std::byte>& b)
{
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

struct CliResult {
    bool finished = false;
    QProcess::ExitStatus status = QProcess::NormalExit;
    int code = -1;
    QByteArray out, err;
};

// Runs vela-cli with an address-space limit (unless sanitized).
CliResult runCli(const QStringList& args)
{
    QProcess p;
    if (!kSanitized) {
        p.setChildProcessModifier([] {
            const rlimit lim{kChildAddressSpace, kChildAddressSpace};
            ::setrlimit(RLIMIT_AS, &lim);
        });
    }
    p.start(QStringLiteral(VELA_CLI_PATH), args);
    CliResult r;
    r.finished = p.waitForStarted(20000) && p.waitForFinished(60000);
    r.status = p.exitStatus();
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void addRows()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    for (const test::BadGguf& b : test::badGgufCorpus())
        QTest::newRow(b.file.c_str()) << QString::fromStdString(b.file) << QString::fromStdString(b.expected);
}

} // namespace

class TestGgufHostileCorpus : public QObject {
    Q_OBJECT
private slots:
    void committedCorpusMatchesGenerator();
    void readmeListsEveryFile();
    void cliRefuses_data() { addRows(); }
    void cliRefuses();
    void importPathRefuses_data() { addRows(); }
    void importPathRefuses();
    void memoryLimitLeavesValidModelsAlone();
};

void TestGgufHostileCorpus::committedCorpusMatchesGenerator()
{
    const auto cases = test::badGgufCorpus();
    QVERIFY(cases.size() >= 60);
    std::set<std::string> generated;
    for (const test::BadGguf& b : cases) {
        QVERIFY2(generated.insert(b.file).second, b.file.c_str());
        QFile f(QString::fromStdString((corpusDir() / b.file).string()));
        QVERIFY2(f.open(QIODevice::ReadOnly),
                 qPrintable(QStringLiteral("%1 is not committed; run: vela-testgen bad-gguf tests/data/gguf-bad")
                                .arg(QString::fromStdString(b.file))));
        QVERIFY2(f.readAll() == toQByteArray(b.bytes),
                 qPrintable(QStringLiteral("%1 differs from the generator's; regenerate with: "
                                           "vela-testgen bad-gguf tests/data/gguf-bad")
                                .arg(QString::fromStdString(b.file))));
        QVERIFY2(b.bytes.size() <= 16 * 1024, b.file.c_str());
    }
    for (const auto& entry : std::filesystem::directory_iterator(corpusDir())) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() == ".gguf")
            QVERIFY2(generated.count(name), qPrintable(QStringLiteral("stray file %1 in the corpus")
                                                          .arg(QString::fromStdString(name))));
    }
}

void TestGgufHostileCorpus::readmeListsEveryFile()
{
    QFile readme(QString::fromStdString((corpusDir() / "README.md").string()));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QByteArray text = readme.readAll();
    QVERIFY2(text == QByteArray::fromStdString(test::badGgufReadme()),
             "README.md differs from the generator's; regenerate with: vela-testgen bad-gguf tests/data/gguf-bad");
    for (const test::BadGguf& b : test::badGgufCorpus())
        QVERIFY2(text.contains(("`" + b.file + "`").c_str()), b.file.c_str());
}

void TestGgufHostileCorpus::cliRefuses()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const QString path = QString::fromStdString((corpusDir() / file.toStdString()).string());
    const CliResult r = runCli({QStringLiteral("info"), path});
    QVERIFY2(r.finished, "vela-cli did not finish");
    QCOMPARE(r.status, QProcess::NormalExit); // a signal (crash, abort) is a failure
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(r.code == 2, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.code).arg(err)));
    QVERIFY(r.out.isEmpty());
    QVERIFY2(err.endsWith(QLatin1Char('\n')) && err.count(QLatin1Char('\n')) == 1,
             qPrintable(QStringLiteral("not one line: %1").arg(err)));
    QVERIFY2(err.startsWith(QLatin1String("vela-cli info: ")), qPrintable(err));
    QVERIFY2(err.contains(expected), qPrintable(QStringLiteral("'%1' lacks '%2'").arg(err.trimmed(), expected)));
    QVERIFY2(!err.contains(QLatin1String("out of memory")), qPrintable(err));
}

void TestGgufHostileCorpus::importPathRefuses()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const std::filesystem::path path = corpusDir() / file.toStdString();
    try {
        // As app/engine's loadEngine does: the model, its tokenizer, the
        // chat template family.
        const auto model = model::Model::open(path);
        const auto tok = tokenizer::Tokenizer::fromGguf(model->file);
        (void)chat::detectFamily(model->file);
        (void)tok;
    } catch (const InvalidInput& e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.contains(expected), qPrintable(QStringLiteral("'%1' lacks '%2'").arg(msg, expected)));
        QVERIFY2(!msg.contains(QLatin1Char('\n')), qPrintable(msg));
        // File::open on its own either fails the same way or succeeds.
        try {
            (void)gguf::File::open(path);
        } catch (const InvalidInput& again) {
            QVERIFY2(QString::fromUtf8(again.what()).contains(expected), again.what());
        }
        return;
    } catch (const std::exception& e) {
        QFAIL(qPrintable(QStringLiteral("not InvalidInput: %1").arg(QString::fromUtf8(e.what()))));
    }
    QFAIL("accepted");
}

void TestGgufHostileCorpus::memoryLimitLeavesValidModelsAlone()
{
    // The limit must not be what makes the hostile files fail: a valid
    // model of the same shape passes under it.
    QTemporaryDir dir;
    test::ModelSpec s;
    s.nLayers = 1;
    s.nEmbd = 4;
    s.headDim = 4;
    s.nHead = {1};
    s.nHeadKv = {1};
    s.nFf = {4};
    s.nVocab = 261;
    const QString path = dir.filePath(QStringLiteral("ok.gguf"));
    test::writeModel(s, path.toStdString());
    const CliResult r = runCli({QStringLiteral("info"), path});
    QVERIFY(r.finished);
    QCOMPARE(r.status, QProcess::NormalExit);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(r.out.contains("qwen3"));
}

QTEST_GUILESS_MAIN(TestGgufHostileCorpus)
#include "tst_gguf_hostile_corpus.moc"
