// ConversationStore: conversations, snapshots, undo.
#include "storage/conversation_store.h"
#include "storage/rows.h"

#include <sqlite3.h>

#include <string>

namespace vela::storage {

namespace {

void checkSettings(const ConversationSettings& settings)
{
    const QString problem = validationError(settings.sampling);
    if (!problem.isEmpty())
        throw StorageError(ErrorKind::InvalidArgument, QStringLiteral("Invalid sampling setting: ") + problem);
}

// INSERT of every conversation column, ?1 = id ... in conversationColumns() order.
const std::string& insertConversationSql()
{
    static const std::string sql = [] {
        std::string values = "?1";
        const int columns = rows::kFirstSettingsColumn + int(rows::settingsColumns().size());
        for (int i = 2; i <= columns; ++i)
            values += ", ?" + std::to_string(i);
        return "INSERT INTO conversations (" + rows::conversationColumns() + ") VALUES (" + values + ")";
    }();
    return sql;
}

// UPDATE of the settings columns: ?1 = id, ?2 ... in settingsColumns() order.
const std::string& updateSettingsSql()
{
    static const std::string sql = [] {
        std::string set;
        int at = 2;
        for (const std::string& c : rows::settingsColumns())
            set += (set.empty() ? "" : ", ") + c + " = ?" + std::to_string(at++);
        return "UPDATE conversations SET " + set + " WHERE id = ?1";
    }();
    return sql;
}

[[noreturn]] void noConversation(std::int64_t id)
{
    throw StorageError(ErrorKind::NotFound, QStringLiteral("There is no conversation %1").arg(id));
}

} // namespace

std::vector<Conversation> ConversationStore::selectConversations(const char* where,
                                                                 std::optional<std::int64_t> id)
{
    const std::string text = "SELECT " + rows::conversationColumns() + " FROM conversations " + where;
    auto s = db_.cached(text.c_str());
    if (id)
        s->bind(1, *id);
    std::vector<Conversation> out;
    while (s->step())
        out.push_back(rows::fromConversation(*s));
    return out;
}

void ConversationStore::insertConversationRow(const Conversation& c, bool keepId)
{
    auto s = db_.cached(insertConversationSql().c_str());
    // A NULL id lets SQLite assign the next one.
    if (keepId)
        s->bind(1, c.id);
    else
        s->bindNull(1);
    s->bind(2, c.title)
        .bind(3, rows::toMs(c.createdAt))
        .bind(4, rows::toMs(c.updatedAt))
        .bind(5, c.pinned);
    rows::bindSettings(*s, 6, c.settings);
    s->run();
}

Conversation ConversationStore::createConversation(const QString& title, const ConversationSettings& settings)
{
    checkSettings(settings);
    Conversation c;
    c.title = title;
    c.createdAt = c.updatedAt = rows::toDateTime(now());
    c.settings = settings;
    insertConversationRow(c, false);
    c.id = sqlite3_last_insert_rowid(db_.handle());
    return c;
}

std::optional<Conversation> ConversationStore::conversation(std::int64_t id)
{
    auto found = selectConversations("WHERE id = ?1", id);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

std::vector<Conversation> ConversationStore::listConversations()
{
    // id DESC breaks ties between conversations created in one millisecond.
    return selectConversations("ORDER BY pinned DESC, updated_at DESC, id DESC", std::nullopt);
}

void ConversationStore::rename(std::int64_t id, const QString& title)
{
    auto s = db_.cached("UPDATE conversations SET title = ?2 WHERE id = ?1");
    s->bind(1, id).bind(2, title).run();
    if (db_.changes() == 0)
        noConversation(id);
}

void ConversationStore::setPinned(std::int64_t id, bool pinned)
{
    auto s = db_.cached("UPDATE conversations SET pinned = ?2 WHERE id = ?1");
    s->bind(1, id).bind(2, pinned).run();
    if (db_.changes() == 0)
        noConversation(id);
}

void ConversationStore::updateSettings(std::int64_t id, const ConversationSettings& settings)
{
    checkSettings(settings);
    auto s = db_.cached(updateSettingsSql().c_str());
    s->bind(1, id);
    rows::bindSettings(*s, 2, settings);
    s->run();
    if (db_.changes() == 0)
        noConversation(id);
}

std::vector<ConversationSnapshot> ConversationStore::loadSnapshots(std::optional<std::int64_t> id)
{
    std::vector<ConversationSnapshot> out;
    const auto list = id ? selectConversations("WHERE id = ?1", id)
                         : selectConversations("ORDER BY pinned DESC, updated_at DESC, id DESC", std::nullopt);
    out.reserve(list.size());
    for (const Conversation& c : list)
        out.push_back({c, messages(c.id)});
    return out;
}

std::optional<ConversationSnapshot> ConversationStore::snapshot(std::int64_t id)
{
    // One read transaction, so the conversation and its messages agree.
    sql::Transaction tx(db_, sql::Transaction::Read);
    auto found = loadSnapshots(id);
    tx.commit();
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

ConversationSnapshot ConversationStore::deleteConversation(std::int64_t id)
{
    sql::Transaction tx(db_);
    auto found = loadSnapshots(id);
    if (found.empty())
        noConversation(id);
    // Messages go with it (ON DELETE CASCADE), and the FTS triggers fire
    // for cascaded deletes too (https://sqlite.org/foreignkeys.html#fk_actions).
    db_.cached("DELETE FROM conversations WHERE id = ?1")->bind(1, id).run();
    tx.commit();
    return std::move(found.front());
}

void ConversationStore::restoreConversation(const ConversationSnapshot& snapshot)
{
    checkSettings(snapshot.conversation.settings);
    const std::int64_t id = snapshot.conversation.id;
    if (id <= 0)
        throw StorageError(ErrorKind::InvalidArgument, QStringLiteral("Cannot restore a conversation without an id"));
    sql::Transaction tx(db_);
    {
        auto s = db_.cached("SELECT 1 FROM conversations WHERE id = ?1");
        if (s->bind(1, id).step())
            throw StorageError(ErrorKind::InvalidArgument,
                               QStringLiteral("Conversation %1 already exists; it cannot be restored over").arg(id));
    }
    insertConversationRow(snapshot.conversation, true);
    for (Message m : snapshot.messages) {
        m.conversationId = id;
        if (m.status == MessageStatus::Streaming)
            m.status = MessageStatus::Stopped; // its writer is gone
        if (m.id <= 0)
            throw StorageError(ErrorKind::InvalidArgument, QStringLiteral("Cannot restore a message without an id"));
        insertMessageRow(m, rows::toMs(m.createdAt), true);
    }
    tx.commit();
}

} // namespace vela::storage
