// Tokenizer building blocks on vocabularies built in code (no ../shared
// needed): the GPT-2 byte alphabet, the qwen2 pre-tokenizer split, the
// handling of invalid UTF-8 and the order of BPE merges.
#include "small_vocab.h"

#include "tokenizer/byte_alphabet.h"
#include "tokenizer/pretokenizer.h"
#include "tokenizer/tokenizer.h"

#include <QtTest/QtTest>

using namespace vela::tokenizer;
using vela::test::byteVocab;
using vela::test::smallVocab;

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(std::vector<std::string>)

namespace {

std::vector<std::string> split(const std::string& text)
{
    std::vector<detail::Span> spans;
    detail::splitQwen2(text, 0, spans);
    std::vector<std::string> out;
    for (const auto& s : spans)
        out.push_back(text.substr(s.begin, s.end - s.begin));
    return out;
}

std::vector<std::string> pieces(const Tokenizer& t, const std::vector<TokenId>& ids)
{
    std::vector<std::string> out;
    for (TokenId id : ids)
        out.push_back(t.tokenBytes(id));
    return out;
}

} // namespace

class TestTokenizerPieces : public QObject {
    Q_OBJECT
private slots:
    void byteAlphabet();
    void qwen2Split_data();
    void qwen2Split();
    void invalidUtf8BecomesBytePieces();
    void bpeAppliesLowestRankFirst();
    void bpeTiesGoLeftmost();
    void bpeLongPiece();
};

void TestTokenizerPieces::byteAlphabet()
{
    // GPT-2 bytes_to_unicode: printable Latin-1 keeps its value, the rest
    // (0x00-0x20, 0x7F-0xA0, 0xAD) map to U+0100.. in byte order.
    QCOMPARE(uint32_t(detail::byteToCodePoint('A')), uint32_t('A'));
    QCOMPARE(uint32_t(detail::byteToCodePoint(0x00)), 0x100u);
    QCOMPARE(uint32_t(detail::byteToCodePoint('\n')), 0x10Au);
    QCOMPARE(uint32_t(detail::byteToCodePoint(' ')), 0x120u);
    QCOMPARE(uint32_t(detail::byteToCodePoint(0x7F)), 0x121u);
    QCOMPARE(uint32_t(detail::byteToCodePoint(0xAD)), 0x143u);
    QCOMPARE(uint32_t(detail::byteToCodePoint(0xFF)), 0xFFu);
    for (int b = 0; b < 256; ++b)
        QCOMPARE(detail::codePointToByte(detail::byteToCodePoint(uint8_t(b))), std::optional<uint8_t>(uint8_t(b)));
    QCOMPARE(detail::codePointToByte(0x144), std::optional<uint8_t>());
    QCOMPARE(detail::codePointToByte(0x80), std::optional<uint8_t>()); // 0x80 is remapped, not kept
    QCOMPARE(detail::byteToken(' '), std::string("\xC4\xA0")); // "Ġ"
    std::string all;
    for (int b = 0; b < 256; ++b)
        all += char(b);
    QCOMPARE(detail::tokenTextToBytes(detail::bytesToTokenText(all)), all);
}

void TestTokenizerPieces::qwen2Split_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<std::vector<std::string>>("expected");
    using V = std::vector<std::string>;
    QTest::newRow("words") << std::string("Hello world") << V{"Hello", " world"};
    QTest::newRow("contraction") << std::string("I'm we'll") << V{"I", "'m", " we", "'ll"};
    QTest::newRow("contraction-case") << std::string("JOHN'S I'D") << V{"JOHN", "'S", " I", "'D"};
    QTest::newRow("no-contraction") << std::string("'x") << V{"'x"};
    QTest::newRow("digits-one-by-one") << std::string("3.14") << V{"3", ".", "1", "4"};
    QTest::newRow("letters-then-digits") << std::string("abc123") << V{"abc", "1", "2", "3"};
    QTest::newRow("two-spaces") << std::string("a  b") << V{"a", " ", " b"};
    QTest::newRow("trailing-spaces") << std::string("x  ") << V{"x", "  "};
    QTest::newRow("single-space-then-digit") << std::string("a 1") << V{"a", " ", "1"};
    QTest::newRow("newlines") << std::string("a\n\n  b") << V{"a", "\n\n", " ", " b"};
    QTest::newRow("punct-newlines") << std::string("!!!\n\nx") << V{"!!!\n\n", "x"};
    QTest::newRow("space-punct") << std::string("a ?!") << V{"a", " ?!"};
    QTest::newRow("tab-word") << std::string("\tword") << V{"\tword"};
    QTest::newRow("newline-not-prefix") << std::string("\nword") << V{"\n", "word"};
    QTest::newRow("crlf") << std::string("a\r\nb") << V{"a", "\r\n", "b"};
    QTest::newRow("spaces-before-newline") << std::string("a  \n b") << V{"a", "  \n", " b"};
    QTest::newRow("cjk") << std::string("\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C") << V{"\xE4\xBD\xA0\xE5\xA5\xBD", "\xEF\xBC\x8C"};
    QTest::newRow("nbsp-prefix") << std::string("a\xC2\xA0word") << V{"a", "\xC2\xA0word"};
    QTest::newRow("combining-mark-is-other") << std::string("e\xCC\x81x") << V{"e", "\xCC\x81x"};
    QTest::newRow("emoji") << std::string("I \xF0\x9F\x8D\x95!") << V{"I", " \xF0\x9F\x8D\x95!"};
    QTest::newRow("long-s-folds-to-s") << std::string("'\xC5\xBF") << V{"'\xC5\xBF"};
}

void TestTokenizerPieces::qwen2Split()
{
    QFETCH(std::string, text);
    QFETCH(std::vector<std::string>, expected);
    QCOMPARE(split(text), expected);
}

void TestTokenizerPieces::invalidUtf8BecomesBytePieces()
{
    std::string text;
    std::vector<detail::Span> spans;
    // 0xFF never starts a character; E2 82 is a truncated 3-byte sequence.
    detail::pretokenizeFragment("ab\xFF\xE2\x82 cd", text, spans);
    QCOMPARE(text, std::string("ab\xFF\xE2\x82 cd"));
    std::vector<std::string> got;
    for (const auto& s : spans)
        got.push_back(text.substr(s.begin, s.end - s.begin));
    QCOMPARE(got, (std::vector<std::string>{"ab", "\xFF", "\xE2", "\x82", " cd"}));

    const Tokenizer tok(smallVocab().data);
    // Every invalid byte becomes its single-byte token (id = byte here).
    const std::vector<TokenId> ids = tok.encode("\xC3(\xFF", false);
    QCOMPARE(ids, (std::vector<TokenId>{0xC3, '(', 0xFF}));
}

void TestTokenizerPieces::bpeAppliesLowestRankFirst()
{
    // "b c" outranks "a b": abc -> a|bc -> abc through "a bc".
    const Tokenizer t1(byteVocab({"b c", "a b", "a bc"}));
    QCOMPARE(pieces(t1, t1.encode("abc", false)), (std::vector<std::string>{"abc"}));
    // Without "a bc", the rank order decides the result.
    const Tokenizer t2(byteVocab({"b c", "a b"}));
    QCOMPARE(pieces(t2, t2.encode("abc", false)), (std::vector<std::string>{"a", "bc"}));
    const Tokenizer t3(byteVocab({"a b", "b c"}));
    QCOMPARE(pieces(t3, t3.encode("abc", false)), (std::vector<std::string>{"ab", "c"}));
}

void TestTokenizerPieces::bpeTiesGoLeftmost()
{
    const Tokenizer t(byteVocab({"a a"}));
    QCOMPARE(pieces(t, t.encode("aaa", false)), (std::vector<std::string>{"aa", "a"}));
    QCOMPARE(pieces(t, t.encode("aaaaa", false)), (std::vector<std::string>{"aa", "aa", "a"}));
    const Tokenizer t2(byteVocab({"a a", "aa aa"}));
    QCOMPARE(pieces(t2, t2.encode("aaaaaaa", false)), (std::vector<std::string>{"aaaa", "aa", "a"}));
}

void TestTokenizerPieces::bpeLongPiece()
{
    // One 200 KB pre-token must neither be slow nor lose anything.
    const Tokenizer t(byteVocab({"a a", "aa aa", "aaaa aaaa"}));
    const std::string text(200000, 'a');
    const std::vector<TokenId> ids = t.encode(text, false);
    QCOMPARE(ids.size(), size_t(200000 / 8));
    QCOMPARE(t.decode(ids), text);
}

QTEST_GUILESS_MAIN(TestTokenizerPieces)
#include "tst_tokenizer_pieces.moc"
