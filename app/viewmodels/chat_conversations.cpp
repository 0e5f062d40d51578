// ChatController: the sidebar's actions on whole conversations — rename,
// pin, delete with undo, search. Export, import and backups are
// ConversationArchive's (conversation_archive.cpp).
#include "chat_controller.h"

#include "storage/conversation_store.h"

#include <algorithm>

namespace vela::app {

void ChatController::renameConversation(qint64 id, const QString& title)
{
    const QString t = title.simplified();
    if (t.isEmpty())
        return;
    if (guard([&] { store_.rename(id, t); })) {
        reloadConversations();
        if (id == current_) {
            title_ = t;
            emit currentChanged();
        }
    }
}

void ChatController::selectAdjacentConversation(int step)
{
    const int n = conversations_.count();
    if (n == 0 || step == 0)
        return;
    const int row = conversations_.rowOf(current_);
    const int target = row < 0 ? (step > 0 ? 0 : n - 1) : std::clamp(row + step, 0, n - 1);
    selectConversation(conversations_.conversations()[std::size_t(target)].id);
}

QString ChatController::lastReplyText() const
{
    const auto& rows = messages_.messages();
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
        if (it->role == chat::Role::Assistant && !it->content.isEmpty())
            return it->content;
    return QString();
}

void ChatController::setPinned(qint64 id, bool pinned)
{
    if (guard([&] { store_.setPinned(id, pinned); }))
        reloadConversations();
}

void ChatController::deleteConversation(qint64 id)
{
    if (reply_.conversationId() == id)
        reply_.stop(); // its row is gone: the reply ends as NotFound, ignored
    guard([&] {
        undo_ = store_.deleteConversation(id);
        emit undoChanged();
    });
    reloadConversations();
    runSearch();
    if (id == current_)
        newConversation();
}

void ChatController::undoDelete()
{
    if (!undo_)
        return;
    const storage::ConversationSnapshot snapshot = *undo_;
    undo_.reset();
    emit undoChanged();
    if (guard([&] { store_.restoreConversation(snapshot); })) {
        reloadConversations();
        runSearch();
        loadCurrent(snapshot.conversation.id);
    }
}

void ChatController::setSearchQuery(const QString& query)
{
    if (query == query_)
        return;
    query_ = query;
    emit searchQueryChanged();
    runSearch();
}

void ChatController::runSearch()
{
    if (query_.trimmed().isEmpty()) {
        search_.setHits({});
        return;
    }
    guard([&] { search_.setHits(store_.search(query_)); });
}

} // namespace vela::app
