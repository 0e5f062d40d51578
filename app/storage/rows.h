// Column lists and row conversions shared by the ConversationStore sources
// (internal to vela_storage).
#pragma once

#include "storage/sqlite.h"
#include "storage/types.h"

#include <QDateTime>

#include <cstdint>

namespace vela::storage::rows {

// Times are stored as integer ms since the epoch, read back as UTC.
QDateTime toDateTime(std::int64_t ms);
std::int64_t toMs(const QDateTime& t);

// SELECT lists matching fromConversation / fromMessage, column 0 first.
inline constexpr const char* kConversationColumns =
    "id, title, created_at, updated_at, pinned, model, system_prompt, temperature, top_k, top_p, "
    "min_p, repeat_penalty, presence_penalty, frequency_penalty, max_tokens, context_length, "
    "thinking, answer_language, completion_mode";
inline constexpr const char* kMessageColumns =
    "id, conversation_id, role, content, reasoning, thinking_ms, prompt_tokens, generated_tokens, "
    "tokens_per_second, model, created_at, status, error";

Conversation fromConversation(const sql::Statement& s);
Message fromMessage(const sql::Statement& s);

// Binds the conversation settings to parameters first .. first + 13 in the
// order of kConversationColumns from "model" on.
void bindSettings(sql::Statement& s, int first, const ConversationSettings& settings);

} // namespace vela::storage::rows
