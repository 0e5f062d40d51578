#include "storage/types.h"

#include "storage/sampling_slots.h"

namespace vela::storage {

QString statusName(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Complete: return QStringLiteral("complete");
    case MessageStatus::Stopped: return QStringLiteral("stopped");
    case MessageStatus::Failed: return QStringLiteral("failed");
    case MessageStatus::Streaming: return QStringLiteral("streaming");
    }
    return QStringLiteral("complete");
}

QString languageCode(AnswerLanguage language)
{
    switch (language) {
    case AnswerLanguage::Auto: return QStringLiteral("auto");
    case AnswerLanguage::English: return QStringLiteral("en");
    case AnswerLanguage::Spanish: return QStringLiteral("es");
    }
    return QStringLiteral("auto");
}

std::optional<Role> parseStoredRole(const QString& name)
{
    for (Role r : {Role::User, Role::Assistant, Role::System})
        if (QLatin1String(chat::roleName(r)) == name)
            return r;
    return std::nullopt;
}

std::optional<MessageStatus> parseStatus(const QString& name)
{
    for (MessageStatus s : {MessageStatus::Complete, MessageStatus::Stopped, MessageStatus::Failed,
                            MessageStatus::Streaming})
        if (statusName(s) == name)
            return s;
    return std::nullopt;
}

std::optional<AnswerLanguage> parseLanguage(const QString& code)
{
    for (AnswerLanguage l : {AnswerLanguage::Auto, AnswerLanguage::English, AnswerLanguage::Spanish})
        if (languageCode(l) == code)
            return l;
    return std::nullopt;
}

QString validationError(const SamplingSettings& s)
{
    // The sampler's own ranges (sampling/fields.h), so what is stored is
    // never refused when the user sends.
    for (const sampling::Field& f : sampling::fields())
        if (const auto v = fieldValue(s, f))
            if (const auto e = sampling::valueError(f, *v))
                return QString::fromStdString(*e);
    return {};
}

} // namespace vela::storage
