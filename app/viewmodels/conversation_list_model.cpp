#include "conversation_list_model.h"

#include <QLocale>

namespace vela::app {

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {}

int ConversationListModel::rowOf(qint64 id) const
{
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id)
            return int(i);
    return -1;
}

void ConversationListModel::setConversations(std::vector<storage::Conversation> conversations)
{
    bool sameIds = conversations.size() == rows_.size();
    for (std::size_t i = 0; sameIds && i < rows_.size(); ++i)
        sameIds = rows_[i].id == conversations[i].id;
    if (sameIds) {
        // Renames, pins that keep the order, new activity on the top row:
        // signal only the rows that changed, so the delegates stay.
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            if (rows_[i] == conversations[i])
                continue;
            rows_[i] = conversations[i];
            emit dataChanged(index(int(i)), index(int(i)));
        }
        return;
    }
    beginResetModel();
    rows_ = std::move(conversations);
    endResetModel();
    emit countChanged();
}

void ConversationListModel::refreshLocalized()
{
    if (!rows_.empty())
        emit dataChanged(index(0), index(count() - 1), {UpdatedTextRole});
}

int ConversationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::Conversation& c = rows_[std::size_t(index.row())];
    switch (role) {
    case IdRole: return QVariant::fromValue(qint64(c.id));
    case Qt::DisplayRole:
    case TitleRole: return c.title;
    case PinnedRole: return c.pinned;
    case UpdatedAtRole: return c.updatedAt;
    case UpdatedTextRole: {
        const QDateTime local = c.updatedAt.toLocalTime();
        const QLocale locale;
        if (local.date() == QDate::currentDate())
            return locale.toString(local.time(), QLocale::ShortFormat);
        return locale.toString(local.date(), QLocale::ShortFormat);
    }
    case SectionRole: return c.pinned ? QStringLiteral("pinned") : QStringLiteral("recent");
    default: return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {
        {IdRole, "conversationId"}, {TitleRole, "title"},           {PinnedRole, "pinned"},
        {UpdatedAtRole, "updatedAt"}, {UpdatedTextRole, "updatedText"}, {SectionRole, "section"},
    };
}

} // namespace vela::app
