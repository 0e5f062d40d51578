#include "storage/export.h"

#include <QStringList>

namespace vela::storage {

namespace {

QString roleHeading(Role role)
{
    switch (role) {
    case Role::User: return QStringLiteral("User");
    case Role::Assistant: return QStringLiteral("Assistant");
    case Role::System: return QStringLiteral("System");
    case Role::Tool: return QStringLiteral("Tool"); // never stored (the schema refuses it)
    }
    return QStringLiteral("User");
}

QString dateText(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : QString();
}

// Every line prefixed with "> ", so multi-line text stays inside the quote.
QString blockquote(const QString& text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& line : lines)
        line = line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> ") + line;
    return lines.join(QLatin1Char('\n'));
}

QString messageFooter(const Message& m)
{
    QStringList parts;
    if (!m.model.isEmpty())
        parts << m.model;
    if (m.generatedTokens)
        parts << QStringLiteral("%1 tokens").arg(*m.generatedTokens);
    if (m.tokensPerSecond)
        parts << QStringLiteral("%1 tokens/s").arg(*m.tokensPerSecond, 0, 'f', 1);
    if (m.thinkingMs)
        parts << QStringLiteral("thought for %1 s").arg(static_cast<double>(*m.thinkingMs) / 1000.0, 0, 'f', 1);
    return parts.join(QStringLiteral(" · "));
}

QString statusNote(const Message& m)
{
    switch (m.status) {
    case MessageStatus::Complete: return {};
    case MessageStatus::Stopped: return QStringLiteral("*(stopped)*");
    case MessageStatus::Streaming: return QStringLiteral("*(incomplete)*");
    case MessageStatus::Failed:
        return m.error.isEmpty() ? QStringLiteral("*(failed)*")
                                 : QStringLiteral("*(failed: %1)*").arg(QString(m.error).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    }
    return {};
}

} // namespace

QString toMarkdown(const ConversationSnapshot& snapshot, const MarkdownOptions& options)
{
    const Conversation& c = snapshot.conversation;
    QStringList out;
    QString title = c.title.simplified(); // a heading is one line
    out << QStringLiteral("# ") + (title.isEmpty() ? QStringLiteral("Untitled conversation") : title);

    if (options.includeMetadata) {
        QStringList meta;
        if (!c.settings.model.isEmpty())
            meta << QStringLiteral("Model: ") + c.settings.model;
        if (c.createdAt.isValid())
            meta << QStringLiteral("Created ") + dateText(c.createdAt);
        if (c.updatedAt.isValid())
            meta << QStringLiteral("Updated ") + dateText(c.updatedAt);
        if (!meta.isEmpty())
            out << QLatin1Char('*') + meta.join(QStringLiteral(" · ")) + QLatin1Char('*');
    }
    if (!c.settings.systemPrompt.isEmpty())
        out << blockquote(QStringLiteral("**System prompt:** ") + c.settings.systemPrompt);

    for (const Message& m : snapshot.messages) {
        out << QStringLiteral("## ") + roleHeading(m.role);
        if (options.includeReasoning && !m.reasoning.isEmpty()) {
            // A <details> block folds the thinking away on GitHub and most
            // renderers; the blank lines let Markdown inside it render. A
            // literal "</details" in the text would end the block early.
            QString reasoning = m.reasoning;
            reasoning.replace(QStringLiteral("</details"), QStringLiteral("&lt;/details"), Qt::CaseInsensitive);
            out << QStringLiteral("<details>\n<summary>Thinking</summary>\n\n") + reasoning +
                       QStringLiteral("\n\n</details>");
        }
        if (!m.content.isEmpty())
            out << m.content;
        if (options.includeMetadata) {
            QStringList tail;
            const QString footer = messageFooter(m);
            if (!footer.isEmpty())
                tail << QLatin1Char('*') + footer + QLatin1Char('*');
            const QString note = statusNote(m);
            if (!note.isEmpty())
                tail << note;
            if (!tail.isEmpty())
                out << tail.join(QLatin1Char(' '));
        }
    }
    return out.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
}

QString toMarkdown(const std::vector<ConversationSnapshot>& conversations, const MarkdownOptions& options)
{
    QStringList parts;
    for (const auto& c : conversations)
        parts << toMarkdown(c, options);
    return parts.join(QStringLiteral("\n---\n\n"));
}

} // namespace vela::storage
