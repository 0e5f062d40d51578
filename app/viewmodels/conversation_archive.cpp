#include "conversation_archive.h"

#include "notice.h"
#include "streaming_reply.h"
#include "storage_guard.h"

#include "storage/conversation_store.h"

#include <QFile>
#include <QSaveFile>

namespace vela::app {

namespace {

QString pathOf(const QUrl& file)
{
    return file.isLocalFile() ? file.toLocalFile() : file.toString();
}

} // namespace

ConversationArchive::ConversationArchive(storage::ConversationStore& store, const StreamingReply& reply, Notice& notice,
                                         QObject* parent)
    : QObject(parent), store_(store), reply_(reply), notice_(notice)
{
    // The backup offer goes with the damage notice: closing it withdraws it.
    connect(&notice_, &Notice::dismissed, this, [this] { setCanRestoreBackup(false); });
}

void ConversationArchive::setCanRestoreBackup(bool can)
{
    if (can == canRestoreBackup_)
        return;
    canRestoreBackup_ = can;
    emit canRestoreBackupChanged();
}

void ConversationArchive::reportOpen()
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

bool ConversationArchive::restoreLatestBackup()
{
    const auto backups = store_.backups();
    if (backups.empty() || reply_.generating())
        return false;
    if (!guardStorage(notice_, [&] { store_.restoreBackup(backups.front().path); }))
        return false;
    setCanRestoreBackup(false);
    notice_.show(tr("The latest backup was restored."), false);
    emit restored();
    return true;
}

bool ConversationArchive::exportTo(qint64 id, const QUrl& file, const QString& format, bool includeReasoning)
{
    const QString path = pathOf(file);
    const std::optional<std::int64_t> which = id >= 0 ? std::optional<std::int64_t>(id) : std::nullopt;
    QByteArray bytes;
    if (!guardStorage(notice_, [&] {
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

bool ConversationArchive::importFrom(const QUrl& file)
{
    const QString path = pathOf(file);
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        notice_.show(tr("Could not read %1: %2").arg(path, in.errorString()), true);
        return false;
    }
    std::vector<std::int64_t> ids;
    if (!guardStorage(notice_, [&] { ids = store_.importJson(in.readAll()); }))
        return false;
    notice_.show(tr("Imported %n conversation(s).", nullptr, int(ids.size())), false);
    emit imported(ids.empty() ? -1 : ids.front());
    return true;
}

} // namespace vela::app
