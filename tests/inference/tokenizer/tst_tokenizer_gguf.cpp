// Tokenizer::fromGguf on GGUF files crafted in memory with gguf::Writer:
// a valid one, then each tokenizer.ggml.* key made hostile in turn.
#include "small_vocab.h"
#include "tokenizer_test_util.h"

#include "gguf/gguf_file.h"
#include "gguf/gguf_writer.h"
#include "tokenizer/tokenizer.h"

#include <QtTest/QtTest>

#include <functional>

using namespace vela::tokenizer;
using vela::gguf::File;
using vela::gguf::MappedFile;
using vela::gguf::Writer;

namespace {

// What goes into the file; tests change one field and rebuild.
struct Spec {
    std::optional<std::string> model = "gpt2";
    std::optional<std::string> pre = "qwen2";
    std::vector<std::string> tokens;
    std::vector<int32_t> types;
    std::vector<std::string> merges;
    bool typesAsStrings = false;
    bool withTypes = true, withMerges = true;
    std::optional<uint32_t> bos, eos, pad;
    std::optional<int32_t> signedEos;
    std::optional<bool> addBos;
};

Spec validSpec()
{
    const auto v = vela::test::smallVocab();
    Spec s;
    s.tokens = v.data.tokens;
    for (TokenKind k : v.data.kinds)
        s.types.push_back(static_cast<int32_t>(k));
    s.merges = v.data.merges;
    s.bos = uint32_t(v.endOfText);
    s.eos = uint32_t(v.imEnd);
    s.pad = uint32_t(v.endOfText);
    s.addBos = false;
    return s;
}

File build(const Spec& s)
{
    Writer w;
    w.setString("general.architecture", "qwen3");
    if (s.model)
        w.setString("tokenizer.ggml.model", *s.model);
    if (s.pre)
        w.setString("tokenizer.ggml.pre", *s.pre);
    w.setStringArray("tokenizer.ggml.tokens", s.tokens);
    if (s.withTypes && s.typesAsStrings)
        w.setStringArray("tokenizer.ggml.token_type", std::vector<std::string>(s.tokens.size(), "1"));
    else if (s.withTypes)
        w.setInt32Array("tokenizer.ggml.token_type", s.types);
    if (s.withMerges)
        w.setStringArray("tokenizer.ggml.merges", s.merges);
    if (s.bos)
        w.setUInt32("tokenizer.ggml.bos_token_id", *s.bos);
    if (s.eos)
        w.setUInt32("tokenizer.ggml.eos_token_id", *s.eos);
    if (s.signedEos)
        w.setInt32("tokenizer.ggml.eos_token_id", *s.signedEos);
    if (s.pad)
        w.setUInt32("tokenizer.ggml.padding_token_id", *s.pad);
    if (s.addBos)
        w.setBool("tokenizer.ggml.add_bos_token", *s.addBos);
    return File::parse(MappedFile::fromBytes(w.toBytes()));
}

Tokenizer load(const std::function<void(Spec&)>& change)
{
    Spec s = validSpec();
    change(s);
    return Tokenizer::fromGguf(build(s));
}

} // namespace

class TestTokenizerGguf : public QObject {
    Q_OBJECT
private slots:
    void validFileLoads();
    void hostileMetadata();
};

void TestTokenizerGguf::validFileLoads()
{
    const auto v = vela::test::smallVocab();
    const Tokenizer tok = load([](Spec&) {});
    QCOMPARE(tok.vocabSize(), v.data.tokens.size());
    QCOMPARE(tok.eos(), std::optional<TokenId>(v.imEnd));
    QCOMPARE(tok.bos(), std::optional<TokenId>(v.endOfText));
    QVERIFY(!tok.addBos());
    QCOMPARE(tok.kind(v.think), TokenKind::UserDefined);
    QCOMPARE(tok.encode("<|im_start|>hello", true), (std::vector<TokenId>{v.imStart, *tok.find("hello")}));

    const Tokenizer noIds = load([](Spec& s) {
        s.bos.reset();
        s.eos.reset();
        s.pad.reset();
        s.addBos = true;
    });
    QCOMPARE(noIds.eos(), std::optional<TokenId>());
    QVERIFY(noIds.addBos());
    // <|im_end|> still ends generation without an EOS key.
    QVERIFY(noIds.isEndOfGeneration(v.imEnd));
}

void TestTokenizerGguf::hostileMetadata()
{
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.model.reset(); }), "has no tokenizer");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.model = "llama"; }), "unsupported tokenizer model 'llama'");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.pre.reset(); }), "'tokenizer.ggml.pre' is missing");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.pre = "llama-bpe"; }),
                              "unsupported pre-tokenizer 'llama-bpe'");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) {
                                  s.tokens.clear();
                                  s.types.clear();
                                  s.merges.clear();
                              }),
                              "'tokenizer.ggml.tokens' is empty");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.types.pop_back(); }),
                              "'tokenizer.ggml.token_type' has");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.types[7] = 7; }), "entry 7 is 7, expected 0..6");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.types[8] = -2; }), "entry 8 is -2");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.typesAsStrings = true; }), "tokenizer.ggml.token_type");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.withTypes = false; }),
                              "'tokenizer.ggml.token_type' is missing");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.withMerges = false; }), "'tokenizer.ggml.merges' is missing");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.merges.push_back("hello"); }), "is not of the form");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.merges.push_back("x nothere"); }), "not in the vocabulary");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.bos = uint32_t(s.tokens.size()); }),
                              "'tokenizer.ggml.bos_token_id' = ");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.eos = 0xFFFFFFFFu; }), "is out of range");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) { s.pad = 1u << 31; }), "padding_token_id");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) {
                                  s.eos.reset();
                                  s.signedEos = -1;
                              }),
                              "eos_token_id");
    VELA_VERIFY_INVALID_INPUT(load([](Spec& s) {
                                  s.tokens.push_back("hello");
                                  s.types.push_back(1);
                              }),
                              "has the same text as token");
}

QTEST_GUILESS_MAIN(TestTokenizerGguf)
#include "tst_tokenizer_gguf.moc"
