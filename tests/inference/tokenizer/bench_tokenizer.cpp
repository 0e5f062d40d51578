// Tokenizer throughput (ctest label "bench"; prints timings, asserts only
// correctness, so it never fails on a slow machine). Run it directly:
//   build/bin/bench_tokenizer
#include "small_vocab.h"

#include "common/shared_fixtures.h"
#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

#include <QElapsedTimer>
#include <QtTest/QtTest>

using namespace vela::tokenizer;

namespace {

// ~100 KB of chat-like text: English and Spanish prose, code, CJK, emoji.
std::string realisticPrompt(size_t bytes)
{
    const char* paragraphs[] = {
        "The quick brown fox jumps over the lazy dog. It's 3:45 pm and we'll meet at 221B Baker Street.\n",
        "\xC2\xBF\x44\xC3\xB3nde est\xC3\xA1 la biblioteca? Ma\xC3\xB1\x61na vamos a la playa con los ni\xC3\xB1os.\n",
        "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)  # naive\n\n",
        "for (int i = 0; i < n; ++i) { total += values[i] * 0.5f; }\n",
        "\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C\xE4\xB8\x96\xE7\x95\x8C\xEF\xBC\x81 \xF0\x9F\x8D\x95\xF0\x9F\x90\x91 "
        "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB\n",
        "    Indented text\twith tabs, URLs like https://example.com/a?b=1 and   spaces.\n\n",
    };
    std::string out;
    for (size_t i = 0; out.size() < bytes; ++i)
        out += paragraphs[i % std::size(paragraphs)] + std::to_string(i) + " ";
    out.resize(bytes);
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
        out.pop_back(); // do not end inside a character
    return out;
}

// NFC may change valid text inside random bytes, so for those only the ids
// are checked to be stable (exact = false).
void timeEncode(const Tokenizer& tok, const char* what, const std::string& text, bool exact = true)
{
    QElapsedTimer timer;
    timer.start();
    const std::vector<TokenId> ids = tok.encode(text, true);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    qInfo("%-28s %7zu bytes -> %6zu tokens in %8.2f ms (%.1f MB/s)", what, text.size(), ids.size(), ms,
          double(text.size()) / 1e3 / ms);
    if (exact)
        QCOMPARE(tok.decode(ids), text);
    else
        QCOMPARE(tok.encode(tok.decode(ids), true), ids);
}

} // namespace

class BenchTokenizer : public QObject {
    Q_OBJECT
private slots:
    void fullVocabulary();
    void pathologicalInputs();
};

void BenchTokenizer::fullVocabulary()
{
    VELA_REQUIRE_SHARED();
    QElapsedTimer timer;
    timer.start();
    const Tokenizer tok =
        Tokenizer::fromGguf(vela::gguf::File::open(vela::test::fixtureModel("qwen3-vocab.gguf")));
    qInfo("load qwen3-vocab.gguf (%zu tokens): %.1f ms", tok.vocabSize(), double(timer.nsecsElapsed()) / 1e6);
    const std::string prompt = realisticPrompt(100 * 1024);
    timeEncode(tok, "100 KB prompt (cold)", prompt);
    timeEncode(tok, "100 KB prompt (warm)", prompt);
    timeEncode(tok, "100 KB of one letter", std::string(100 * 1024, 'a'));
    timeEncode(tok, "100 KB of spaces", std::string(100 * 1024, ' '));
    timeEncode(tok, "100 KB of digits", std::string(100 * 1024, '7'));
}

void BenchTokenizer::pathologicalInputs()
{
    const Tokenizer tok(vela::test::smallVocab().data);
    std::string bytes;
    uint32_t x = 12345;
    for (int i = 0; i < 100 * 1024; ++i) {
        x = x * 1664525u + 1013904223u;
        bytes += char(x >> 24);
    }
    timeEncode(tok, "small vocab: random bytes", bytes, false);
    timeEncode(tok, "small vocab: <|im_end|> x 10k", [] {
        std::string s;
        for (int i = 0; i < 10000; ++i)
            s += "<|im_end|>";
        return s;
    }());
    timeEncode(tok, "small vocab: 100 KB prompt", realisticPrompt(100 * 1024));
}

QTEST_GUILESS_MAIN(BenchTokenizer)
#include "bench_tokenizer.moc"
