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
//   section         QString    the sidebar's group, for section headers: "pinned",  (SectionRole)
//                              else by updatedAt's local day (dateSection):
//                              "today", "yesterday", "week" (the 7 days before
//                              yesterday) or "older"
#pragma once

#include "storage/types.h"

#include <QAbstractListModel>
#include <QDate>
#include <QTimer>
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

    // The group of a conversation last active on `day`, counted from
    // `today` (local days): "today" (also for a day after today: a clock
    // set back), "yesterday", "week" (2..7 days before) or "older".
    static QString dateSection(const QDate& day, const QDate& today);
    // The day the groups are counted from: today's date, moved on by a timer
    // at each local midnight (groups and short dates change then). Tests set it.
    QDate today() const { return today_; }
    void setToday(const QDate& day);

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
    void scheduleMidnight();

    std::vector<storage::Conversation> rows_;
    QDate today_ = QDate::currentDate();
    QTimer midnight_;
};

} // namespace vela::app
