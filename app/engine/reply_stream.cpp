#include "engine/reply_stream.h"

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

void ReplyStream::onStep(const MeteredBackend::Step& step)
{
    const auto now = Clock::now();
    if (++steps_ == 1)
        decodeStart_ = now; // the prefill is done: generation starts
    contextUsed_ = int(step.end);
    if (stopRequested_())
        requestStop_();
    if (text_.due(now))
        flush(now);
    if (now - lastStats_ >= kStatsInterval) {
        lastStats_ = now;
        const int generated = steps_ - 1;
        const double s = std::chrono::duration<double>(now - decodeStart_).count();
        sinks_.stats({contextUsed_, contextSize_, generated, s > 0.0 ? generated / s : 0.0});
    }
}

void ReplyStream::finish() { flush(Clock::now()); }

} // namespace vela::app
