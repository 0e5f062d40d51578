#include "runtime/session.h"

#include "common/error.h"

#include <algorithm>

namespace vela::runtime {

namespace {

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

const char* stopReasonName(StopReason r)
{
    switch (r) {
    case StopReason::EndOfGeneration: return "eos";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::Requested: return "stopped";
    case StopReason::ContextFull: return "context_full";
    case StopReason::Callback: return "callback";
    }
    return "?";
}

Session::Session(backend::Backend& backend, const tokenizer::Tokenizer& tokenizer, uint32_t contextSize)
    : backend_(backend), tokenizer_(tokenizer), state_(backend.createState(contextSize))
{
}

void Session::reset()
{
    tokens_.clear();
    logits_.clear();
}

Session::PrefillStats Session::prefill(std::span<const TokenId> prompt)
{
    const auto t0 = std::chrono::steady_clock::now();
    if (prompt.empty())
        throw InvalidInput("the prompt is empty");
    if (prompt.size() > contextSize())
        throw InvalidInput("the prompt has " + std::to_string(prompt.size()) + " tokens, more than the context size " +
                           std::to_string(contextSize()));
    size_t common = 0;
    while (common < tokens_.size() && common < prompt.size() && tokens_[common] == prompt[common])
        ++common;
    // The last prompt token is always run again: its logits start generation.
    const size_t start = std::min(common, prompt.size() - 1);
    tokens_.resize(start);
    logits_.clear();
    backend_.forward(*state_, prompt.subspan(start), uint32_t(start), backend::LogitsMode::Last, logits_);
    tokens_.assign(prompt.begin(), prompt.end());
    return {start, prompt.size() - start, msSince(t0)};
}

GenerateResult Session::generate(const GenerateOptions& options)
{
    if (logits_.empty())
        throw InvalidInput("generate() needs a prefilled prompt");
    if (options.maxTokens < 0)
        throw InvalidInput("max tokens is negative");
    const auto t0 = std::chrono::steady_clock::now();
    stop_.store(false);
    sampling::Sampler sampler(options.sampling);
    GenerateResult result;
    for (;;) {
        if (stop_.load()) {
            result.reason = StopReason::Requested;
            break;
        }
        if (int(result.tokens.size()) >= options.maxTokens) {
            result.reason = StopReason::MaxTokens;
            break;
        }
        const TokenId next = sampler.sample(logits_, tokens_);
        result.tokens.push_back(next);
        const bool keepGoing = !options.onToken || options.onToken(next);
        if (tokenizer_.isEndOfGeneration(next)) {
            // The end token is not added to the cache: the next turn's
            // template writes its own <|im_end|> there.
            result.reason = StopReason::EndOfGeneration;
            break;
        }
        if (tokens_.size() >= contextSize()) {
            // No position left for its K/V: the token is reported but not cached.
            result.reason = StopReason::ContextFull;
            break;
        }
        backend_.forward(*state_, {&next, 1}, uint32_t(tokens_.size()), backend::LogitsMode::Last, logits_);
        tokens_.push_back(next);
        if (!keepGoing) {
            result.reason = StopReason::Callback;
            break;
        }
    }
    result.ms = msSince(t0);
    return result;
}

} // namespace vela::runtime
