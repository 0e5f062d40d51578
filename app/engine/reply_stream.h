// ReplyStream: what the worker does while one reply is being generated,
// between ChatSession::reply and the signals.
//
// It sees the reply two ways: text deltas from ChatSession (onDelta) and
// every forward step from MeteredBackend (onStep). From those it
//   - batches text by time (DeltaCoalescer) and flushes at a phase change,
//   - announces the phases (reasoning, then answer),
//   - sends live statistics a few times a second,
//   - checks the stop flag on every step and passes it on to the session.
// Everything runs on the worker thread, inside reply().
#pragma once

#include "engine/delta_coalescer.h"
#include "engine/engine_types.h"
#include "engine/metered_backend.h"

#include "chat/reasoning_splitter.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace vela::app {

struct ReplySinks {
    std::function<void(const std::string& reasoning, const std::string& content)> delta;
    std::function<void(ReplyPhase)> phase;
    std::function<void(const ReplyStats&)> stats;
};

class ReplyStream {
public:
    using Clock = std::chrono::steady_clock;

    // stopRequested is polled on every step; requestStop is then called (it
    // is ChatSession::requestStop, which must be re-armed after prefill, see
    // metered_backend.h).
    ReplyStream(ReplySinks sinks, std::chrono::milliseconds flushInterval, int contextSize,
                std::function<bool()> stopRequested, std::function<void()> requestStop);

    void onDelta(const chat::ReasoningSplitter::Delta& d);
    void onStep(const MeteredBackend::Step& step);
    // Sends the text still held back (call once the reply has returned).
    void finish();

private:
    void enter(ReplyPhase phase);
    void flush(Clock::time_point now);

    ReplySinks sinks_;
    DeltaCoalescer text_;
    int contextSize_;
    std::function<bool()> stopRequested_;
    std::function<void()> requestStop_;
    std::optional<ReplyPhase> phase_;
    int steps_ = 0;           // forward steps: the prefill, then one per generated token
    int contextUsed_ = 0;
    Clock::time_point decodeStart_{};
    Clock::time_point lastStats_{};
};

// The interval between two statistics updates (the status bar's rate).
inline constexpr std::chrono::milliseconds kStatsInterval{250};

} // namespace vela::app
