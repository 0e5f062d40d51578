#include "message_list_model.h"

#include "markdown/plain_text.h"

#include <QLocale>

#include <algorithm>

namespace vela::app {

MessageListModel::MessageListModel(QObject* parent) : QAbstractListModel(parent) {}

int MessageListModel::rowOf(qint64 id) const
{
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id)
            return int(i);
    return -1;
}

void MessageListModel::setMessages(std::vector<storage::Message> messages)
{
    beginResetModel();
    prompt_.reset();
    reasoningStart_.reset();
    rows_ = std::move(messages);
    endResetModel();
    emit countChanged();
}

void MessageListModel::append(const storage::Message& message)
{
    const int row = count();
    beginInsertRows({}, row, row);
    rows_.push_back(message);
    endInsertRows();
    emit countChanged();
}

void MessageListModel::replace(int row, const storage::Message& message)
{
    if (row < 0 || row >= count())
        return;
    rows_[std::size_t(row)] = message;
    if (prompt_ && prompt_->messageId == message.id)
        prompt_.reset();
    if (reasoningStart_ && reasoningStart_->first == message.id)
        reasoningStart_.reset();
    // Every role may have changed (status, statistics); one signal for the row.
    const QModelIndex i = index(row);
    emit dataChanged(i, i);
}

void MessageListModel::setPromptProgress(int row, int done, int total)
{
    if (row < 0 || row >= count())
        return;
    if (done >= total) { // read: the reply's first token comes next
        if (prompt_ && prompt_->messageId == rows_[std::size_t(row)].id)
            clearPromptProgress();
        return;
    }
    if (prompt_ && prompt_->messageId != rows_[std::size_t(row)].id)
        clearPromptProgress();
    prompt_ = PromptProgress{rows_[std::size_t(row)].id, std::max(done, 0), total};
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {PromptProgressRole, PromptTextRole});
}

void MessageListModel::setReasoningStartedAt(int row, const QDateTime& at)
{
    if (row < 0 || row >= count())
        return;
    reasoningStart_ = std::make_pair(rows_[std::size_t(row)].id, at);
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {ReasoningStartedAtRole});
}

void MessageListModel::clearPromptProgress()
{
    const int row = prompt_ ? rowOf(prompt_->messageId) : -1;
    prompt_.reset();
    if (row >= 0) {
        const QModelIndex i = index(row);
        emit dataChanged(i, i, {PromptProgressRole, PromptTextRole});
    }
}

void MessageListModel::updateStreaming(int row, const QString& content, const QString& reasoning)
{
    if (row < 0 || row >= count())
        return;
    storage::Message& m = rows_[std::size_t(row)];
    QList<int> roles;
    if (m.content != content) {
        m.content = content;
        roles << ContentRole << Qt::DisplayRole << SpokenTextRole;
    }
    if (m.reasoning != reasoning) {
        // "Thinking" until the first text of the answer.
        if (m.reasoning.isEmpty() != reasoning.isEmpty())
            roles << SpokenStatusRole;
        m.reasoning = reasoning;
        roles << ReasoningRole;
    }
    if (!roles.isEmpty()) {
        const QModelIndex i = index(row);
        emit dataChanged(i, i, roles);
    }
}

void MessageListModel::truncate(int row)
{
    if (row < 0 || row >= count())
        return;
    if (prompt_ && rowOf(prompt_->messageId) >= row)
        prompt_.reset();
    if (reasoningStart_ && rowOf(reasoningStart_->first) >= row)
        reasoningStart_.reset();
    beginRemoveRows({}, row, count() - 1);
    rows_.erase(rows_.begin() + row, rows_.end());
    endRemoveRows();
    emit countChanged();
}

void MessageListModel::refreshLocalized()
{
    if (!rows_.empty())
        emit dataChanged(index(0), index(count() - 1),
                         {CreatedTextRole, StatsTextRole, PromptTextRole, SpokenTextRole, SpokenStatusRole});
}

int MessageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QString MessageListModel::spokenText(const storage::Message& m)
{
    const QDateTime local = m.createdAt.toLocalTime();
    const QLocale locale;
    const QString when = local.date() == QDate::currentDate() ? locale.toString(local.time(), QLocale::ShortFormat)
                                                                : locale.toString(local, QLocale::ShortFormat);
    QStringList head;
    switch (m.role) {
    case chat::Role::User: head << tr("You"); break;
    case chat::Role::Assistant: head << tr("Vela"); break;
    case chat::Role::Tool: head << tr("Tool"); break;
    case chat::Role::System: head << tr("System"); break;
    }
    if (m.thinkingMs && *m.thinkingMs >= 0)
        head << tr("thought for %n s", nullptr, int((*m.thinkingMs + 500) / 1000));
    if (m.createdAt.isValid())
        head << when;
    // A prefix of the Markdown is converted (a reply may be megabytes; the
    // name is re-read on every streamed delta), then cut to the length.
    QString text = markdown::toPlainText(QStringView(m.content).left(2 * kSpokenLength)).simplified();
    if (text.size() > kSpokenLength)
        text = text.left(kSpokenLength) + QStringLiteral("…");
    return head.join(QStringLiteral(", ")) + QStringLiteral(": ") + text;
}

QString MessageListModel::spokenStatus(const storage::Message& m)
{
    switch (m.status) {
    case storage::MessageStatus::Streaming: return m.content.isEmpty() && !m.reasoning.isEmpty() ? tr("Thinking") : tr("Writing a reply");
    case storage::MessageStatus::Stopped: return tr("Stopped");
    case storage::MessageStatus::Failed: return m.error.isEmpty() ? tr("Failed") : tr("Failed: %1").arg(m.error);
    default: return QString();
    }
}

QString MessageListModel::statsText(const storage::Message& m)
{
    if (!m.generatedTokens && !m.tokensPerSecond)
        return {};
    const QLocale locale;
    QStringList parts;
    if (m.tokensPerSecond)
        parts << tr("%1 tok/s").arg(locale.toString(*m.tokensPerSecond, 'f', 1));
    if (m.generatedTokens)
        parts << tr("%n token(s)", nullptr, int(*m.generatedTokens));
    if (m.promptTokens)
        parts << tr("%1 in prompt").arg(locale.toString(qlonglong(*m.promptTokens)));
    return parts.join(QStringLiteral(" · "));
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::Message& m = rows_[std::size_t(index.row())];
    switch (role) {
    case IdRole: return QVariant::fromValue(qint64(m.id));
    case RoleRole: return QString::fromLatin1(chat::roleName(m.role));
    case Qt::DisplayRole:
    case ContentRole: return m.content;
    case ReasoningRole: return m.reasoning;
    case ThinkingMsRole: return m.thinkingMs ? int(*m.thinkingMs) : -1;
    case StatusRole: return storage::statusName(m.status);
    case IsStreamingRole: return m.status == storage::MessageStatus::Streaming;
    case GeneratedTokensRole: return m.generatedTokens ? int(*m.generatedTokens) : -1;
    case PromptTokensRole: return m.promptTokens ? int(*m.promptTokens) : -1;
    case TokensPerSecondRole: return m.tokensPerSecond ? *m.tokensPerSecond : -1.0;
    case CreatedAtRole: return m.createdAt;
    case CreatedTextRole: return QLocale().toString(m.createdAt.toLocalTime(), QLocale::ShortFormat);
    case StatsTextRole: return statsText(m);
    case ErrorRole: return m.error;
    case ModelRole: {
        QString name = m.model;
        if (name.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
            name.chop(5);
        return name;
    }
    case PromptProgressRole:
        return prompt_ && prompt_->messageId == m.id ? double(prompt_->done) / prompt_->total : -1.0;
    case PromptTextRole: {
        if (!prompt_ || prompt_->messageId != m.id)
            return QString();
        const QLocale locale;
        return tr("Reading the conversation: %1 / %2 tokens")
            .arg(locale.toString(prompt_->done), locale.toString(prompt_->total));
    }
    case ReasoningStartedAtRole:
        return reasoningStart_ && reasoningStart_->first == m.id ? reasoningStart_->second : QDateTime();
    case SpokenTextRole: return spokenText(m);
    case SpokenStatusRole: return spokenStatus(m);
    default: return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {
        {IdRole, "messageId"},
        {RoleRole, "role"},
        {ContentRole, "content"},
        {ReasoningRole, "reasoning"},
        {ThinkingMsRole, "thinkingMs"},
        {StatusRole, "status"},
        {IsStreamingRole, "isStreaming"},
        {GeneratedTokensRole, "generatedTokens"},
        {PromptTokensRole, "promptTokens"},
        {TokensPerSecondRole, "tokensPerSecond"},
        {CreatedAtRole, "createdAt"},
        {CreatedTextRole, "createdText"},
        {StatsTextRole, "statsText"},
        {ErrorRole, "error"},
        {ModelRole, "modelName"},
        {PromptProgressRole, "promptProgress"},
        {PromptTextRole, "promptText"},
        {ReasoningStartedAtRole, "reasoningStartedAt"},
        {SpokenTextRole, "spokenText"},
        {SpokenStatusRole, "spokenStatus"},
    };
}

} // namespace vela::app
