// Conversations as JSON, the form vela-cli and tests exchange them in.
#pragma once

#include "chat/chat_format.h"

#include <string_view>
#include <vector>

namespace vela::chat {

// Parses a JSON array of messages in the OpenAI/Hugging Face shape the chat
// templates are written for:
//   [{"role": "system"|"user"|"assistant"|"tool",
//     "content": "…",
//     "reasoning_content": "…" | null   (optional; assistant reasoning)}, …]
// Other keys (e.g. "name") are ignored, except "tool_calls", which is refused
// because Vela cannot render tool calls. Throws vela::InvalidInput with the
// offending element's index for malformed JSON, a non-array document, a
// message that is not an object, a missing or non-string role/content, a
// non-string reasoning_content, or an unknown role.
std::vector<Message> parseMessagesJson(std::string_view json);

} // namespace vela::chat
