// ConversationStore: every conversation and message of the desktop app, in
// one SQLite database file, <dataDir>/vela.sqlite3.
//
// Durability: WAL mode with synchronous=FULL, so every committed call
// (appendMessage, each updateStreamingMessage, ...) survives a crash or power
// loss once it returns. A reply being generated is stored with status
// Streaming and rewritten at least every 500 ms by the app; if the process
// dies, the next open turns it into Stopped, keeping what was written. Each
// store is a writer with its own lock (writers.h) recorded on the streaming
// rows it starts; an open stops only the rows of writers that are gone, so
// a second store on the same file never interrupts a live reply.
//
// Errors: every method throws StorageError (see error.h) on failure and
// leaves the database unchanged (each write is one transaction). Methods that
// look something up return std::optional / empty vectors when it is absent;
// methods that change something throw ErrorKind::NotFound for a missing id.
//
// Not thread-safe: use one ConversationStore from one thread. Several
// processes may open the same file (SQLite locks; busy_timeout waits); the
// desktop app still keeps one owner per data folder (app/desktop).
#pragma once

#include "storage/export.h"
#include "storage/sqlite.h"
#include "storage/types.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace vela::storage {

namespace writers {
class WriterLock;
}

struct StoreOptions {
    int busyTimeoutMs = 5000;  // how long to wait for another process's lock
    int keepBackups = 5;       // backups kept in <dataDir>/backups (at least 1)
    // A page quota (0 = none). Writes beyond it fail with DiskFull exactly as
    // a full disk does (https://sqlite.org/pragma.html#pragma_max_page_count).
    std::int64_t maxPageCount = 0;
    // The clock for created/updated times (ms since the epoch); tests pin it.
    std::function<std::int64_t()> clock;
};

class ConversationStore {
public:
    static constexpr const char* kFileName = "vela.sqlite3";

    // Opens (or creates) <dataDir>/vela.sqlite3, creating dataDir if needed,
    // migrates it (backing up before each step), recovers the interrupted
    // replies of writers that are gone and checks its integrity. A damaged or unreadable file is moved aside
    // and a fresh database created: see openReport(). Throws StorageError
    // when no usable database can be had (unwritable folder, newer schema).
    explicit ConversationStore(const QString& dataDir, StoreOptions options = {});
    ~ConversationStore();
    ConversationStore(const ConversationStore&) = delete;
    ConversationStore& operator=(const ConversationStore&) = delete;

    const OpenReport& openReport() const { return report_; }
    QString databasePath() const;
    QString dataDirectory() const { return dir_; }

    // --- conversations --------------------------------------------------
    Conversation createConversation(const QString& title, const ConversationSettings& settings = {});
    std::optional<Conversation> conversation(std::int64_t id);
    // Pinned first, then most recently active first.
    std::vector<Conversation> listConversations();
    void rename(std::int64_t id, const QString& title);
    void setPinned(std::int64_t id, bool pinned);
    void updateSettings(std::int64_t id, const ConversationSettings& settings);
    // Deletes the conversation and (ON DELETE CASCADE) its messages; returns
    // what was deleted, for undo with restoreConversation.
    ConversationSnapshot deleteConversation(std::int64_t id);
    // Re-inserts a deleted conversation with the same ids (ids are never
    // reused, so they are free). A Streaming message comes back Stopped.
    void restoreConversation(const ConversationSnapshot& snapshot);
    std::optional<ConversationSnapshot> snapshot(std::int64_t id);

    // --- messages ---------------------------------------------------------
    // Stores a finished message (typically the user's, committed before
    // generation starts). Uses role, content, reasoning, statistics, model,
    // status (not Streaming) and createdAt (now when invalid). Returns it
    // with its id and time.
    Message appendMessage(std::int64_t conversationId, const Message& message);
    // Starts an assistant reply with status Streaming and empty text.
    Message beginAssistantMessage(std::int64_t conversationId, const QString& model = {});
    // Replaces the text of a Streaming reply: one small UPDATE, cheap enough
    // to call every few hundred ms. Throws NotFound if it is not streaming.
    void updateStreamingMessage(std::int64_t id, const QString& content, const QString& reasoning);
    // Ends a Streaming reply with its final fields; status Complete, Stopped
    // or Failed.
    void finishMessage(std::int64_t id, const MessageResult& result, MessageStatus status);
    std::optional<Message> message(std::int64_t id);
    // In conversation order.
    std::vector<Message> messages(std::int64_t conversationId);
    // Deletes the messages that come after messageId (regenerate), or from
    // it on (edit and resend). Returns how many were deleted.
    int deleteMessagesAfter(std::int64_t conversationId, std::int64_t messageId);
    int deleteMessagesFrom(std::int64_t conversationId, std::int64_t messageId);

    // --- search -----------------------------------------------------------
    // Titles, message contents and reasoning; newest first. Any text is a
    // valid query (see search_query.h).
    std::vector<SearchHit> search(const QString& query, const SearchOptions& options = {});

    // --- export / import --------------------------------------------------
    // One conversation (id) or all of them (nullopt).
    QString exportMarkdown(std::optional<std::int64_t> id, const MarkdownOptions& options = {});
    QByteArray exportJson(std::optional<std::int64_t> id);
    // Imports our own JSON export as new conversations (new ids), all in one
    // transaction; throws InvalidImport, importing nothing, if anything in
    // the file is malformed. Returns the new conversation ids.
    std::vector<std::int64_t> importJson(const QByteArray& json);

    // --- backups ------------------------------------------------------------
    std::vector<BackupInfo> backups() const;
    // Writes a backup of the database now; returns its path.
    QString backupNow();
    // Replaces the live database with the backup at `path` (which must pass
    // an integrity check), after backing up the current one. The restored
    // data is migrated to the current schema.
    RestoreReport restoreBackup(const QString& path);

private:
    std::int64_t now() const;
    void openConnection(bool fileExisted);
    int prepareSchema(bool backUpFirst);
    // ownToo: also this store's own streaming rows (after a restore they are
    // copies from the backup, not a reply being written).
    int recoverStreaming(bool ownToo);
    std::vector<Conversation> selectConversations(const char* where, std::optional<std::int64_t> id);
    std::vector<Message> selectMessages(const char* where, std::int64_t id);
    void insertMessageRow(const Message& m, std::int64_t createdAt, bool keepId);
    void insertConversationRow(const Conversation& c, bool keepId);
    std::vector<ConversationSnapshot> loadSnapshots(std::optional<std::int64_t> id);

    QString dir_;
    StoreOptions options_;
    std::unique_ptr<writers::WriterLock> writer_;
    sql::Connection db_;
    OpenReport report_;
};

} // namespace vela::storage
