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

Session::Session(backend::Backend& backend, const tokenizer::Tokenizer& tokenizer, uint32_t contextSize)
    : backend_(backend), tokenizer_(tokenizer), state_(backend.createState(contextSize))
{
}

void Session::reset()
{
    tokens_.clear();
    logits_.clear();
    best_.clear();
    haveLogits_ = false;
}

Session::PrefillStats Session::prefill(std::span<const TokenId> prompt, const PrefillProgress& onProgress)
{
    const auto t0 = std::chrono::steady_clock::now();
    // A stop requested from here on (during the prefill too) ends this
    // prefill or the generate() that follows; one requested before is forgotten.
    stop_.store(false);
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
    haveLogits_ = false;
    best_.clear();
    PrefillStats stats{start, 0, 0.0, false};
    const size_t total = prompt.size() - start;
    // Progress only when there is any: a prompt read in one chunk has none.
    const bool reporting = onProgress && total > nextPrefillChunk();
    if (reporting)
        onProgress(0, total);
    // tokens_ grows by each chunk once the backend has cached it, so after a
    // stop or a failure it names exactly the positions that hold the prompt.
    while (stats.computed < total) {
        if (stop_.exchange(false)) {
            stats.stopped = true;
            break;
        }
        const size_t n = std::min(nextPrefillChunk(), total - stats.computed);
        const bool last = stats.computed + n == total;
        const auto chunk = prompt.subspan(start + stats.computed, n);
        const auto c0 = std::chrono::steady_clock::now();
        backend_.forward(*state_, chunk, uint32_t(tokens_.size()),
                         last ? backend::LogitsMode::Last : backend::LogitsMode::None, logits_);
        prefillMsPerPosition_ = std::max(msSince(c0) / double(n), 1e-9); // > 0: measured
        tokens_.insert(tokens_.end(), chunk.begin(), chunk.end());
        stats.computed += n;
        if (reporting)
            onProgress(stats.computed, total);
    }
    haveLogits_ = !stats.stopped;
    stats.ms = msSince(t0);
    return stats;
}

size_t Session::nextPrefillChunk() const
{
    if (prefillMsPerPosition_ <= 0.0)
        return kMinPrefillChunk;
    const double fits = double(chunkTarget_.count()) / prefillMsPerPosition_;
    size_t n = kPrefillChunk;
    while (n > kMinPrefillChunk && double(n) > fits)
        n /= 2;
    return n;
}

GenerateResult Session::generate(const GenerateOptions& options)
{
    if (!haveLogits_ || tokens_.empty())
        throw InvalidInput("generate() needs a prefilled prompt");
    if (options.maxTokens < 0)
        throw InvalidInput("max tokens is negative");
    const auto t0 = std::chrono::steady_clock::now();
    sampling::Sampler sampler(options.sampling);
    // Only the best logits are at hand but this sampler needs more (a
    // previous generate() with other settings): recompute the last token's.
    if (!best_.empty()) {
        const size_t need = sampler.candidatesNeeded(tokens_);
        if (need == 0 || need > best_.size()) {
            best_.clear();
            backend_.forward(*state_, {&tokens_.back(), 1}, uint32_t(tokens_.size() - 1), backend::LogitsMode::Last,
                             logits_);
        }
    }
    GenerateResult result;
    for (;;) {
        if (stop_.exchange(false)) { // a stop ends one generation
            result.reason = StopReason::Stopped;
            break;
        }
        if (int(result.tokens.size()) >= options.maxTokens) {
            result.reason = StopReason::MaxTokens;
            break;
        }
        const TokenId next = best_.empty() ? sampler.sample(logits_, tokens_) : sampler.sample(best_, tokens_);
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
        tokens_.push_back(next);
        haveLogits_ = false; // until the forward below succeeds
        const size_t need = sampler.candidatesNeeded(tokens_);
        const uint32_t pos = uint32_t(tokens_.size() - 1);
        try {
            if (need > 0 && need <= backend_.maxTopK()) {
                backend_.forwardTop(*state_, {&next, 1}, pos, uint32_t(need), best_);
                logits_.clear();
            } else {
                backend_.forward(*state_, {&next, 1}, pos, backend::LogitsMode::Last, logits_);
                best_.clear();
            }
        } catch (...) {
            tokens_.pop_back(); // its keys and values may not be in the cache
            throw;
        }
        haveLogits_ = true;
        if (!keepGoing) {
            result.reason = StopReason::Callback;
            break;
        }
    }
    result.ms = msSince(t0);
    return result;
}

} // namespace vela::runtime
