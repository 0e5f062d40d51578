#include "runtime/stop_reason.h"

namespace vela::runtime {

const char* stopReasonName(StopReason r)
{
    switch (r) {
    case StopReason::EndOfGeneration: return "eos";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::Stopped: return "stopped";
    case StopReason::ContextFull: return "context_full";
    case StopReason::Callback: return "callback";
    }
    return "?";
}

std::optional<StopReason> parseStopReason(std::string_view name)
{
    for (StopReason r : {StopReason::EndOfGeneration, StopReason::MaxTokens, StopReason::Stopped,
                         StopReason::ContextFull, StopReason::Callback})
        if (name == stopReasonName(r))
            return r;
    return std::nullopt;
}

} // namespace vela::runtime
