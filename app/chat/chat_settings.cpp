#include "chat_settings.h"

#include "prompt_builder.h"

#include <QLocale>

#include <cmath>

namespace vela::app {

namespace {

bool isInteger(ChatSettings::Field f)
{
    return f == ChatSettings::Field::TopK || f == ChatSettings::Field::MaxTokens ||
           f == ChatSettings::Field::ContextLength;
}

// The optional behind a field: doubles and integers are stored apart.
std::optional<double>* doubleSlot(storage::SamplingSettings& s, ChatSettings::Field f)
{
    switch (f) {
    case ChatSettings::Field::Temperature: return &s.temperature;
    case ChatSettings::Field::TopP: return &s.topP;
    case ChatSettings::Field::MinP: return &s.minP;
    case ChatSettings::Field::RepeatPenalty: return &s.repeatPenalty;
    case ChatSettings::Field::PresencePenalty: return &s.presencePenalty;
    case ChatSettings::Field::FrequencyPenalty: return &s.frequencyPenalty;
    default: return nullptr;
    }
}

std::optional<std::int64_t>* intSlot(storage::SamplingSettings& s, ChatSettings::Field f)
{
    switch (f) {
    case ChatSettings::Field::TopK: return &s.topK;
    case ChatSettings::Field::MaxTokens: return &s.maxTokens;
    case ChatSettings::Field::ContextLength: return &s.contextLength;
    default: return nullptr;
    }
}

QString formatDouble(double v)
{
    return QLocale().toString(v, 'g', 6);
}

// Accepts the UI locale's format and the C locale's ("0.7" typed in Spanish).
std::optional<double> parseNumber(const QString& text)
{
    bool ok = false;
    double v = QLocale().toDouble(text, &ok);
    if (!ok)
        v = QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// The preset of a mode, without the user's values.
sampling::SamplingParams preset(bool thinking)
{
    storage::ConversationSettings plain;
    plain.thinking = thinking;
    return samplingFor(plain);
}

} // namespace

ChatSettings::ChatSettings(QObject* parent) : QObject(parent) {}

void ChatSettings::setValue(const storage::ConversationSettings& settings)
{
    s_ = settings;
    emit changed();
}

void ChatSettings::commit(const storage::ConversationSettings& next)
{
    if (next == s_)
        return;
    s_ = next;
    emit changed();
    emit edited(s_);
}

void ChatSettings::setSystemPrompt(const QString& text)
{
    auto next = s_;
    next.systemPrompt = text;
    commit(next);
}

void ChatSettings::setThinking(bool on)
{
    auto next = s_;
    next.thinking = on;
    commit(next);
}

void ChatSettings::setAnswerLanguage(int language)
{
    if (language < 0 || language > int(storage::AnswerLanguage::Spanish))
        return;
    auto next = s_;
    next.answerLanguage = storage::AnswerLanguage(language);
    commit(next);
}

void ChatSettings::setCompletionMode(bool on)
{
    auto next = s_;
    next.completionMode = on;
    commit(next);
}

QString ChatSettings::text(Field field) const
{
    auto copy = s_.sampling;
    if (auto* d = doubleSlot(copy, field))
        return *d ? formatDouble(**d) : QString();
    if (auto* i = intSlot(copy, field))
        return *i ? QLocale().toString(qlonglong(**i)) : QString();
    return {};
}

bool ChatSettings::setText(Field field, const QString& text)
{
    auto next = s_;
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        if (auto* d = doubleSlot(next.sampling, field))
            d->reset();
        if (auto* i = intSlot(next.sampling, field))
            i->reset();
    } else {
        const std::optional<double> v = parseNumber(t);
        if (!v || (isInteger(field) && *v != std::floor(*v))) {
            emit changed(); // the field shows the stored value again
            return false;
        }
        if (auto* d = doubleSlot(next.sampling, field))
            *d = *v;
        if (auto* i = intSlot(next.sampling, field))
            *i = std::int64_t(*v);
        if (!storage::validationError(next.sampling).isEmpty()) {
            emit changed();
            return false;
        }
    }
    commit(next);
    return true;
}

QString ChatSettings::presetTemperature() const
{
    return formatDouble(preset(s_.thinking).temperature);
}

QString ChatSettings::presetTopK() const
{
    return QLocale().toString(preset(s_.thinking).topK);
}

QString ChatSettings::presetTopP() const
{
    return formatDouble(preset(s_.thinking).topP);
}

QString ChatSettings::presetMaxTokens() const
{
    return QLocale().toString(runtime::kDefaultReplyMaxTokens);
}

void ChatSettings::resetSampling()
{
    auto next = s_;
    next.sampling = {};
    commit(next);
}

} // namespace vela::app
