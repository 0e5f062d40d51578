// The defaults every front end shares (the desktop app, vela-cli): each value
// is written here once and read by every caller, so the status bar, the
// Models page and the command line never disagree about what "unset" means.
#pragma once

#include <algorithm>
#include <cstdint>

namespace vela::runtime {

// Positions of KV cache allocated when nobody asked for a size: enough for a
// few turns of conversation with thinking replies, while the F16 cache of
// the largest recommended model (Qwen3-1.7B: 28 layers, 8 KV heads of 128)
// stays at 448 MiB. Never more than the model was trained for.
inline constexpr uint32_t kDefaultContextSize = 4096;
inline uint32_t defaultContextSize(uint32_t trainedContext)
{
    return std::min(trainedContext, kDefaultContextSize);
}

// Tokens one chat reply may produce (the app, vela-cli chat, ChatSession):
// a Qwen3 thinking reply spends hundreds to a few thousand tokens reasoning
// before it answers, and the limit still ends a runaway reply of a small
// model. The desktop app's value, kept when the others were unified with it.
inline constexpr int kDefaultReplyMaxTokens = 4096;

// Tokens one plain generation produces (vela-cli generate, Session::generate):
// a one-shot look at a model's continuation, meant to come back quickly, not
// a conversation's answer.
inline constexpr int kDefaultGenerateMaxTokens = 512;

} // namespace vela::runtime
