#include "markdown/block_list_model.h"

#include "markdown/plain_text.h"
#include "markdown/render.h"

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
            if (blocks_[i].text != next[i].text)
                html_[i].reset();
            blocks_[i] = next[i];
        }
        QList<int> roles;
        if (text)
            roles << TextRole << Qt::DisplayRole << HtmlRole;
        if (language)
            roles << LanguageRole;
        if (closed)
            roles << ClosedRole;
        if (!roles.isEmpty()) // else only the fence grew ("```" to "````"), which no role shows
            emit dataChanged(index(int(first)), index(int(end) - 1), roles);
    }
    if (end < blocks_.size()) {
        beginRemoveRows(QModelIndex(), int(end), int(blocks_.size()) - 1);
        blocks_.resize(end);
        html_.resize(end);
        endRemoveRows();
    }
    if (end < next.size()) {
        beginInsertRows(QModelIndex(), int(end), int(next.size()) - 1);
        blocks_.insert(blocks_.end(), next.begin() + qsizetype(end), next.end());
        html_.resize(blocks_.size());
        endInsertRows();
    }
    emit markdownChanged();
    if (count() != oldCount)
        emit countChanged();
}

void BlockListModel::setFont(const QFont& font)
{
    if (font == font_)
        return;
    font_ = font;
    for (auto& h : html_)
        h.reset();
    if (!blocks_.empty())
        emit dataChanged(index(0), index(count() - 1), {HtmlRole});
    emit fontChanged();
}

const QString& BlockListModel::html(std::size_t row) const
{
    std::optional<QString>& h = html_[row];
    if (!h) {
        const Block& b = blocks_[row];
        h = b.kind == Block::Kind::Prose ? proseHtml(b.text, font_) : QString();
    }
    return *h;
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
    case HtmlRole:
        return html(std::size_t(index.row()));
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
        {HtmlRole, "html"},
    };
}

} // namespace vela::markdown
