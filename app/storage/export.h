// Exporting conversations to Markdown and JSON, and reading our JSON back.
//
// These are pure functions over ConversationSnapshot; ConversationStore's
// exportMarkdown / exportJson / importJson load and store the snapshots.
//
// The JSON format is versioned so later Velas can read older files:
//   {"format": "vela-conversations", "version": 1, "exported_at": "...Z",
//    "conversations": [{"title", "created_at", "updated_at", "pinned",
//      "settings": {"model", "system_prompt", "thinking", "answer_language",
//                   "completion_mode", and every key of sampling::fields():
//                   "temperature", "top_k", "top_p", "min_p", "repeat_penalty",
//                   "presence_penalty", "frequency_penalty", "max_tokens",
//                   "context_length"},
//      "messages": [{"role", "content", "reasoning", "thinking_ms",
//                    "prompt_tokens", "generated_tokens", "tokens_per_second",
//                    "model", "created_at", "status", "error"}]}]}
// Times are ISO 8601 UTC with milliseconds; unset numbers are null. Ids are
// not exported: an import always creates new conversations.
#pragma once

#include "storage/types.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <vector>

namespace vela::storage {

inline constexpr const char* kExportFormat = "vela-conversations";
inline constexpr int kExportVersion = 1;

struct MarkdownOptions {
    bool includeReasoning = true; // as a collapsible <details> "Thinking" block
    bool includeMetadata = true;  // model, dates, token statistics, status
};

QString toMarkdown(const ConversationSnapshot& conversation, const MarkdownOptions& options = {});
// Several conversations separated by horizontal rules.
QString toMarkdown(const std::vector<ConversationSnapshot>& conversations, const MarkdownOptions& options = {});

QByteArray toJson(const std::vector<ConversationSnapshot>& conversations, const QDateTime& exportedAt);

// Parses and validates a whole file; throws StorageError(InvalidImport)
// naming the first problem and where it is (e.g. "conversations[2].messages[0].role").
// Returned snapshots have id 0 everywhere.
std::vector<ConversationSnapshot> fromJson(const QByteArray& json);

} // namespace vela::storage
