#include "runtime/chat_session.h"

#include "common/error.h"

#include <algorithm>
#include <chrono>

namespace vela::runtime {

double ChatReply::tokensPerSecond() const
{
    const double ms = reasoningMs + answerMs;
    return ms > 0.0 ? double(generatedTokens) * 1000.0 / ms : 0.0;
}

ChatSession::ChatSession(backend::Backend& backend, const tokenizer::Tokenizer& tokenizer, chat::TemplateFamily family,
                         uint32_t contextSize)
    : tokenizer_(tokenizer), family_(family), session_(backend, tokenizer, contextSize)
{
}

std::vector<TokenId> ChatSession::fit(std::vector<chat::Message>& messages, const ChatOptions& options,
                                      size_t& dropped)
{
    chat::RenderOptions render;
    render.enableThinking = options.thinking;
    // Room for the reply, but never more than half the context.
    const size_t reserve = std::min<size_t>(size_t(std::max(options.reserveTokens, 0)), session_.contextSize() / 2);
    const size_t budget = session_.contextSize() - reserve;
    for (;;) {
        std::vector<TokenId> ids = chat::tokenize(chat::render(family_, messages, render), tokenizer_);
        if (ids.size() <= budget)
            return ids;
        // Drop the oldest message after a leading system prompt, but never the last one.
        const size_t first = !messages.empty() && messages.front().role == chat::Role::System ? 1 : 0;
        if (options.overflow == OverflowPolicy::Fail || messages.size() <= first + 1)
            throw ContextOverflow("the conversation needs " + std::to_string(ids.size()) +
                                      " tokens but the context holds " + std::to_string(budget) + " (plus " +
                                      std::to_string(reserve) + " for the reply)",
                                  ids.size(), budget);
        messages.erase(messages.begin() + ptrdiff_t(first));
        ++dropped;
        // A reply without its question is confusing: drop a leading assistant turn too.
        while (messages.size() > first + 1 && messages[first].role != chat::Role::User) {
            messages.erase(messages.begin() + ptrdiff_t(first));
            ++dropped;
        }
    }
}

ChatReply ChatSession::reply(std::vector<chat::Message> messages, const ChatOptions& options,
                             const std::function<void(const chat::ReasoningSplitter::Delta&)>& onDelta)
{
    ChatReply out;
    const std::vector<TokenId> prompt = fit(messages, options, out.droppedMessages);
    const Session::PrefillStats pre = session_.prefill(prompt, options.onPrefill);
    out.promptTokens = prompt.size();
    out.reusedTokens = pre.reused;
    out.promptMs = pre.ms;
    if (pre.stopped) {
        out.reason = StopReason::Stopped;
        return out;
    }

    chat::ReasoningSplitter splitter(tokenizer_);
    using Clock = std::chrono::steady_clock;
    auto phaseStart = Clock::now();
    bool reasoning = false;
    auto closePhase = [&] {
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - phaseStart).count();
        (reasoning ? out.reasoningMs : out.answerMs) += ms;
        phaseStart = Clock::now();
    };
    auto deliver = [&](const chat::ReasoningSplitter::Delta& d) {
        out.reasoning += d.reasoning;
        out.content += d.content;
        if (onDelta && !d.empty())
            onDelta(d);
    };

    GenerateOptions gen;
    gen.maxTokens = options.maxTokens;
    gen.sampling = options.sampling.value_or(options.thinking ? sampling::SamplingParams::thinking()
                                                              : sampling::SamplingParams::nonThinking());
    gen.onToken = [&](TokenId id) {
        if (options.onToken)
            options.onToken(id, session_.tokens().size() + 1); // not cached yet
        deliver(splitter.push(id));
        const bool nowReasoning = splitter.phase() == chat::ReasoningSplitter::Phase::Reasoning;
        if (nowReasoning != reasoning) {
            closePhase();
            reasoning = nowReasoning;
        }
        return true;
    };
    GenerateResult r = session_.generate(gen);
    deliver(splitter.finish());
    closePhase();
    out.reason = r.reason;
    out.generatedTokens = r.tokens.size();
    return out;
}

} // namespace vela::runtime
