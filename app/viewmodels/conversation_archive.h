// ConversationArchive: conversations as files, in and out of the store —
// export (Markdown or JSON), import (JSON), the start-up report (a damaged
// database kept aside, replies recovered after a kill) and restoring the
// latest backup it offers.
//
// Every outcome is said in the chat's notice; a failure never throws into
// QML. What the view must show afterwards (the imported conversation, a
// fresh chat after a restore) is for ChatController, told by imported()
// and restored().
#pragma once

#include <QObject>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace vela::storage {
class ConversationStore;
}

namespace vela::app {

class Notice;
class StreamingReply;

class ConversationArchive : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatController")
    // The database was found damaged at start and a backup exists (offered
    // with the notice until it is dismissed).
    Q_PROPERTY(bool canRestoreBackup READ canRestoreBackup NOTIFY canRestoreBackupChanged)
public:
    // No restore while `reply` runs: its row would be written into the
    // restored database.
    ConversationArchive(storage::ConversationStore& store, const StreamingReply& reply, Notice& notice,
                        QObject* parent = nullptr);

    bool canRestoreBackup() const { return canRestoreBackup_; }
    // Tells the user what the store found at start (damage, recovered replies).
    void reportOpen();

public slots:
    // format: "markdown" or "json". id -1: every conversation.
    bool exportTo(qint64 id, const QUrl& file, const QString& format, bool includeReasoning);
    bool importFrom(const QUrl& file);
    bool restoreLatestBackup();

signals:
    void canRestoreBackupChanged();
    // Conversations were added; `firstId` is the first of them (-1: the
    // file held none).
    void imported(qint64 firstId);
    // The store now holds the backup's conversations instead of its own.
    void restored();

private:
    void setCanRestoreBackup(bool can);

    storage::ConversationStore& store_;
    const StreamingReply& reply_;
    Notice& notice_;
    bool canRestoreBackup_ = false;
};

} // namespace vela::app
