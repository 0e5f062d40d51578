// Writing the versioned JSON export (format described in export.h).
#include "storage/export.h"

#include "storage/sampling_slots.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <type_traits>

namespace vela::storage {

namespace {

QJsonValue time(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

template <typename T> QJsonValue optional(const std::optional<T>& v)
{
    if (!v)
        return QJsonValue(QJsonValue::Null);
    // std::int64_t is long on LP64, which QJsonValue has no constructor for.
    if constexpr (std::is_integral_v<T>)
        return QJsonValue(static_cast<qint64>(*v));
    else
        return QJsonValue(*v);
}

QJsonObject settingsObject(const ConversationSettings& s)
{
    QJsonObject o{
        {QStringLiteral("model"), s.model},
        {QStringLiteral("system_prompt"), s.systemPrompt},
        {QStringLiteral("thinking"), s.thinking},
        {QStringLiteral("answer_language"), languageCode(s.answerLanguage)},
        {QStringLiteral("completion_mode"), s.completionMode},
    };
    for (const sampling::Field& f : sampling::fields()) {
        const std::optional<double> v = fieldValue(s.sampling, f);
        // Integer fields are written as JSON integers ("top_k": 20, not 20.0).
        o.insert(QLatin1String(f.key.data(), qsizetype(f.key.size())),
                 v && f.kind == sampling::FieldKind::Integer ? optional(std::optional<std::int64_t>(std::int64_t(*v)))
                                                            : optional(v));
    }
    return o;
}

QJsonObject messageObject(const Message& m)
{
    return QJsonObject{
        {QStringLiteral("role"), QString::fromLatin1(chat::roleName(m.role))},
        {QStringLiteral("content"), m.content},
        {QStringLiteral("reasoning"), m.reasoning},
        {QStringLiteral("thinking_ms"), optional(m.thinkingMs)},
        {QStringLiteral("prompt_tokens"), optional(m.promptTokens)},
        {QStringLiteral("generated_tokens"), optional(m.generatedTokens)},
        {QStringLiteral("tokens_per_second"), optional(m.tokensPerSecond)},
        {QStringLiteral("model"), m.model},
        {QStringLiteral("created_at"), time(m.createdAt)},
        {QStringLiteral("status"), statusName(m.status)},
        {QStringLiteral("error"), m.error},
    };
}

} // namespace

QByteArray toJson(const std::vector<ConversationSnapshot>& conversations, const QDateTime& exportedAt)
{
    QJsonArray list;
    for (const auto& snap : conversations) {
        const Conversation& c = snap.conversation;
        QJsonArray messages;
        for (const Message& m : snap.messages)
            messages.append(messageObject(m));
        list.append(QJsonObject{
            {QStringLiteral("title"), c.title},
            {QStringLiteral("created_at"), time(c.createdAt)},
            {QStringLiteral("updated_at"), time(c.updatedAt)},
            {QStringLiteral("pinned"), c.pinned},
            {QStringLiteral("settings"), settingsObject(c.settings)},
            {QStringLiteral("messages"), messages},
        });
    }
    const QJsonObject root{
        {QStringLiteral("format"), QLatin1String(kExportFormat)},
        {QStringLiteral("version"), kExportVersion},
        {QStringLiteral("exported_at"), time(exportedAt)},
        {QStringLiteral("conversations"), list},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace vela::storage
