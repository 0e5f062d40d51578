// ReplyStream: what the worker does while one reply is being generated,
// between ChatSession::reply and the signals.
//
// It sees the reply three ways: the prompt's progress from
// ChatOptions::onPrefill (onPrompt), text deltas from ChatSession (onDelta)
// and every generated token, with or without text, from
// ChatOptions::onToken (onToken). From those it
//   - reports how much of a long prompt has been read,
//   - batches text by time (DeltaCoalescer) and flushes at a phase change,
//   - announces the phases (reasoning, then answer),
//   - sends live statistics a few times a second,
//   - checks the stop flag at every prompt chunk and every token and passes
//     it on to the session.
// Everything runs on the worker thread, inside reply().
#pragma once

#include "engine/delta_coalescer.h"
#include "engine/engine_types.h"

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
    // Positions of the prompt read so far, of `total` to read.
    std::function<void(int done, int total)> prompt;
};

class ReplyStream {
public:
    using Clock = std::chrono::steady_clock;

    // stopRequested is polled on every token; requestStop is then called
    // (ChatSession::requestStop: generation ends before the next token).
    ReplyStream(ReplySinks sinks, std::chrono::milliseconds flushInterval, int contextSize,
                std::function<bool()> stopRequested, std::function<void()> requestStop);

    // The prompt being read (ChatOptions::onPrefill, called only for a
    // prompt of more than one chunk). Reported at its start, its end and at
    // most a few times a second in between.
    void onPrompt(size_t done, size_t total);
    void onDelta(const chat::ReasoningSplitter::Delta& d);
    // A generated token; positionsUsed: the prompt and the reply so far.
    void onToken(size_t positionsUsed);
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
    int tokens_ = 0;          // generated so far
    int contextUsed_ = 0;
    Clock::time_point firstToken_{}; // the prefill ends just before it
    Clock::time_point lastStats_{};
    Clock::time_point lastPrompt_{};
};

// The interval between two statistics updates (the status bar's rate).
inline constexpr std::chrono::milliseconds kStatsInterval{250};

} // namespace vela::app
