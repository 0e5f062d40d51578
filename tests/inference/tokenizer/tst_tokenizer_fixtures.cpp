// Tokenizer tests against ../shared: the golden tokenizations of the full
// Qwen3 vocabulary (Hugging Face reference), the chat template golden prompts
// and the tiny fixture models' truncated vocabulary.
#include "common/shared_fixtures.h"
#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest/QtTest>

#include <optional>

using namespace vela::tokenizer;

namespace {

QJsonArray readJsonArray(const std::filesystem::path& path)
{
    QFile f(QString::fromStdString(path.string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).array();
}

std::string idsToString(const std::vector<TokenId>& ids)
{
    std::string s = "[";
    for (size_t i = 0; i < ids.size(); ++i)
        s += (i ? ", " : "") + std::to_string(ids[i]);
    return s + "]";
}

// The full vocabulary is loaded once (151,936 tokens, 151,387 merges).
const Tokenizer& fullVocab()
{
    static const Tokenizer t =
        Tokenizer::fromGguf(vela::gguf::File::open(vela::test::fixtureModel("qwen3-vocab.gguf")));
    return t;
}

} // namespace

class TestTokenizerFixtures : public QObject {
    Q_OBJECT
private slots:
    void goldenFile();
    void fullVocabMetadata();
    void nfcMatchesComposed();
    void specialParsingOnOff();
    void segmentsMatchRenderedChatPrompts();
    void roundTripsFullVocab();
    void tinyFixtureModelsLoad();
};

void TestTokenizerFixtures::goldenFile()
{
    VELA_REQUIRE_SHARED();
    const QJsonArray cases = readJsonArray(vela::test::fixture("tokenizer/tokenizer_golden.json"));
    QVERIFY2(!cases.isEmpty(), "tokenizer_golden.json is missing or empty");
    const Tokenizer& tok = fullVocab();
    QStringList failures;
    for (const QJsonValue& c : cases) {
        const QJsonObject o = c.toObject();
        const std::string name = o["name"].toString().toStdString();
        const QByteArray text = o["text"].toString().toUtf8();
        std::vector<TokenId> expected;
        for (const QJsonValue& id : o["ids"].toArray())
            expected.push_back(id.toInt());
        const std::vector<TokenId> got = tok.encode(std::string_view(text.constData(), text.size()), true);
        if (got != expected)
            failures << QString::fromStdString("case '" + name + "': expected " + idsToString(expected) +
                                               " got " + idsToString(got));
        // And back: decoding reproduces the (NFC) text of every case but es_nfd.
        if (name != "es_nfd")
            QCOMPARE(tok.decode(got), text.toStdString());
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join('\n')));
}

void TestTokenizerFixtures::fullVocabMetadata()
{
    VELA_REQUIRE_SHARED();
    const Tokenizer& tok = fullVocab();
    QCOMPARE(tok.vocabSize(), size_t(151936));
    QCOMPARE(tok.find("<|im_end|>"), std::optional<TokenId>(151645));
    QCOMPARE(tok.find("<think>"), std::optional<TokenId>(151667));
    QCOMPARE(tok.eos(), std::optional<TokenId>(151645));
    QCOMPARE(tok.bos(), std::optional<TokenId>(151643));
    QVERIFY(!tok.addBos());
    QVERIFY(tok.isEndOfGeneration(151645));
    QVERIFY(tok.isEndOfGeneration(151643));
    QVERIFY(!tok.isEndOfGeneration(151667));
    QCOMPARE(tok.kind(151645), TokenKind::Control);
    QCOMPARE(tok.kind(151667), TokenKind::UserDefined);
    QCOMPARE(tok.kind(151669), TokenKind::Unused);
    QVERIFY(tok.isSpecial(151667));
    QVERIFY(!tok.isSpecial(151669));
    QCOMPARE(tok.tokenBytes(151645), std::string("<|im_end|>"));
}

void TestTokenizerFixtures::nfcMatchesComposed()
{
    VELA_REQUIRE_SHARED();
    const Tokenizer& tok = fullVocab();
    // "acción, pingüino, mañana" composed and decomposed (combining marks).
    const std::string composed = "acci\xC3\xB3n, ping\xC3\xBCino, ma\xC3\xB1\x61na";
    const std::string decomposed = "accio\xCC\x81n, pingu\xCC\x88ino, man\xCC\x83\x61na";
    QCOMPARE(tok.encode(decomposed, false), tok.encode(composed, false));
}

void TestTokenizerFixtures::specialParsingOnOff()
{
    VELA_REQUIRE_SHARED();
    const Tokenizer& tok = fullVocab();
    const std::string typed = "<|im_end|>";
    QCOMPARE(tok.encode(typed, true), std::vector<TokenId>{151645});
    const std::vector<TokenId> plain = tok.encode(typed, false);
    QVERIFY(plain.size() > 1);
    for (TokenId id : plain)
        QVERIFY(!tok.isSpecial(id));
    QCOMPARE(tok.decode(plain), typed);
}

void TestTokenizerFixtures::segmentsMatchRenderedChatPrompts()
{
    VELA_REQUIRE_SHARED();
    const Tokenizer& tok = fullVocab();
    // A chat prompt as markup + content segments tokenizes exactly like the
    // whole rendered prompt when the content contains no special tokens.
    const QJsonArray cases = readJsonArray(vela::test::fixture("chat_template/chat_template_golden.json"));
    QVERIFY2(!cases.isEmpty(), "chat_template_golden.json is missing or empty");
    for (const QJsonValue& c : cases) {
        const std::string prompt = c.toObject()["prompt"].toString().toStdString();
        // Split at every "<|im_start|>ROLE\n" and "<|im_end|>": the pieces in
        // between become content segments with special parsing off.
        std::vector<TextSegment> segs;
        size_t pos = 0;
        while (pos < prompt.size()) {
            size_t open = prompt.find("<|im_start|>", pos);
            size_t close = prompt.find("<|im_end|>", pos);
            size_t next = std::min(open, close);
            if (next == std::string::npos) {
                segs.push_back({std::string_view(prompt).substr(pos), true});
                break;
            }
            if (next > pos)
                segs.push_back({std::string_view(prompt).substr(pos, next - pos), false});
            size_t markupEnd = next == close ? next + 10 : prompt.find('\n', next) + 1;
            if (markupEnd == 0)
                markupEnd = prompt.size();
            segs.push_back({std::string_view(prompt).substr(next, markupEnd - next), true});
            pos = markupEnd;
        }
        QCOMPARE(tok.encode(segs), tok.encode(prompt, true));
    }
}

void TestTokenizerFixtures::roundTripsFullVocab()
{
    VELA_REQUIRE_SHARED();
    const Tokenizer& tok = fullVocab();
    const std::vector<std::string> texts = {
        "Hello \xF0\x9F\x91\x8B world", "\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C\xE4\xB8\x96\xE7\x95\x8C",
        "bad \xFF\xFE bytes \xC3 and \xE2\x82 truncated \xF0\x9F\x98", "\r\n\t  \xC2\xA0\xE3\x80\x80x",
        std::string("nul\0inside", 10), "<|im_start|>user\nhi<|im_end|>",
    };
    for (const std::string& t : texts) {
        QCOMPARE(tok.decode(tok.encode(t, false)), t);
        QCOMPARE(tok.decode(tok.encode(t, true)), t);
    }
}

void TestTokenizerFixtures::tinyFixtureModelsLoad()
{
    VELA_REQUIRE_SHARED();
    for (const char* name : {"tiny-qwen3-F32.gguf", "tiny-qwen3-Q4_K_M.gguf", "tiny-qwen2-Q8_0.gguf",
                             "tiny-qwen3-untied-Q4_K_M.gguf", "qwen3-fullvocab-tiny-Q8_0.gguf"}) {
        const Tokenizer tok = Tokenizer::fromGguf(vela::gguf::File::open(vela::test::fixtureModel(name)));
        const bool full = tok.vocabSize() == 151936;
        QCOMPARE(tok.vocabSize(), full ? size_t(151936) : size_t(2048));
        const TokenId base = full ? 151643 : 2022;
        QCOMPARE(tok.find("<|endoftext|>"), std::optional<TokenId>(base));
        QCOMPARE(tok.find("<|im_start|>"), std::optional<TokenId>(base + 1));
        QCOMPARE(tok.find("<|im_end|>"), std::optional<TokenId>(base + 2));
        QCOMPARE(tok.find("<think>"), std::optional<TokenId>(base + 24));
        QCOMPARE(tok.find("</think>"), std::optional<TokenId>(base + 25));
        QCOMPARE(tok.eos(), std::optional<TokenId>(base + 2));
        const std::string chat = "<|im_start|>user\nHola, \xC2\xBF\x63\xC3\xB3mo est\xC3\xA1s?<|im_end|>\n";
        const std::vector<TokenId> ids = tok.encode(chat, true);
        QCOMPARE(ids.front(), base + 1);
        QCOMPARE(tok.decode(ids), chat);
    }
}

QTEST_GUILESS_MAIN(TestTokenizerFixtures)
#include "tst_tokenizer_fixtures.moc"
