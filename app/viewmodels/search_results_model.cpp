#include "search_results_model.h"

#include <QLocale>

namespace vela::app {

SearchResultsModel::SearchResultsModel(QObject* parent) : QAbstractListModel(parent) {}

void SearchResultsModel::setHits(std::vector<storage::SearchHit> hits)
{
    beginResetModel();
    hits_ = std::move(hits);
    endResetModel();
    emit countChanged();
}

void SearchResultsModel::refreshLocalized()
{
    if (!hits_.empty())
        emit dataChanged(index(0), index(count() - 1), {TimeTextRole});
}

QString SearchResultsModel::highlight(const QString& snippet, const QString& open, const QString& close)
{
    // Escape first (the snippet is user/model text), then mark: the markers
    // are control characters that toHtmlEscaped leaves alone.
    QString html = snippet.toHtmlEscaped();
    html.replace(open, QStringLiteral("<b>"));
    html.replace(close, QStringLiteral("</b>"));
    html.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return html;
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::SearchHit& h = hits_[std::size_t(index.row())];
    switch (role) {
    case ConversationIdRole: return QVariant::fromValue(qint64(h.conversationId));
    case MessageIdRole: return QVariant::fromValue(qint64(h.messageId.value_or(-1)));
    case TitleRole: return h.conversationTitle;
    case Qt::DisplayRole:
    case SnippetRole: {
        const storage::SearchOptions defaults;
        return highlight(h.snippet, defaults.openMarker, defaults.closeMarker);
    }
    case FieldRole:
        switch (h.field) {
        case storage::MatchField::Title: return QStringLiteral("title");
        case storage::MatchField::Content: return QStringLiteral("content");
        case storage::MatchField::Reasoning: return QStringLiteral("reasoning");
        }
        return {};
    case TimeTextRole: return QLocale().toString(h.time.toLocalTime(), QLocale::ShortFormat);
    default: return {};
    }
}

QHash<int, QByteArray> SearchResultsModel::roleNames() const
{
    return {
        {ConversationIdRole, "conversationId"}, {MessageIdRole, "messageId"}, {TitleRole, "title"},
        {SnippetRole, "snippet"}, {FieldRole, "field"}, {TimeTextRole, "timeText"},
    };
}

} // namespace vela::app
