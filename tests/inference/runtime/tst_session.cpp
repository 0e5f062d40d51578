// Session and ChatSession logic over a scripted backend: a Backend whose
// logits make a chosen token sequence the argmax, so stopping, prefix reuse,
// context limits, the reasoning split and overflow can be checked exactly.
// (The arithmetic of real backends is tested in tests/inference/backend.)
#include "common/error.h"
#include "model_writer.h"
#include "runtime/chat_session.h"

#include <QtTest/QtTest>

#include <atomic>
#include <future>
#include <thread>

using namespace vela;
using runtime::TokenId;

namespace {

class ScriptedState final : public backend::RunState {
public:
    explicit ScriptedState(uint32_t n) : n_(n) {}
    uint32_t capacity() const override { return n_; }
    uint32_t n_;
};

// After a prompt of `scriptStart` tokens, the model "says" script[0], script[1], ...
class ScriptedBackend final : public backend::Backend {
public:
    explicit ScriptedBackend(std::shared_ptr<const model::Model> m) : model_(std::move(m)) {}
    std::string name() const override { return "scripted"; }
    backend::BackendKind kind() const override { return backend::BackendKind::Cpu; }
    const model::Model& model() const override { return *model_; }
    std::unique_ptr<backend::RunState> createState(uint32_t n) override { return std::make_unique<ScriptedState>(n); }
    void forward(backend::RunState& st, std::span<const TokenId> tokens, uint32_t pos, backend::LogitsMode mode,
                 std::vector<float>& logits) override
    {
        if (pos + tokens.size() > st.capacity())
            throw InvalidInput("context full");
        calls.push_back({pos, tokens.size()});
        modes.push_back(mode);
        if (delay.count())
            std::this_thread::sleep_for(delay);
        if (perPosition.count())
            std::this_thread::sleep_for(perPosition * tokens.size());
        if (mode == backend::LogitsMode::None) {
            logits.clear();
            return;
        }
        logits.assign(model_->config.nVocab, 0.0f);
        const size_t next = pos + tokens.size();
        const TokenId t = next >= scriptStart && next - scriptStart < script.size() ? script[next - scriptStart] : 'x';
        logits[size_t(t)] = 100.0f;
    }

    std::vector<TokenId> script;
    size_t scriptStart = 0;
    std::chrono::milliseconds delay{0};
    std::chrono::microseconds perPosition{0}; // time a position takes, on top of delay
    std::vector<std::pair<uint32_t, size_t>> calls; // (pos, n)
    std::vector<backend::LogitsMode> modes;         // of each call

private:
    std::shared_ptr<const model::Model> model_;
};

std::shared_ptr<const model::Model> tinyModel()
{
    test::ModelSpec spec;
    spec.nLayers = 1;
    spec.nEmbd = 32;
    spec.headDim = 16;
    return test::openModel(spec);
}

std::vector<TokenId> bytes(const std::string& s) { return {s.begin(), s.end()}; }

runtime::GenerateOptions greedy(int n)
{
    runtime::GenerateOptions o;
    o.maxTokens = n;
    o.sampling = sampling::SamplingParams::greedy();
    return o;
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT
private slots:
    void init();
    void prefillReusesTheCommonPrefix();
    void stopsAtEndOfGeneration();
    void stopsAtMaxTokensAndContextEnd();
    void stopRequestFromAnotherThreadWithinOneToken();
    void stopDuringPrefillEndsTheNextGeneration();
    void prefillRunsInChunksWithProgress();
    void stopBetweenPrefillChunksKeepsTheDoneChunks();
    void prefillChunksFollowTheBackendsSpeed();
    void errors();
    void chatReplySplitsReasoningAndTimesIt();
    void chatOnTokenSeesEveryToken();
    void chatStopWhileReadingThePrompt();
    void chatNextTurnReusesHistory();
    void overflowDropsOldestTurnsAfterSystem();

private:
    std::shared_ptr<const model::Model> model_;
    std::unique_ptr<tokenizer::Tokenizer> tok_;
    std::unique_ptr<ScriptedBackend> be_;
};

void TestSession::init()
{
    model_ = tinyModel();
    tok_ = std::make_unique<tokenizer::Tokenizer>(tokenizer::Tokenizer::fromGguf(model_->file));
    be_ = std::make_unique<ScriptedBackend>(model_);
}

void TestSession::prefillReusesTheCommonPrefix()
{
    runtime::Session s(*be_, *tok_, 128);
    auto st = s.prefill(bytes("hello world"));
    QCOMPARE(st.reused, size_t(0));
    QCOMPARE(st.computed, size_t(11));
    st = s.prefill(bytes("hello world, again"));
    QCOMPARE(st.reused, size_t(11));
    QCOMPARE(st.computed, size_t(7));
    QCOMPARE(be_->calls.back(), std::make_pair(uint32_t(11), size_t(7)));
    st = s.prefill(bytes("hello there"));
    QCOMPARE(st.reused, size_t(6));
    st = s.prefill(bytes("hello there")); // identical: only the last token again
    QCOMPARE(st.reused, size_t(10));
    QCOMPARE(st.computed, size_t(1));
    QCOMPARE(s.tokens(), bytes("hello there"));
}

void TestSession::stopsAtEndOfGeneration()
{
    runtime::Session s(*be_, *tok_, 64);
    be_->scriptStart = 3;
    be_->script = {'o', 'k', test::kTestImEnd, 'z'};
    s.prefill(bytes("abc"));
    std::vector<TokenId> streamed;
    auto opts = greedy(20);
    opts.onToken = [&](TokenId t) {
        streamed.push_back(t);
        return true;
    };
    auto r = s.generate(opts);
    QCOMPARE(r.reason, runtime::StopReason::EndOfGeneration);
    QCOMPARE(r.tokens, (std::vector<TokenId>{'o', 'k', test::kTestImEnd}));
    QCOMPARE(streamed, r.tokens);
    QCOMPARE(s.tokens(), bytes("abcok")); // the end token is not cached
}

void TestSession::stopsAtMaxTokensAndContextEnd()
{
    runtime::Session s(*be_, *tok_, 8);
    s.prefill(bytes("abcdef"));
    auto r = s.generate(greedy(2));
    QCOMPARE(r.reason, runtime::StopReason::MaxTokens);
    QCOMPARE(r.tokens.size(), size_t(2));
    r = s.generate(greedy(10));
    QCOMPARE(r.reason, runtime::StopReason::ContextFull);
    QCOMPARE(s.tokens().size(), size_t(8));
    auto cb = greedy(10);
    runtime::Session s2(*be_, *tok_, 64);
    s2.prefill(bytes("ab"));
    cb.onToken = [](TokenId) { return false; };
    r = s2.generate(cb);
    QCOMPARE(r.reason, runtime::StopReason::Callback);
    QCOMPARE(r.tokens.size(), size_t(1));
}

void TestSession::stopRequestFromAnotherThreadWithinOneToken()
{
    runtime::Session s(*be_, *tok_, 4096);
    s.prefill(bytes("go"));
    std::atomic<int> produced{0}, atStop{-1};
    // The 10th token waits until the other thread has asked for the stop, so
    // that the stop lands at a known token whatever the machine's speed.
    std::promise<void> reached, asked;
    std::future<void> reachedFuture = reached.get_future(), askedFuture = asked.get_future();
    auto opts = greedy(100000);
    opts.onToken = [&](TokenId) {
        if (++produced == 10) {
            reached.set_value();
            askedFuture.wait();
        }
        return true;
    };
    std::thread stopper([&] {
        reachedFuture.wait();
        atStop = produced.load();
        s.requestStop();
        asked.set_value();
    });
    auto r = s.generate(opts);
    stopper.join();
    QCOMPARE(atStop.load(), 10);
    QCOMPARE(r.reason, runtime::StopReason::Stopped);
    QVERIFY2(int(r.tokens.size()) <= atStop.load() + 1,
             qPrintable(QStringLiteral("%1 tokens after a stop at %2").arg(r.tokens.size()).arg(atStop.load())));
}

// A stop that arrives while the prompt is being processed (the GUI's Stop
// pressed right after Send) ends the generation that follows before its
// first token; a stop requested before the prefill is forgotten, and a stop
// ends one generation only.
void TestSession::stopDuringPrefillEndsTheNextGeneration()
{
    runtime::Session s(*be_, *tok_, 4096);
    s.requestStop(); // before: forgotten by the prefill
    s.prefill(bytes("go"));
    s.requestStop(); // as if during the prefill
    auto r = s.generate(greedy(5));
    QCOMPARE(r.reason, runtime::StopReason::Stopped);
    QCOMPARE(r.tokens.size(), size_t(0));
    r = s.generate(greedy(5)); // the stop was consumed
    QCOMPARE(r.reason, runtime::StopReason::MaxTokens);
    QCOMPARE(r.tokens.size(), size_t(5));
}

// A long prompt goes to the backend in chunks (only the last one asks for
// logits), with progress before the first chunk and after each. The first
// chunk of a session is the smallest; a fast backend then gets the largest.
void TestSession::prefillRunsInChunksWithProgress()
{
    using Mode = backend::LogitsMode;
    using Pairs = std::vector<std::pair<size_t, size_t>>;
    runtime::Session s(*be_, *tok_, 4096);
    const std::vector<TokenId> prompt(300, 'a');
    std::vector<std::pair<size_t, size_t>> progress;
    const auto st = s.prefill(prompt, [&](size_t done, size_t total) { progress.emplace_back(done, total); });
    QVERIFY(!st.stopped);
    QCOMPARE(st.computed, size_t(300));
    QCOMPARE(progress, (Pairs{{0, 300}, {32, 300}, {160, 300}, {288, 300}, {300, 300}}));
    QCOMPARE(be_->calls, (std::vector<std::pair<uint32_t, size_t>>{{0, 32}, {32, 128}, {160, 128}, {288, 12}}));
    QCOMPARE(be_->modes, (std::vector<Mode>{Mode::None, Mode::None, Mode::None, Mode::Last}));
    QCOMPARE(s.tokens(), prompt);
    QCOMPARE(s.generate(greedy(2)).tokens.size(), size_t(2));

    // The next prefill reports only what it computes, and a prompt read in
    // one chunk nothing.
    std::vector<TokenId> longer = s.tokens();
    longer.insert(longer.end(), 200, 'b');
    progress.clear();
    s.prefill(longer, [&](size_t done, size_t total) { progress.emplace_back(done, total); });
    QCOMPARE(progress, (Pairs{{0, 200}, {128, 200}, {200, 200}}));
    longer.insert(longer.end(), 10, 'c');
    progress.clear();
    s.prefill(longer, [&](size_t done, size_t total) { progress.emplace_back(done, total); });
    QVERIFY(progress.empty());
}

// A stop during a long prefill ends it after the current chunk; the chunks
// done stay cached and the next prefill of the same prompt reuses them.
void TestSession::stopBetweenPrefillChunksKeepsTheDoneChunks()
{
    runtime::Session s(*be_, *tok_, 4096);
    const std::vector<TokenId> prompt(300, 'a');
    auto st = s.prefill(prompt, [&](size_t done, size_t) {
        if (done > 0)
            s.requestStop();
    });
    QVERIFY(st.stopped);
    QCOMPARE(st.computed, runtime::Session::kMinPrefillChunk);
    QCOMPARE(s.tokens(), std::vector<TokenId>(runtime::Session::kMinPrefillChunk, 'a'));
    QCOMPARE(be_->calls.size(), size_t(1));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, s.generate(greedy(1))); // no logits to start from

    // The stop was consumed: the same prompt again continues where it ended.
    st = s.prefill(prompt);
    QVERIFY(!st.stopped);
    QCOMPARE(st.reused, runtime::Session::kMinPrefillChunk);
    QCOMPARE(st.computed, 300 - runtime::Session::kMinPrefillChunk);
    QCOMPARE(s.generate(greedy(3)).reason, runtime::StopReason::MaxTokens);

    // A stop before the first chunk computes nothing.
    runtime::Session s2(*be_, *tok_, 4096);
    be_->calls.clear();
    st = s2.prefill(prompt, [&](size_t done, size_t) {
        if (done == 0)
            s2.requestStop();
    });
    QVERIFY(st.stopped);
    QCOMPARE(st.computed, size_t(0));
    QVERIFY(be_->calls.empty());
    QVERIFY(s2.tokens().empty());
}

// Chunks are sized to the time target at the last chunk's speed: a slow
// backend keeps the smallest, a fast one (or a longer target) the largest.
void TestSession::prefillChunksFollowTheBackendsSpeed()
{
    runtime::Session s(*be_, *tok_, 4096);
    s.setPrefillChunkTarget(std::chrono::milliseconds(20));
    be_->perPosition = std::chrono::microseconds(1000); // 32 ms a chunk of 32: over the target
    s.prefill(std::vector<TokenId>(100, 'a'));
    QCOMPARE(be_->calls, (std::vector<std::pair<uint32_t, size_t>>{{0, 32}, {32, 32}, {64, 32}, {96, 4}}));

    be_->calls.clear();
    s.setPrefillChunkTarget(std::chrono::milliseconds(10000)); // thousands of positions' time: the largest
    std::vector<TokenId> longer(100, 'a');
    longer.insert(longer.end(), 200, 'b');
    s.prefill(longer);
    QCOMPARE(be_->calls, (std::vector<std::pair<uint32_t, size_t>>{{100, 128}, {228, 72}}));
}

void TestSession::errors()
{
    runtime::Session s(*be_, *tok_, 4);
    QVERIFY_THROWS_EXCEPTION(InvalidInput, s.generate(greedy(1))); // nothing prefilled
    QVERIFY_THROWS_EXCEPTION(InvalidInput, s.prefill({}));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, s.prefill(bytes("too long")));
}

void TestSession::chatReplySplitsReasoningAndTimesIt()
{
    runtime::ChatSession chat(*be_, *tok_, chat::TemplateFamily::Qwen3, 256);
    std::vector<chat::Message> msgs{{chat::Role::User, "hi"}};
    const size_t promptLen =
        chat::tokenize(chat::render(chat::TemplateFamily::Qwen3, msgs, {}), *tok_).size();
    be_->scriptStart = promptLen;
    be_->script = {test::kTestThink, '\n', 'h', 'm', '\n', test::kTestEndThink, '\n', '\n', 'H', 'i', '!',
                   test::kTestImEnd};
    be_->delay = std::chrono::milliseconds(3);
    std::string streamedReasoning, streamedContent;
    runtime::ChatOptions opts;
    opts.sampling = sampling::SamplingParams::greedy();
    auto reply = chat.reply(msgs, opts, [&](const chat::ReasoningSplitter::Delta& d) {
        streamedReasoning += d.reasoning;
        streamedContent += d.content;
    });
    QCOMPARE(reply.reasoning, std::string("hm"));
    QCOMPARE(reply.content, std::string("Hi!"));
    QCOMPARE(streamedReasoning, reply.reasoning);
    QCOMPARE(streamedContent, reply.content);
    QCOMPARE(reply.reason, runtime::StopReason::EndOfGeneration);
    QCOMPARE(reply.generatedTokens, be_->script.size());
    QCOMPARE(reply.promptTokens, promptLen);
    QVERIFY(reply.reasoningMs >= 10.0); // five tokens inside the think block at ≥ 3 ms each
    QVERIFY(reply.answerMs > 0.0);
    QVERIFY(reply.tokensPerSecond() > 0.0);
}

// ChatOptions::onToken sees every generated token, also those that produce
// no text (<think>, the first byte of a two-byte character, the end token),
// in order and before their text is delivered, with the positions in use;
// a stop requested from it ends the reply before the next token.
void TestSession::chatOnTokenSeesEveryToken()
{
    runtime::ChatSession chat(*be_, *tok_, chat::TemplateFamily::Qwen3, 256);
    std::vector<chat::Message> msgs{{chat::Role::User, "hi"}};
    const size_t promptLen = chat::tokenize(chat::render(chat::TemplateFamily::Qwen3, msgs, {}), *tok_).size();
    const std::vector<TokenId> e = tok_->encode("\xC3\xA9", false); // "é": two byte tokens
    QCOMPARE(e.size(), size_t(2));
    be_->scriptStart = promptLen;
    be_->script = {test::kTestThink, 'h', test::kTestEndThink, e[0], e[1], '!', test::kTestImEnd};
    runtime::ChatOptions opts;
    opts.sampling = sampling::SamplingParams::greedy();
    std::vector<TokenId> seen;
    std::vector<size_t> positions;
    std::vector<size_t> deltasAt; // how many tokens had been seen when each text delta came
    opts.onToken = [&](TokenId t, size_t used) {
        seen.push_back(t);
        positions.push_back(used);
    };
    auto reply = chat.reply(msgs, opts, [&](const chat::ReasoningSplitter::Delta& d) {
        if (!d.empty())
            deltasAt.push_back(seen.size());
    });
    QCOMPARE(seen, be_->script);
    QCOMPARE(reply.generatedTokens, seen.size());
    QCOMPARE(reply.content, std::string("\xC3\xA9!"));
    for (size_t i = 0; i < positions.size(); ++i)
        QCOMPARE(positions[i], promptLen + i + 1);
    // Fewer text deltas than tokens: some tokens had no text of their own.
    QVERIFY(deltasAt.size() < seen.size());
    QVERIFY(!deltasAt.empty() && deltasAt.front() >= 1); // the hook runs before the text

    // A stop asked from the hook ends the reply before the next token.
    size_t calls = 0;
    opts.onToken = [&](TokenId, size_t) {
        if (++calls == 2)
            chat.requestStop();
    };
    reply = chat.reply(msgs, opts);
    QCOMPARE(reply.reason, runtime::StopReason::Stopped);
    QCOMPARE(calls, size_t(2));
    QCOMPARE(reply.generatedTokens, size_t(2));
}

// Stop pressed while the prompt is read: the reply ends with no tokens, and
// the next reply to the same conversation reuses what was read.
void TestSession::chatStopWhileReadingThePrompt()
{
    runtime::ChatSession chat(*be_, *tok_, chat::TemplateFamily::Qwen3, 1024);
    std::vector<chat::Message> msgs{{chat::Role::User, std::string(400, 'q')}};
    runtime::ChatOptions opts;
    opts.sampling = sampling::SamplingParams::greedy();
    opts.maxTokens = 4;
    size_t tokens = 0, lastDone = 0, total = 0;
    opts.onToken = [&](TokenId, size_t) { ++tokens; };
    opts.onPrefill = [&](size_t done, size_t all) {
        lastDone = done;
        total = all;
        if (done > 0)
            chat.requestStop();
    };
    auto reply = chat.reply(msgs, opts);
    QCOMPARE(reply.reason, runtime::StopReason::Stopped);
    QCOMPARE(reply.generatedTokens, size_t(0));
    QCOMPARE(tokens, size_t(0));
    QVERIFY(reply.content.empty() && reply.reasoning.empty());
    QCOMPARE(lastDone, runtime::Session::kMinPrefillChunk); // a new session's first chunk
    QCOMPARE(total, reply.promptTokens);
    QVERIFY(total > runtime::Session::kPrefillChunk);

    opts.onPrefill = {};
    reply = chat.reply(msgs, opts);
    QCOMPARE(reply.reusedTokens, runtime::Session::kMinPrefillChunk);
    QCOMPARE(reply.reason, runtime::StopReason::MaxTokens);
    QCOMPARE(reply.generatedTokens, size_t(4));
}

void TestSession::chatNextTurnReusesHistory()
{
    runtime::ChatSession chat(*be_, *tok_, chat::TemplateFamily::Qwen3, 512);
    runtime::ChatOptions opts;
    opts.thinking = false;
    opts.sampling = sampling::SamplingParams::greedy();
    opts.maxTokens = 3;
    std::vector<chat::Message> msgs{{chat::Role::System, "be brief"}, {chat::Role::User, "first question"}};
    auto first = chat.reply(msgs, opts);
    QCOMPARE(first.reusedTokens, size_t(0));
    chat::RenderOptions history;
    history.addGenerationPrompt = false;
    const size_t historyLen = chat::tokenize(chat::render(chat::TemplateFamily::Qwen3, msgs, history), *tok_).size();
    msgs.emplace_back(chat::Role::Assistant, first.content);
    msgs.emplace_back(chat::Role::User, "second");
    auto second = chat.reply(msgs, opts);
    // The unchanged history (and the start of the assistant turn) comes from the
    // cache; only the re-rendered reply (its empty think block is dropped from
    // history by the template) and the new question are computed.
    QVERIFY2(second.reusedTokens > historyLen,
             qPrintable(QStringLiteral("%1 reused, history %2").arg(second.reusedTokens).arg(historyLen)));
    QVERIFY(second.reusedTokens < second.promptTokens);
}

void TestSession::overflowDropsOldestTurnsAfterSystem()
{
    runtime::ChatSession chat(*be_, *tok_, chat::TemplateFamily::Qwen3, 160);
    std::vector<chat::Message> msgs{{chat::Role::System, "SYS"}};
    for (int i = 0; i < 6; ++i) {
        msgs.emplace_back(chat::Role::User, "question number " + std::to_string(i));
        msgs.emplace_back(chat::Role::Assistant, "answer number " + std::to_string(i));
    }
    msgs.emplace_back(chat::Role::User, "LAST");
    runtime::ChatOptions opts;
    opts.sampling = sampling::SamplingParams::greedy();
    opts.maxTokens = 2;
    opts.reserveTokens = 16;
    auto reply = chat.reply(msgs, opts);
    QVERIFY(reply.droppedMessages >= 2);
    QVERIFY(reply.promptTokens <= 160 - 16);
    const std::string prompt = tok_->decode(chat.session().tokens());
    QVERIFY(prompt.find("SYS") != std::string::npos);
    QVERIFY(prompt.find("LAST") != std::string::npos);
    QVERIFY(prompt.find("question number 0") == std::string::npos);
    QVERIFY(prompt.find("question number 5") != std::string::npos);
    // The prompt starts with the system turn followed by a user turn, never an orphan reply.
    QVERIFY(prompt.find("<|im_start|>system\nSYS<|im_end|>\n<|im_start|>user\n") == 0);

    opts.overflow = runtime::OverflowPolicy::Fail;
    QVERIFY_THROWS_EXCEPTION(ContextOverflow, chat.reply(msgs, opts));
    // A single message longer than the context cannot be saved by dropping
    // turns; the error carries the numbers the app words for the user.
    opts.overflow = runtime::OverflowPolicy::DropOldestTurns;
    const std::vector<chat::Message> huge{{chat::Role::User, std::string(400, 'a')}};
    try {
        chat.reply(huge, opts);
        QFAIL("a 400-token message fitted a 160-token context");
    } catch (const ContextOverflow& e) {
        QCOMPARE(e.budget(), size_t(160 - 16));
        QCOMPARE(e.needed(), chat::tokenize(chat::render(chat::TemplateFamily::Qwen3, huge, {}), *tok_).size());
        QVERIFY(e.needed() > e.budget());
    }
}

QTEST_APPLESS_MAIN(TestSession)
#include "tst_session.moc"
