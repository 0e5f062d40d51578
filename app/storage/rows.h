// Column lists and row conversions shared by the ConversationStore sources
// (internal to vela_storage).
#pragma once

#include "storage/sqlite.h"
#include "storage/types.h"

#include <QDateTime>

#include <cstdint>
#include <string>
#include <vector>

namespace vela::storage::rows {

// Times are stored as integer ms since the epoch, read back as UTC.
QDateTime toDateTime(std::int64_t ms);
std::int64_t toMs(const QDateTime& t);

// The conversation columns that hold its settings, in binding order:
// "model, system_prompt, <every sampling::fields() key>, thinking,
// answer_language, completion_mode".
const std::vector<std::string>& settingsColumns();

// SELECT lists matching fromConversation / fromMessage, column 0 first:
// "id, title, created_at, updated_at, pinned, " then settingsColumns().
const std::string& conversationColumns();
inline constexpr int kFirstSettingsColumn = 5; // "model", after id .. pinned
inline constexpr const char* kMessageColumns =
    "id, conversation_id, role, content, reasoning, thinking_ms, prompt_tokens, generated_tokens, "
    "tokens_per_second, model, created_at, status, error";

Conversation fromConversation(const sql::Statement& s);
Message fromMessage(const sql::Statement& s);

// Binds the conversation settings to parameters first ..
// first + settingsColumns().size() - 1, in the order of settingsColumns().
void bindSettings(sql::Statement& s, int first, const ConversationSettings& settings);

} // namespace vela::storage::rows
