// ConversationStore: messages, the streaming life cycle of a reply.
#include "storage/conversation_store.h"
#include "storage/rows.h"
#include "storage/writers.h"

#include <sqlite3.h>

#include <string>

namespace vela::storage {

namespace {

[[noreturn]] void noConversation(std::int64_t id)
{
    throw StorageError(ErrorKind::NotFound, QStringLiteral("There is no conversation %1").arg(id));
}

[[noreturn]] void notStreaming(std::int64_t id)
{
    throw StorageError(ErrorKind::NotFound, QStringLiteral("There is no streaming message %1").arg(id));
}

} // namespace

std::vector<Message> ConversationStore::selectMessages(const char* where, std::int64_t id)
{
    const std::string text = std::string("SELECT ") + rows::kMessageColumns + " FROM messages " + where;
    auto s = db_.cached(text.c_str());
    s->bind(1, id);
    std::vector<Message> out;
    while (s->step())
        out.push_back(rows::fromMessage(*s));
    return out;
}

void ConversationStore::insertMessageRow(const Message& m, std::int64_t createdAt, bool keepId)
{
    auto s = db_.cached(
        "INSERT INTO messages (id, conversation_id, role, content, reasoning, thinking_ms, "
        "prompt_tokens, generated_tokens, tokens_per_second, model, created_at, status, error, writer) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    if (keepId)
        s->bind(1, m.id);
    else
        s->bindNull(1);
    s->bind(2, m.conversationId)
        .bind(3, QString::fromLatin1(chat::roleName(m.role)))
        .bind(4, m.content)
        .bind(5, m.reasoning)
        .bind(6, m.thinkingMs)
        .bind(7, m.promptTokens)
        .bind(8, m.generatedTokens)
        .bind(9, m.tokensPerSecond)
        .bind(10, m.model)
        .bind(11, createdAt)
        .bind(12, statusName(m.status))
        .bind(13, m.error)
        // A streaming row is ours to finish: recovery elsewhere asks our lock.
        .bind(14, m.status == MessageStatus::Streaming ? writer_->id() : QString());
    s->run();
}

namespace {

// Marks the conversation active at `time` (never moving it back); false if
// it does not exist. Doubles as the existence check inside a transaction.
bool touch(sql::Connection& db, std::int64_t conversationId, std::int64_t time)
{
    db.cached("UPDATE conversations SET updated_at = max(updated_at, ?2) WHERE id = ?1")
        ->bind(1, conversationId)
        .bind(2, time)
        .run();
    return db.changes() > 0;
}

} // namespace

Message ConversationStore::appendMessage(std::int64_t conversationId, const Message& message)
{
    if (message.status == MessageStatus::Streaming)
        throw StorageError(ErrorKind::InvalidArgument,
                           QStringLiteral("appendMessage stores finished messages; use beginAssistantMessage"));
    Message m = message;
    m.conversationId = conversationId;
    const std::int64_t t = m.createdAt.isValid() ? rows::toMs(m.createdAt) : now();
    m.createdAt = rows::toDateTime(t);

    sql::Transaction tx(db_);
    if (!touch(db_, conversationId, t))
        noConversation(conversationId);
    insertMessageRow(m, t, false);
    m.id = sqlite3_last_insert_rowid(db_.handle());
    tx.commit();
    return m;
}

Message ConversationStore::beginAssistantMessage(std::int64_t conversationId, const QString& model)
{
    Message m;
    m.conversationId = conversationId;
    m.role = Role::Assistant;
    m.model = model;
    m.status = MessageStatus::Streaming;
    const std::int64_t t = now();
    m.createdAt = rows::toDateTime(t);

    sql::Transaction tx(db_);
    if (!touch(db_, conversationId, t))
        noConversation(conversationId);
    insertMessageRow(m, t, false);
    m.id = sqlite3_last_insert_rowid(db_.handle());
    tx.commit();
    return m;
}

void ConversationStore::updateStreamingMessage(std::int64_t id, const QString& content, const QString& reasoning)
{
    // One autocommitted UPDATE of one row: no index or FTS work while the
    // reply streams (see the trigger's WHEN clause in schema.cpp).
    auto s = db_.cached("UPDATE messages SET content = ?2, reasoning = ?3 WHERE id = ?1 AND status = 'streaming'");
    s->bind(1, id).bind(2, content).bind(3, reasoning).run();
    if (db_.changes() == 0)
        notStreaming(id);
}

void ConversationStore::finishMessage(std::int64_t id, const MessageResult& r, MessageStatus status)
{
    if (status == MessageStatus::Streaming)
        throw StorageError(ErrorKind::InvalidArgument, QStringLiteral("finishMessage needs a final status"));
    sql::Transaction tx(db_);
    {
        auto s = db_.cached(
            "UPDATE messages SET content = ?2, reasoning = ?3, thinking_ms = ?4, prompt_tokens = ?5, "
            "generated_tokens = ?6, tokens_per_second = ?7, error = ?8, status = ?9 "
            "WHERE id = ?1 AND status = 'streaming'");
        s->bind(1, id)
            .bind(2, r.content)
            .bind(3, r.reasoning)
            .bind(4, r.thinkingMs)
            .bind(5, r.promptTokens)
            .bind(6, r.generatedTokens)
            .bind(7, r.tokensPerSecond)
            .bind(8, r.error)
            .bind(9, statusName(status))
            .run();
        if (db_.changes() == 0)
            notStreaming(id);
    }
    db_.cached("UPDATE conversations SET updated_at = max(updated_at, ?2) "
               "WHERE id = (SELECT conversation_id FROM messages WHERE id = ?1)")
        ->bind(1, id)
        .bind(2, now())
        .run();
    tx.commit();
}

std::optional<Message> ConversationStore::message(std::int64_t id)
{
    auto found = selectMessages("WHERE id = ?1", id);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

std::vector<Message> ConversationStore::messages(std::int64_t conversationId)
{
    // Ids are AUTOINCREMENT, so id order is the order messages were added.
    return selectMessages("WHERE conversation_id = ?1 ORDER BY id", conversationId);
}

namespace {

int deleteMessages(sql::Connection& db, std::int64_t conversationId, std::int64_t messageId, bool inclusive)
{
    sql::Transaction tx(db);
    {
        auto s = db.cached("SELECT 1 FROM messages WHERE id = ?2 AND conversation_id = ?1");
        if (!s->bind(1, conversationId).bind(2, messageId).step())
            throw StorageError(ErrorKind::NotFound, QStringLiteral("Conversation %1 has no message %2")
                                                        .arg(conversationId)
                                                        .arg(messageId));
    }
    auto s = db.cached(inclusive ? "DELETE FROM messages WHERE conversation_id = ?1 AND id >= ?2"
                                 : "DELETE FROM messages WHERE conversation_id = ?1 AND id > ?2");
    s->bind(1, conversationId).bind(2, messageId).run();
    const int n = db.changes();
    tx.commit();
    return n;
}

} // namespace

int ConversationStore::deleteMessagesAfter(std::int64_t conversationId, std::int64_t messageId)
{
    return deleteMessages(db_, conversationId, messageId, false);
}

int ConversationStore::deleteMessagesFrom(std::int64_t conversationId, std::int64_t messageId)
{
    return deleteMessages(db_, conversationId, messageId, true);
}

} // namespace vela::storage
