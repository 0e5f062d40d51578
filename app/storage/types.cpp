#include "storage/types.h"

#include <cmath>

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

namespace {

QString checkReal(const char* name, const std::optional<double>& v, double lo, double hi)
{
    if (v && (!std::isfinite(*v) || *v < lo || *v > hi))
        return QStringLiteral("%1 must be between %2 and %3, not %4").arg(name).arg(lo).arg(hi).arg(*v);
    return {};
}

QString checkCount(const char* name, const std::optional<std::int64_t>& v)
{
    // 2^31 is far beyond any context length and keeps the value an int for the engine.
    if (v && (*v < 0 || *v > (std::int64_t{1} << 31)))
        return QStringLiteral("%1 must be between 0 and 2147483648, not %2").arg(name).arg(*v);
    return {};
}

} // namespace

QString validationError(const SamplingSettings& s)
{
    for (const QString& e : {checkReal("temperature", s.temperature, 0, 100),
                             checkCount("top_k", s.topK),
                             checkReal("top_p", s.topP, 0, 1),
                             checkReal("min_p", s.minP, 0, 1),
                             checkReal("repeat_penalty", s.repeatPenalty, 0, 100),
                             checkReal("presence_penalty", s.presencePenalty, -100, 100),
                             checkReal("frequency_penalty", s.frequencyPenalty, -100, 100),
                             checkCount("max_tokens", s.maxTokens),
                             checkCount("context_length", s.contextLength)})
        if (!e.isEmpty())
            return e;
    return {};
}

} // namespace vela::storage
