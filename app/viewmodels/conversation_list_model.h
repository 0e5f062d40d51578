// ConversationListModel: the sidebar's conversations, pinned first, then
// most recently active first (the order ConversationStore::listConversations
// gives).
//
// Roles (names as QML sees them):
//   conversationId  qint64     the database id                       (IdRole)
//   title           QString    (also Qt::DisplayRole)                 (TitleRole)
//   pinned          bool                                              (PinnedRole)
//   updatedAt       QDateTime  last message activity                  (UpdatedAtRole)
//   updatedText     QString    updatedAt for the UI locale: a time today,
//                              else a short date                       (UpdatedTextRole)
//   section         QString    "pinned" or "recent", for section headers (SectionRole)
#pragma once

#include "storage/types.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace vela::app {

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        PinnedRole,
        UpdatedAtRole,
        UpdatedTextRole,
        SectionRole,
    };
    Q_ENUM(Roles)

    explicit ConversationListModel(QObject* parent = nullptr);

    int count() const { return int(rows_.size()); }
    const std::vector<storage::Conversation>& conversations() const { return rows_; }
    int rowOf(qint64 id) const;

    // Replaces the list. Rows whose id stays at the same position are
    // updated in place; otherwise the model is reset (the list is short and
    // the sidebar keeps its selection by id, not by row).
    void setConversations(std::vector<storage::Conversation> conversations);
    void refreshLocalized();

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    std::vector<storage::Conversation> rows_;
};

} // namespace vela::app
