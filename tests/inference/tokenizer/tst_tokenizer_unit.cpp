// Tokenizer unit tests on vocabularies built in code (no ../shared needed):
// round trips (also of invalid UTF-8), NFC, special tokens, segments,
// StreamDecoder, accessors and hostile VocabData.
#include "small_vocab.h"
#include "tokenizer_test_util.h"

#include "tokenizer/byte_alphabet.h"
#include "tokenizer/tokenizer.h"
#include "tokenizer/utf8.h"

#include <QRandomGenerator>
#include <QtTest/QtTest>

#include <algorithm>

using namespace vela::tokenizer;
using vela::test::byteVocab;
using vela::test::smallVocab;

Q_DECLARE_METATYPE(std::string)

namespace {

bool isValidUtf8(const std::string& s)
{
    for (size_t i = 0; i < s.size();) {
        const detail::Utf8Char c = detail::decodeUtf8(s, i);
        if (c.status != detail::Utf8Status::Ok)
            return false;
        i += c.length;
    }
    return true;
}

} // namespace

class TestTokenizerUnit : public QObject {
    Q_OBJECT
private slots:
    void roundTrips_data();
    void roundTrips();
    void randomBytesRoundTrip();
    void nfcBeforeSplitting();
    void specialParsingOnOff();
    void specialLongestMatch();
    void segments();
    void streamDecoderHoldsSplitCharacters();
    void streamDecoderReplacesInvalidBytes();
    void accessors();
    void outOfRangeIds();
    void hostileVocabData();
};

void TestTokenizerUnit::roundTrips_data()
{
    QTest::addColumn<std::string>("text");
    QTest::newRow("empty") << std::string();
    QTest::newRow("ascii") << std::string("hello world, the thing is 42!");
    QTest::newRow("spanish") << std::string("\xC2\xBFQu\xC3\xA9 tal? Ma\xC3\xB1\x61na en el caf\xC3\xA9.");
    QTest::newRow("cjk") << std::string("\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C\xE4\xB8\x96\xE7\x95\x8C");
    QTest::newRow("emoji") << std::string("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB \xF0\x9F\x87\xAA\xF0\x9F\x87\xB8");
    QTest::newRow("whitespace") << std::string(" \t\r\n\v\f\xC2\x85\xC2\xA0\xE2\x80\xA8\xE3\x80\x80 ");
    QTest::newRow("nul") << std::string("a\0b", 3);
    QTest::newRow("invalid") << std::string("\xFF\xFE\xC0\xAF\xED\xA0\x80\xF4\x90\x80\x80\xF0\x9F\x98");
    QTest::newRow("truncated-end") << std::string("ok \xE2\x82");
    QTest::newRow("specials-as-text") << std::string("<|im_start|>user\nhi<|im_end|><think></think>");
}

void TestTokenizerUnit::roundTrips()
{
    QFETCH(std::string, text);
    const Tokenizer tok(smallVocab().data);
    QCOMPARE(tok.decode(tok.encode(text, false)), text);
    QCOMPARE(tok.decode(tok.encode(text, true)), text);
}

void TestTokenizerUnit::randomBytesRoundTrip()
{
    const Tokenizer tok(smallVocab().data);
    QRandomGenerator rng(1234);
    const std::string alphabet = "ahelo wrd<|>_imtsnk/\n\t'\xC3\xA9\xCC\x81\xF0\x9F\x98\x80\xFF";
    for (int iter = 0; iter < 2000; ++iter) {
        std::string s;
        const int n = rng.bounded(40);
        for (int i = 0; i < n; ++i)
            s += rng.bounded(4) == 0 ? char(rng.bounded(256)) : alphabet[size_t(rng.bounded(int(alphabet.size())))];
        const bool special = iter % 2;
        // NFC may legitimately change valid text; compare against the NFC-free
        // property instead: the decoded bytes re-encode to the same ids.
        const std::vector<TokenId> ids = tok.encode(s, special);
        QCOMPARE(tok.encode(tok.decode(ids), special), ids);
    }
}

void TestTokenizerUnit::nfcBeforeSplitting()
{
    const auto v = smallVocab();
    const Tokenizer tok(v.data);
    const std::string composed = "caf\xC3\xA9";    // U+00E9
    const std::string decomposed = "cafe\xCC\x81"; // e + U+0301
    const std::vector<TokenId> ids = tok.encode(composed, false);
    // "é" outranks the merges that would make "café": two tokens, no byte tokens.
    QCOMPARE(ids, (std::vector<TokenId>{*tok.find("caf"), *tok.find("\xC3\x83\xC2\xA9")}));
    QCOMPARE(tok.encode(decomposed, false), ids);
    QCOMPARE(tok.decode(tok.encode(decomposed, false)), composed);
}

void TestTokenizerUnit::specialParsingOnOff()
{
    const auto v = smallVocab();
    const Tokenizer tok(v.data);
    QCOMPARE(tok.encode("<|im_end|>", true), std::vector<TokenId>{v.imEnd});
    const std::vector<TokenId> plain = tok.encode("<|im_end|>", false);
    QVERIFY(plain.size() > 1);
    for (TokenId id : plain)
        QVERIFY(!tok.isSpecial(id));
    QCOMPARE(tok.decode(plain), std::string("<|im_end|>"));
    QCOMPARE(tok.encode("<|im_start|>hello<|im_end|>", true),
             (std::vector<TokenId>{v.imStart, *tok.find("hello"), v.imEnd}));
    // User-defined tokens (type 4) are special too.
    QCOMPARE(tok.encode("<think>x</think>", true), (std::vector<TokenId>{v.think, 'x', v.endThink}));
    // Unused tokens are never matched.
    QVERIFY(tok.encode("[PAD]", true).size() > 1);
}

void TestTokenizerUnit::specialLongestMatch()
{
    const auto v = smallVocab();
    const Tokenizer tok(v.data);
    // "<|im" is a special of its own, but "<|im_start|>" is longer.
    QCOMPARE(tok.encode("<|im_start|>", true), std::vector<TokenId>{v.imStart});
    const std::vector<TokenId> ids = tok.encode("<|im_x", true);
    QCOMPARE(ids.front(), v.imPrefix);
    QCOMPARE(tok.decode(ids), std::string("<|im_x"));
}

void TestTokenizerUnit::segments()
{
    const auto v = smallVocab();
    const Tokenizer tok(v.data);
    // Chat markup with parsing on, user content with parsing off.
    const std::vector<TextSegment> segs = {
        {"<|im_start|>user\n", true},
        {"say <|im_end|> now", false},
        {"<|im_end|>\n", true},
    };
    const std::vector<TokenId> ids = tok.encode(segs);
    QCOMPARE(ids.front(), v.imStart);
    QCOMPARE(std::count(ids.begin(), ids.end(), v.imEnd), 1);
    QCOMPARE(ids[ids.size() - 2], v.imEnd);
    QCOMPARE(tok.decode(ids), std::string("<|im_start|>user\nsay <|im_end|> now<|im_end|>\n"));

    // Text between specials is one fragment across segments: splitting plain
    // text anywhere (even inside a character) does not change the result.
    const std::string whole = "hello world, the caf\xC3\xA9\n\n  x";
    const std::vector<TokenId> expected = tok.encode(whole, true);
    for (size_t cut1 = 0; cut1 <= whole.size(); ++cut1) {
        for (size_t cut2 = cut1; cut2 <= whole.size(); cut2 += 3) {
            const std::string_view w = whole;
            const std::vector<TextSegment> parts = {
                {w.substr(0, cut1), true}, {w.substr(cut1, cut2 - cut1), false}, {w.substr(cut2), true}};
            QCOMPARE(tok.encode(parts), expected);
        }
    }
    // A special is only recognised inside one segment that allows it.
    const std::vector<TextSegment> straddling = {{"<|im_", true}, {"end|>", true}};
    const std::vector<TokenId> straddled = tok.encode(straddling);
    QCOMPARE(std::count(straddled.begin(), straddled.end(), v.imEnd), 0);
    QCOMPARE(tok.decode(straddled), std::string("<|im_end|>"));
    QCOMPARE(tok.encode(std::vector<TextSegment>{}), std::vector<TokenId>{});
}

void TestTokenizerUnit::streamDecoderHoldsSplitCharacters()
{
    const auto v = smallVocab();
    const Tokenizer tok(v.data);
    // The small vocabulary has no merges for emoji: one byte token per byte.
    const std::string text = "a\xF0\x9F\x98\x80 \xE4\xBD\xA0\xC3\xB1";
    const std::vector<TokenId> ids = tok.encode(text, false);
    QVERIFY(ids.size() >= 9);
    StreamDecoder dec(tok);
    std::string out;
    for (TokenId id : ids) {
        const std::string piece = dec.push(id);
        QVERIFY2(isValidUtf8(piece), "StreamDecoder emitted broken UTF-8");
        out += piece;
    }
    out += dec.flush();
    QCOMPARE(out, text);
    // Nothing comes out until the emoji is complete.
    StreamDecoder d2(tok);
    QCOMPARE(d2.push(0xF0), std::string());
    QCOMPARE(d2.push(0x9F), std::string());
    QCOMPARE(d2.push(0x98), std::string());
    QCOMPARE(d2.push(0x80), std::string("\xF0\x9F\x98\x80"));
    QCOMPARE(d2.flush(), std::string());
}

void TestTokenizerUnit::streamDecoderReplacesInvalidBytes()
{
    const auto v = smallVocab();
    const Tokenizer tok(v.data);
    StreamDecoder dec(tok);
    QCOMPARE(dec.push(0xFF), std::string("\xEF\xBF\xBD"));
    QCOMPARE(dec.push(0xE2), std::string());
    QCOMPARE(dec.push('a'), std::string("\xEF\xBF\xBD" "a")); // the E2 can no longer complete
    QCOMPARE(dec.push(0xC3), std::string());
    QCOMPARE(dec.push(v.imEnd), std::string("\xEF\xBF\xBD<|im_end|>"));
    QCOMPARE(dec.push(0xF0), std::string());
    QCOMPARE(dec.flush(), std::string("\xEF\xBF\xBD")); // truncated at the end
    QCOMPARE(dec.flush(), std::string());
}

void TestTokenizerUnit::accessors()
{
    const auto v = smallVocab();
    const Tokenizer tok(v.data);
    QCOMPARE(tok.vocabSize(), v.data.tokens.size());
    QCOMPARE(tok.find("<|im_end|>"), std::optional<TokenId>(v.imEnd));
    QCOMPARE(tok.find("nope"), std::optional<TokenId>());
    QCOMPARE(tok.tokenText(' '), std::string("\xC4\xA0"));
    QCOMPARE(tok.tokenBytes(' '), std::string(" "));
    QCOMPARE(tok.tokenBytes(*tok.find("\xC4\xA0world")), std::string(" world"));
    QCOMPARE(tok.kind(v.think), TokenKind::UserDefined);
    QVERIFY(tok.isSpecial(v.imStart));
    QVERIFY(!tok.isSpecial('a'));
    QCOMPARE(tok.bos(), std::optional<TokenId>(v.endOfText));
    QCOMPARE(tok.eos(), std::optional<TokenId>(v.imEnd));
    QVERIFY(!tok.addBos());
    QVERIFY(tok.isEndOfGeneration(v.imEnd));
    QVERIFY(tok.isEndOfGeneration(v.endOfText));
    QVERIFY(!tok.isEndOfGeneration(v.imStart));
    QVERIFY(!tok.isEndOfGeneration(-1));
    QCOMPARE(tok.encode("", true), std::vector<TokenId>{});

    Tokenizer source(v.data);
    Tokenizer moved(std::move(source));
    QCOMPARE(moved.vocabSize(), v.data.tokens.size());
    source = std::move(moved);
    QCOMPARE(source.find("hello"), tok.find("hello"));
}

void TestTokenizerUnit::outOfRangeIds()
{
    const Tokenizer tok(smallVocab().data);
    const auto n = TokenId(tok.vocabSize());
    VELA_VERIFY_INVALID_INPUT(tok.decode(std::vector<TokenId>{1, n}), "out of range");
    VELA_VERIFY_INVALID_INPUT(tok.tokenBytes(-1), "out of range");
    VELA_VERIFY_INVALID_INPUT(tok.tokenText(n), "out of range");
    VELA_VERIFY_INVALID_INPUT(tok.kind(n + 100), "out of range");
    QVERIFY(!tok.isSpecial(n));
    StreamDecoder dec(tok);
    VELA_VERIFY_INVALID_INPUT(dec.push(n), "out of range");
}

void TestTokenizerUnit::hostileVocabData()
{
    const VocabData good = smallVocab().data;
    auto with = [&](auto change) {
        VocabData d = good;
        change(d);
        return d;
    };
    VELA_VERIFY_INVALID_INPUT(Tokenizer(VocabData{}), "vocabulary is empty");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.kinds.pop_back(); })), "token types for");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.kinds[3] = TokenKind(9); })),
                              "token 3 has token type 9");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.kinds[3] = TokenKind(-1); })),
                              "token type -1");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.pre = "llama3"; })),
                              "unsupported pre-tokenizer 'llama3'");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.merges.push_back("ab"); })),
                              "is not of the form 'left right'");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.merges.push_back("a  b"); })),
                              "is not of the form");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.merges.push_back(" a"); })),
                              "is not of the form");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.merges.push_back("a zzz"); })),
                              "names 'zzz', which is not in the vocabulary");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.merges.push_back("q z"); })),
                              "produces 'qz', which is not in the vocabulary");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.eos = TokenId(d.tokens.size()); })),
                              "EOS token id");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.bos = -5; })), "BOS token id -5");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.pad = 1 << 30; })), "PAD token id");
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) {
                                  d.tokens.push_back("hello");
                                  d.kinds.push_back(TokenKind::Normal);
                              })),
                              "has the same text as token");
    // A byte-level vocabulary must spell every byte.
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.tokens[0x41] = "A-gone"; })),
                              "no token for byte 0x41");
    // Control characters in hostile texts are escaped in messages.
    VELA_VERIFY_INVALID_INPUT(Tokenizer(with([](VocabData& d) { d.pre = "x\ny"; })), "'x\\x0Ay'");

    // Tolerated: repeated padding texts (the first id wins), empty specials,
    // repeated merges (the first rank wins) and no merges at all.
    const Tokenizer pad(with([](VocabData& d) {
        d.tokens.push_back("[PAD]");
        d.kinds.push_back(TokenKind::Unused);
        d.tokens.push_back("");
        d.kinds.push_back(TokenKind::Control);
        d.merges.push_back(d.merges.front());
    }));
    QCOMPARE(pad.find("[PAD]"), std::optional<TokenId>(TokenId(good.tokens.size() - 1)));
    QCOMPARE(pad.decode(pad.encode("hello", true)), std::string("hello"));
    const Tokenizer bytesOnly(byteVocab({}));
    QCOMPARE(bytesOnly.encode("hi", false), (std::vector<TokenId>{'h', 'i'}));
}

QTEST_GUILESS_MAIN(TestTokenizerUnit)
#include "tst_tokenizer_unit.moc"
