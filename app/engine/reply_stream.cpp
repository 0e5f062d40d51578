#include "engine/reply_stream.h"

#include <algorithm>
#include <utility>

namespace vela::app {

ReplyStream::ReplyStream(ReplySinks sinks, std::chrono::milliseconds flushInterval, int contextSize,
                         std::function<bool()> stopRequested, std::function<void()> requestStop)
    : sinks_(std::move(sinks)),
      text_(flushInterval),
      contextSize_(contextSize),
      stopRequested_(std::move(stopRequested)),
      requestStop_(std::move(requestStop))
{
}

void ReplyStream::enter(ReplyPhase phase)
{
    if (phase_ == phase)
        return;
    // The text of the previous phase goes out first, so the GUI can close
    // the reasoning block before the answer starts.
    flush(Clock::now());
    phase_ = phase;
    sinks_.phase(phase);
}

void ReplyStream::flush(Clock::time_point now)
{
    if (text_.empty())
        return;
    DeltaCoalescer::Batch b = text_.take(now);
    sinks_.delta(b.reasoning, b.content);
}

void ReplyStream::onDelta(const chat::ReasoningSplitter::Delta& d)
{
    if (!d.reasoning.empty()) {
        enter(ReplyPhase::Reasoning);
        text_.append(d.reasoning, {});
    }
    if (!d.content.empty()) {
        enter(ReplyPhase::Answer);
        text_.append({}, d.content);
    }
    const auto now = Clock::now();
    if (text_.due(now))
        flush(now);
}

void ReplyStream::onPrompt(size_t done, size_t total)
{
    const auto now = Clock::now();
    if (sinks_.prompt && (done == 0 || done == total || now - lastPrompt_ >= kStatsInterval)) {
        lastPrompt_ = now;
        sinks_.prompt(int(done), int(total));
    }
    // After the report: a stop asked on seeing it ends the prefill before
    // the next chunk.
    if (stopRequested_())
        requestStop_();
}

void ReplyStream::onToken(size_t positionsUsed)
{
    const auto now = Clock::now();
    if (++tokens_ == 1)
        firstToken_ = now; // sampled from the prefill's logits: decoding starts here
    contextUsed_ = int(std::min<size_t>(positionsUsed, size_t(contextSize_)));
    if (stopRequested_())
        requestStop_();
    if (text_.due(now))
        flush(now);
    if (tokens_ == 1 || now - lastStats_ >= kStatsInterval) {
        lastStats_ = now;
        // The rate counts the tokens after the first over the time since it.
        const double s = std::chrono::duration<double>(now - firstToken_).count();
        sinks_.stats({contextUsed_, contextSize_, tokens_, s > 0.0 ? (tokens_ - 1) / s : 0.0});
    }
}

void ReplyStream::finish() { flush(Clock::now()); }

} // namespace vela::app
