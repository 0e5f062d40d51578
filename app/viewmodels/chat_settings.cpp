#include "chat_settings.h"

#include "prompt_builder.h"
#include "runtime/defaults.h"
#include "storage/sampling_slots.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace vela::app {

namespace {

// tr() needs literals: each field's label as written in sampling/fields.h
// (tst_app_chat_settings checks every field has one and that they agree).
constexpr const char* kLabelContext = "vela::app::ChatSettings";
constexpr const char* kLabels[][2] = {
    {"temperature", QT_TRANSLATE_NOOP("vela::app::ChatSettings", "Temperature")},
    {"top_k", QT_TRANSLATE_NOOP("vela::app::ChatSettings", "Top-k")},
    {"top_p", QT_TRANSLATE_NOOP("vela::app::ChatSettings", "Top-p")},
    {"min_p", QT_TRANSLATE_NOOP("vela::app::ChatSettings", "Min-p")},
    {"repeat_penalty", QT_TRANSLATE_NOOP("vela::app::ChatSettings", "Repeat penalty")},
    {"presence_penalty", QT_TRANSLATE_NOOP("vela::app::ChatSettings", "Presence penalty")},
    {"frequency_penalty", QT_TRANSLATE_NOOP("vela::app::ChatSettings", "Frequency penalty")},
    {"max_tokens", QT_TRANSLATE_NOOP("vela::app::ChatSettings", "Max tokens")},
    {"context_length", QT_TRANSLATE_NOOP("vela::app::ChatSettings", "Context length")},
};

const sampling::Field* fieldOf(const QString& key) { return sampling::findField(key.toStdString()); }

QString formatValue(double v, sampling::FieldKind kind)
{
    if (kind == sampling::FieldKind::Integer)
        return QLocale().toString(qlonglong(v));
    return QLocale().toString(v, 'g', 6);
}

// sampling::formatValue's digits with the UI's decimal separator, so the
// English message is the engine's.
QString messageNumber(const std::string& text)
{
    return QString::fromStdString(text).replace(QLatin1Char('.'), QLocale().decimalPoint());
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
sampling::SamplingParams modePreset(bool thinking)
{
    storage::ConversationSettings plain;
    plain.thinking = thinking;
    return samplingFor(plain);
}

} // namespace

SamplingFieldModel::SamplingFieldModel(ChatSettings* settings) : QAbstractListModel(settings), settings_(settings)
{
    // Values, presets (the mode), errors and the locale all change together;
    // rows stay, so the drawer keeps its fields and their focus.
    connect(settings, &ChatSettings::changed, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0), index(rowCount() - 1));
    });
}

int SamplingFieldModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(sampling::fields().size());
}

QVariant SamplingFieldModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sampling::Field& f = sampling::fields()[size_t(index.row())];
    const QString key = QString::fromLatin1(f.key.data(), qsizetype(f.key.size()));
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole: return ChatSettings::label(key);
    case KeyRole: return key;
    case ValueRole: return settings_->text(key);
    case PresetRole: return settings_->preset(key);
    case RangeRole: return messageNumber(f.range.text());
    case ErrorRole: return settings_->error(key);
    default: return {};
    }
}

QHash<int, QByteArray> SamplingFieldModel::roleNames() const
{
    return {{KeyRole, "key"},     {LabelRole, "label"}, {ValueRole, "value"},
            {PresetRole, "preset"}, {RangeRole, "range"}, {ErrorRole, "error"}};
}

ChatSettings::ChatSettings(QObject* parent) : QObject(parent) {}

void ChatSettings::setValue(const storage::ConversationSettings& settings)
{
    s_ = settings;
    errors_.clear();
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

void ChatSettings::refused(const QString& key, const QString& why)
{
    errors_.insert(key, why);
    emit changed(); // the field shows the stored value again, and why
}

void ChatSettings::refreshLocalized()
{
    errors_.clear(); // they were worded in the old language
    emit changed();
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

QString ChatSettings::label(const QString& key)
{
    for (const auto& [k, label] : kLabels)
        if (key == QLatin1String(k))
            return QCoreApplication::translate(kLabelContext, label);
    return {};
}

QString ChatSettings::valueError(const sampling::Field& field, double value)
{
    const QString key = QString::fromLatin1(field.key.data(), qsizetype(field.key.size()));
    const QString number = messageNumber(sampling::formatValue(value));
    switch (sampling::check(field, value)) {
    case sampling::ValueCheck::Ok: return {};
    case sampling::ValueCheck::OutOfRange:
        return tr("%1 %2 is outside %3").arg(label(key), number, messageNumber(field.range.text()));
    case sampling::ValueCheck::NotWhole: return tr("%1 %2 is not a whole number").arg(label(key), number);
    }
    return {};
}

QString ChatSettings::text(const QString& key) const
{
    const sampling::Field* f = fieldOf(key);
    if (!f)
        return {};
    const std::optional<double> v = storage::fieldValue(s_.sampling, *f);
    return v ? formatValue(*v, f->kind) : QString();
}

bool ChatSettings::setText(const QString& key, const QString& text)
{
    const sampling::Field* f = fieldOf(key);
    if (!f)
        return false;
    auto next = s_;
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        storage::setFieldValue(next.sampling, *f, std::nullopt);
    } else {
        const std::optional<double> v = parseNumber(t);
        if (!v) {
            refused(key, tr("%1: \"%2\" is not a number").arg(label(key), t));
            return false;
        }
        if (const QString why = valueError(*f, *v); !why.isEmpty()) {
            refused(key, why);
            return false;
        }
        storage::setFieldValue(next.sampling, *f, *v);
    }
    if (errors_.remove(key) > 0 && next == s_)
        emit changed(); // nothing to store, but the message goes
    commit(next);
    return true;
}

QString ChatSettings::preset(const QString& key) const
{
    const sampling::Field* f = fieldOf(key);
    if (!f)
        return {};
    if (f->inSampler())
        return formatValue(sampling::get(modePreset(s_.thinking), *f), f->kind);
    // The reply limits' defaults are the app's (sampling/fields.h).
    if (f->key == "max_tokens")
        return QLocale().toString(runtime::kDefaultReplyMaxTokens);
    return tr("model"); // context_length: the model's own
}

void ChatSettings::resetSampling()
{
    auto next = s_;
    next.sampling = {};
    const bool hadErrors = !errors_.isEmpty();
    errors_.clear();
    if (hadErrors && next == s_)
        emit changed();
    commit(next);
}

} // namespace vela::app
