// Batches streamed reply text by time.
//
// The engine can produce hundreds of tokens a second, but the chat view only
// needs to repaint at display rate, and every queued signal costs the GUI
// thread an event and a re-layout of the message. Text is collected here
// and handed out at most once per interval (the worker also flushes at a
// phase change and at the end of the reply, so nothing waits longer than a
// token).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace vela::app {

class DeltaCoalescer {
public:
    using Clock = std::chrono::steady_clock;

    explicit DeltaCoalescer(std::chrono::milliseconds interval, Clock::time_point start = Clock::now())
        : interval_(interval), lastTake_(start)
    {
    }

    void append(std::string_view reasoning, std::string_view content)
    {
        reasoning_ += reasoning;
        content_ += content;
    }
    bool empty() const { return reasoning_.empty() && content_.empty(); }
    // Pending text whose interval since the last take() has passed.
    bool due(Clock::time_point now) const { return !empty() && now - lastTake_ >= interval_; }

    struct Batch {
        std::string reasoning, content;
    };
    // Everything pending; starts a new interval.
    Batch take(Clock::time_point now = Clock::now());

private:
    std::chrono::milliseconds interval_;
    Clock::time_point lastTake_;
    std::string reasoning_, content_;
};

} // namespace vela::app
