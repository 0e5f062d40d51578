// ConversationStore: export and import.
#include "storage/conversation_store.h"

#include <sqlite3.h>

namespace vela::storage {

namespace {

[[noreturn]] void noConversation(std::int64_t id)
{
    throw StorageError(ErrorKind::NotFound, QStringLiteral("There is no conversation %1").arg(id));
}

} // namespace

QString ConversationStore::exportMarkdown(std::optional<std::int64_t> id, const MarkdownOptions& options)
{
    sql::Transaction tx(db_, sql::Transaction::Read);
    const auto all = loadSnapshots(id);
    tx.commit();
    if (id && all.empty())
        noConversation(*id);
    return toMarkdown(all, options);
}

QByteArray ConversationStore::exportJson(std::optional<std::int64_t> id)
{
    sql::Transaction tx(db_, sql::Transaction::Read);
    const auto all = loadSnapshots(id);
    tx.commit();
    if (id && all.empty())
        noConversation(*id);
    return toJson(all, QDateTime::currentDateTimeUtc());
}

std::vector<std::int64_t> ConversationStore::importJson(const QByteArray& json)
{
    // Everything is parsed and validated before the first write; the writes
    // are one transaction, so a failure (even a full disk) imports nothing.
    const auto snapshots = fromJson(json);
    std::vector<std::int64_t> ids;
    sql::Transaction tx(db_);
    for (const auto& snap : snapshots) {
        insertConversationRow(snap.conversation, false);
        const std::int64_t id = sqlite3_last_insert_rowid(db_.handle());
        for (Message m : snap.messages) {
            m.conversationId = id;
            if (m.status == MessageStatus::Streaming)
                m.status = MessageStatus::Stopped; // nobody is writing it here
            insertMessageRow(m, m.createdAt.toMSecsSinceEpoch(), false);
        }
        ids.push_back(id);
    }
    tx.commit();
    return ids;
}

} // namespace vela::storage
