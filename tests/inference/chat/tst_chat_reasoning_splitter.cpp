// Streaming reasoning/answer split over real Qwen3 tokens (tiny fixture vocabulary).
#include "chat/chat_format.h"
#include "chat/reasoning_splitter.h"

#include "chat_test_util.h"

#include <QtTest/QTest>

using namespace vela::chat;
using Phase = ReasoningSplitter::Phase;
using vela::tokenizer::TokenId;
using vela::tokenizer::Tokenizer;

namespace {

const Tokenizer& tiny()
{
    return vela::test::fixtureTokenizer("tiny-qwen3-Q8_0.gguf");
}

struct Streamed {
    std::string reasoning, content;
    std::vector<Phase> phases; // after each push
};

// Feeds `output` (special tokens parsed, as the model would emit them) one
// token at a time and checks the streaming invariants on the way.
Streamed stream(ReasoningSplitter& s, std::string_view output)
{
    Streamed r;
    auto take = [&](const ReasoningSplitter::Delta& d) {
        if (!vela::test::isValidUtf8(d.reasoning) || !vela::test::isValidUtf8(d.content))
            qFatal("a delta is not complete UTF-8");
        r.reasoning += d.reasoning;
        r.content += d.content;
    };
    for (TokenId id : tiny().encode(output, true)) {
        take(s.push(id));
        r.phases.push_back(s.phase());
        // What was shown never ends in newlines that may still be trimmed.
        if (s.phase() == Phase::Reasoning && !r.reasoning.empty() && r.reasoning.back() == '\n')
            qFatal("trailing reasoning newline was not held back");
        if (!r.content.empty() && r.content.front() == '\n')
            qFatal("leading answer newline was shown");
    }
    take(s.finish());
    if (r.reasoning != s.reasoning() || r.content != s.content())
        qFatal("accumulated text differs from the deltas");
    return r;
}

} // namespace

class TstChatReasoningSplitter : public QObject {
    Q_OBJECT

private slots:
    void thinkingThenAnswer()
    {
        VELA_REQUIRE_SHARED();
        QCOMPARE(tiny().find("<think>"), std::optional<TokenId>(2046));
        ReasoningSplitter s(tiny());
        QCOMPARE(s.phase(), Phase::Start);
        const std::string out = "<think>\n\nStep one.\n\nStep two.\n\n</think>\n\nThe answer\nis 4.\n";
        const Streamed r = stream(s, out);
        QCOMPARE(r.reasoning, std::string("Step one.\n\nStep two."));
        QCOMPARE(r.content, std::string("The answer\nis 4.\n"));
        QCOMPARE(r.phases.front(), Phase::Reasoning);
        QCOMPARE(r.phases.back(), Phase::Answer);
        QVERIFY(s.sawReasoning());
        // Same split as the template applies when the turn is re-rendered.
        const ThinkSplit t = splitThink(out);
        QCOMPARE(r.reasoning, t.reasoning);
        QCOMPARE(r.content, t.content);
    }

    void newlinesBeforeThinkAreDropped()
    {
        VELA_REQUIRE_SHARED();
        ReasoningSplitter s(tiny());
        const std::string out = "\n\n<think>r</think>a";
        const Streamed r = stream(s, out);
        QCOMPARE(r.reasoning, std::string("r"));
        QCOMPARE(r.content, std::string("a"));
        QCOMPARE(r.phases.front(), Phase::Start);
        QCOMPARE(splitThink(out).reasoning, r.reasoning);
    }

    void startsInsideThink()
    {
        VELA_REQUIRE_SHARED();
        ReasoningSplitter s(tiny(), /*startsInsideThink=*/true);
        QCOMPARE(s.phase(), Phase::Reasoning);
        const Streamed r = stream(s, "\nHmm, fine.\n</think>\n\nYes.");
        QCOMPARE(r.reasoning, std::string("Hmm, fine."));
        QCOMPARE(r.content, std::string("Yes."));
        QVERIFY(s.sawReasoning());
    }

    void noThinkBlock()
    {
        VELA_REQUIRE_SHARED();
        ReasoningSplitter s(tiny());
        // A late <think> and a stray </think> are not a think block: text.
        const Streamed r = stream(s, "\n\nJust text, <think> and </think>.\n");
        QCOMPARE(r.reasoning, std::string());
        QCOMPARE(r.content, std::string("Just text, <think> and </think>.\n"));
        QVERIFY(!s.sawReasoning());
        QCOMPARE(s.phase(), Phase::Answer);
    }

    void endOfGenerationTokensAreIgnored()
    {
        VELA_REQUIRE_SHARED();
        ReasoningSplitter s(tiny());
        stream(s, "ok");
        QVERIFY(s.push(*tiny().find("<|im_end|>")).empty());
        QVERIFY(s.push(*tiny().find("<|endoftext|>")).empty());
        QCOMPARE(s.content(), std::string("ok"));
    }

    void unterminatedThinkStaysReasoning()
    {
        VELA_REQUIRE_SHARED();
        ReasoningSplitter s(tiny());
        const Streamed r = stream(s, "<think>\nstill thinking\n\n");
        QCOMPARE(r.reasoning, std::string("still thinking"));
        QVERIFY(r.content.empty());
        QCOMPARE(s.phase(), Phase::Reasoning);
    }

    // Characters whose bytes span several tokens come out whole.
    void multiByteCharacterSplitOverTokens()
    {
        VELA_REQUIRE_SHARED();
        const std::string emoji = "\xF0\x9F\x99\x82"; // U+1F642
        QVERIFY2(tiny().encode(emoji, false).size() >= 2, "fixture vocabulary no longer splits the character");

        ReasoningSplitter s(tiny());
        const Streamed r = stream(s, "<think>\n" + emoji + "ñ" + emoji + "\n</think>\n\n" + emoji + " ok");
        QCOMPARE(r.reasoning, emoji + "ñ" + emoji);
        QCOMPARE(r.content, emoji + " ok");

        // A character cut off by the end of generation becomes U+FFFD.
        ReasoningSplitter cut(tiny());
        const auto ids = tiny().encode("a" + emoji, false);
        std::string content;
        for (size_t i = 0; i + 1 < ids.size(); ++i)
            content += cut.push(ids[i]).content;
        QCOMPARE(content, std::string("a"));
        const std::string rest = cut.finish().content;
        const std::string replacement = "\xEF\xBF\xBD";
        QVERIFY(!rest.empty() && rest.size() % replacement.size() == 0);
        for (size_t i = 0; i < rest.size(); i += replacement.size())
            QCOMPARE(rest.substr(i, replacement.size()), replacement);
    }
};

QTEST_GUILESS_MAIN(TstChatReasoningSplitter)
#include "tst_chat_reasoning_splitter.moc"
