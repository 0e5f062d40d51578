// The plain records vela_storage reads and writes.
//
// Times are QDateTime in UTC; the database keeps them as integer milliseconds
// since the Unix epoch so they sort and compare as numbers. Optional numbers
// (std::nullopt) are SQL NULL: for the sampling settings that means "use the
// preset", for message statistics "not measured".
#pragma once

#include "chat/role.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace vela::storage {

// Stored as chat::roleName ("user", "assistant", "system"; the schema
// admits no "tool": Vela has no tools).
using chat::Role;
enum class MessageStatus { Complete, Stopped, Failed, Streaming };
enum class AnswerLanguage { Auto, English, Spanish };

// The names stored in the database and in the JSON export.
QString statusName(MessageStatus status);           // "complete" | "stopped" | "failed" | "streaming"
QString languageCode(AnswerLanguage language);      // "auto" | "en" | "es"
std::optional<Role> parseStoredRole(const QString& name); // a stored role name; nullopt for "tool" too
std::optional<MessageStatus> parseStatus(const QString& name);
std::optional<AnswerLanguage> parseLanguage(const QString& code);

struct SamplingSettings {
    std::optional<double> temperature;
    std::optional<std::int64_t> topK;
    std::optional<double> topP;
    std::optional<double> minP;
    std::optional<double> repeatPenalty;
    std::optional<double> presencePenalty;
    std::optional<double> frequencyPenalty;
    std::optional<std::int64_t> maxTokens;
    std::optional<std::int64_t> contextLength;

    bool operator==(const SamplingSettings&) const = default;
};

// An empty string when the values are storable, else what is wrong: the
// message sampling::valueError gives for the first value outside its range.
QString validationError(const SamplingSettings& s);

struct ConversationSettings {
    QString model;          // model file name or id; empty = the app's current model
    QString systemPrompt;
    SamplingSettings sampling;
    bool thinking = true;
    AnswerLanguage answerLanguage = AnswerLanguage::Auto;
    bool completionMode = false;

    bool operator==(const ConversationSettings&) const = default;
};

struct Conversation {
    std::int64_t id = 0;
    QString title;
    QDateTime createdAt;
    QDateTime updatedAt; // last message activity; renaming or pinning does not move it
    bool pinned = false;
    ConversationSettings settings;

    bool operator==(const Conversation&) const = default;
};

struct Message {
    std::int64_t id = 0;
    std::int64_t conversationId = 0;
    Role role = Role::User;
    QString content;
    QString reasoning; // the model's thinking, empty when none
    std::optional<std::int64_t> thinkingMs;
    std::optional<std::int64_t> promptTokens;
    std::optional<std::int64_t> generatedTokens;
    std::optional<double> tokensPerSecond;
    QString model;
    QDateTime createdAt;
    MessageStatus status = MessageStatus::Complete;
    QString error; // why generation failed, for status Failed

    bool operator==(const Message&) const = default;
};

// The final fields of a reply, written by finishMessage.
struct MessageResult {
    QString content;
    QString reasoning;
    std::optional<std::int64_t> thinkingMs;
    std::optional<std::int64_t> promptTokens;
    std::optional<std::int64_t> generatedTokens;
    std::optional<double> tokensPerSecond;
    QString error;
};

// A conversation with its messages (in order): what deleteConversation hands
// back for undo, what restoreConversation takes, the unit of export/import.
struct ConversationSnapshot {
    Conversation conversation;
    std::vector<Message> messages;

    bool operator==(const ConversationSnapshot&) const = default;
};

enum class MatchField { Title, Content, Reasoning };

struct SearchHit {
    std::int64_t conversationId = 0;
    std::optional<std::int64_t> messageId; // nullopt for a title match
    QString conversationTitle;
    MatchField field = MatchField::Title;
    QString snippet; // the matched terms wrapped in the requested markers
    QDateTime time;  // message creation time, or the conversation's updatedAt
};

struct SearchOptions {
    // Default markers are control characters that never occur in typed
    // text, so the UI can split on them safely.
    QString openMarker = QStringLiteral("\u0001");
    QString closeMarker = QStringLiteral("\u0002");
    QString ellipsis = QStringLiteral("…");
    int snippetTokens = 16; // FTS5 accepts 1..64
    int limit = 100;
};

struct BackupInfo {
    QString path;
    int schemaVersion = 0; // the version the backed-up database had
    QDateTime createdAt;
    std::int64_t sizeBytes = 0;
};

// What open() found and did, for the UI to tell the user.
struct OpenReport {
    QString databasePath;
    bool created = false;     // no database existed; a new one was made
    int foundVersion = 0;     // schema version on disk before migrating
    int schemaVersion = 0;    // schema version now (always current)
    int recoveredMessages = 0; // replies left 'streaming' by a killed process, now 'stopped'
    bool damaged = false;     // the database failed its integrity check or was not a database
    QString damagedMovedTo;   // where the damaged file was moved (kept for forensics)
    QString damageDetail;     // what SQLite said about it
    std::vector<BackupInfo> backups; // newest first
};

struct RestoreReport {
    QString safetyBackup;      // backup of the database as it was before restoring
    int restoredVersion = 0;   // schema version of the backup (migrated afterwards)
    int recoveredMessages = 0;
};

} // namespace vela::storage
