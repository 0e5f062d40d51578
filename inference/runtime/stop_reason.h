// Why a generation ended: the one definition for the session, the desktop
// app (ReplyResult) and vela-cli (whose JSON prints the names). In its own
// header so the app's value types can carry it without the session.
#pragma once

#include <optional>
#include <string_view>

namespace vela::runtime {

enum class StopReason {
    EndOfGeneration, // the model emitted <|im_end|>, <|endoftext|> or the GGUF's EOS
    MaxTokens,       // the requested number of tokens was produced
    Stopped,         // requestStop() was called (the app's Stop button, shutdown, Ctrl-C)
    ContextFull,     // no position left in the KV cache
    Callback,        // the token callback asked to stop
};

const char* stopReasonName(StopReason r); // "eos", "max_tokens", "stopped", "context_full", "callback"
// Inverse of stopReasonName; nullopt for any other text.
std::optional<StopReason> parseStopReason(std::string_view name);

} // namespace vela::runtime
