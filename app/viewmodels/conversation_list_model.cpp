#include "conversation_list_model.h"

#include <QLocale>

#include <algorithm>

namespace vela::app {

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent)
{
    midnight_.setSingleShot(true);
    connect(&midnight_, &QTimer::timeout, this, [this] { setToday(QDate::currentDate()); });
    scheduleMidnight();
}

QString ConversationListModel::dateSection(const QDate& day, const QDate& today)
{
    const qint64 daysAgo = day.daysTo(today);
    if (daysAgo <= 0)
        return QStringLiteral("today");
    if (daysAgo == 1)
        return QStringLiteral("yesterday");
    if (daysAgo <= 7)
        return QStringLiteral("week");
    return QStringLiteral("older");
}

void ConversationListModel::setToday(const QDate& day)
{
    if (day != today_) {
        today_ = day;
        if (!rows_.empty())
            emit dataChanged(index(0), index(count() - 1), {UpdatedTextRole, SectionRole});
    }
    scheduleMidnight();
}

void ConversationListModel::scheduleMidnight()
{
    // A little past midnight, so that currentDate() has moved on; a suspended
    // machine fires late, which only delays the regrouping.
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime next(now.date().addDays(1), QTime(0, 0, 1));
    midnight_.start(int(std::clamp<qint64>(now.msecsTo(next), 1000, qint64(24) * 3600 * 1000)));
}

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
        if (local.date() == today_)
            return locale.toString(local.time(), QLocale::ShortFormat);
        return locale.toString(local.date(), QLocale::ShortFormat);
    }
    case SectionRole: return c.pinned ? QStringLiteral("pinned") : dateSection(c.updatedAt.toLocalTime().date(), today_);
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
