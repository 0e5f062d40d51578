#include "markdown/block_list_model.h"

#include "markdown/plain_text.h"

#include <algorithm>

namespace vela::markdown {

BlockListModel::BlockListModel(QObject* parent) : QAbstractListModel(parent) {}

void BlockListModel::setMarkdown(const QString& markdown)
{
    if (markdown == splitter_.text())
        return;
    const int oldCount = count();
    const std::size_t unchanged = std::min<std::size_t>(std::size_t(splitter_.update(markdown)), blocks_.size());
    const std::vector<Block>& next = splitter_.blocks();

    // Blocks before `unchanged` are the same by construction; a few more may be.
    std::size_t first = unchanged;
    while (first < blocks_.size() && first < next.size() && blocks_[first] == next[first])
        ++first;
    // Rows that keep their kind are updated in place.
    std::size_t end = first;
    while (end < blocks_.size() && end < next.size() && blocks_[end].kind == next[end].kind)
        ++end;
    if (end > first) {
        bool text = false, language = false, closed = false;
        for (std::size_t i = first; i < end; ++i) {
            text = text || blocks_[i].text != next[i].text;
            language = language || blocks_[i].language != next[i].language;
            closed = closed || blocks_[i].closed != next[i].closed;
            blocks_[i] = next[i];
        }
        QList<int> roles;
        if (text)
            roles << TextRole << Qt::DisplayRole;
        if (language)
            roles << LanguageRole;
        if (closed)
            roles << ClosedRole;
        emit dataChanged(index(int(first)), index(int(end) - 1), roles);
    }
    if (end < blocks_.size()) {
        beginRemoveRows(QModelIndex(), int(end), int(blocks_.size()) - 1);
        blocks_.resize(end);
        endRemoveRows();
    }
    if (end < next.size()) {
        beginInsertRows(QModelIndex(), int(end), int(next.size()) - 1);
        blocks_.insert(blocks_.end(), next.begin() + qsizetype(end), next.end());
        endInsertRows();
    }
    emit markdownChanged();
    if (count() != oldCount)
        emit countChanged();
}

QString BlockListModel::plainText() const { return toPlainText(markdown()); }

int BlockListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant BlockListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Block& b = blocks_[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return b.text;
    case KindRole:
        return kindName(b.kind);
    case LanguageRole:
        return b.language;
    case ClosedRole:
        return b.closed;
    default:
        return {};
    }
}

QHash<int, QByteArray> BlockListModel::roleNames() const
{
    return {
        {KindRole, "kind"},
        {TextRole, "text"},
        {LanguageRole, "language"},
        {ClosedRole, "closed"},
    };
}

} // namespace vela::markdown
