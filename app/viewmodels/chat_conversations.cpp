// ChatController: the sidebar's actions on whole conversations — rename,
// pin, delete with undo, export/import, search — and the start-up report.
#include "chat_controller.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "storage/conversation_store.h"
#include "storage/error.h"

#include <QFile>
#include <QSaveFile>

namespace vela::app {

void ChatController::reportOpen()
{
    const storage::OpenReport& r = store_.openReport();
    if (r.damaged) {
        setCanRestoreBackup(!r.backups.empty());
        notice_.show(canRestoreBackup_
                      ? tr("The conversation database was damaged. It was kept aside at %1 and a new one was "
                           "started. You can restore the latest backup.")
                            .arg(r.damagedMovedTo)
                      : tr("The conversation database was damaged. It was kept aside at %1 and a new one was "
                           "started.")
                            .arg(r.damagedMovedTo),
                  true);
    } else if (r.recoveredMessages > 0) {
        notice_.show(tr("%n interrupted reply(s) were kept and marked as stopped.", nullptr, r.recoveredMessages),
                  false);
    }
}

bool ChatController::restoreLatestBackup()
{
    const auto backups = store_.backups();
    if (backups.empty() || stream_)
        return false;
    const bool ok = guard([&] { store_.restoreBackup(backups.front().path); });
    if (ok) {
        setCanRestoreBackup(false);
        notice_.show(tr("The latest backup was restored."), false);
        reloadConversations();
        newConversation();
    }
    return ok;
}

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

void ChatController::setPinned(qint64 id, bool pinned)
{
    if (guard([&] { store_.setPinned(id, pinned); }))
        reloadConversations();
}

void ChatController::deleteConversation(qint64 id)
{
    if (stream_ && stream_->conversationId == id)
        engine_.stop(); // its reply ends as NotFound in endStream, ignored
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

bool ChatController::exportTo(qint64 id, const QUrl& file, const QString& format, bool includeReasoning)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    const std::optional<std::int64_t> which = id >= 0 ? std::optional<std::int64_t>(id) : std::nullopt;
    QByteArray bytes;
    if (!guard([&] {
            if (format == QStringLiteral("json")) {
                bytes = store_.exportJson(which);
            } else {
                storage::MarkdownOptions options;
                options.includeReasoning = includeReasoning;
                bytes = store_.exportMarkdown(which, options).toUtf8();
            }
        }))
        return false;
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        notice_.show(tr("Could not write %1: %2").arg(path, out.errorString()), true);
        return false;
    }
    notice_.show(tr("Exported to %1.").arg(path), false);
    return true;
}

bool ChatController::importFrom(const QUrl& file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        notice_.show(tr("Could not read %1: %2").arg(path, in.errorString()), true);
        return false;
    }
    std::vector<std::int64_t> ids;
    if (!guard([&] { ids = store_.importJson(in.readAll()); }))
        return false;
    reloadConversations();
    notice_.show(tr("Imported %n conversation(s).", nullptr, int(ids.size())), false);
    if (!ids.empty())
        loadCurrent(ids.front());
    return true;
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
