// ChatSettings: the open conversation's settings (storage::ConversationSettings)
// as QML properties, for the composer's thinking toggle and the settings drawer.
//
// Sampling values are optional: an empty text means "use the preset for the
// thinking mode" (the placeholder shows the preset), so the preset follows the
// toggle unless the user typed a value. The *Text properties are locale
// formatted ("0,7" in Spanish) and accept either decimal separator; a value
// that is not a number or out of range is refused (the field shows the old
// value again). Every accepted change emits edited(), which ChatController
// stores.
#pragma once

#include "storage/types.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace vela::app {

class ChatSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatController")
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY changed)
    Q_PROPERTY(bool thinking READ thinking WRITE setThinking NOTIFY changed)
    // 0 Auto, 1 English, 2 Español (storage::AnswerLanguage).
    Q_PROPERTY(int answerLanguage READ answerLanguage WRITE setAnswerLanguage NOTIFY changed)
    Q_PROPERTY(bool completionMode READ completionMode WRITE setCompletionMode NOTIFY changed)
    Q_PROPERTY(QString temperatureText READ temperatureText WRITE setTemperatureText NOTIFY changed)
    Q_PROPERTY(QString topKText READ topKText WRITE setTopKText NOTIFY changed)
    Q_PROPERTY(QString topPText READ topPText WRITE setTopPText NOTIFY changed)
    Q_PROPERTY(QString minPText READ minPText WRITE setMinPText NOTIFY changed)
    Q_PROPERTY(QString repeatPenaltyText READ repeatPenaltyText WRITE setRepeatPenaltyText NOTIFY changed)
    Q_PROPERTY(QString presencePenaltyText READ presencePenaltyText WRITE setPresencePenaltyText NOTIFY changed)
    Q_PROPERTY(QString frequencyPenaltyText READ frequencyPenaltyText WRITE setFrequencyPenaltyText NOTIFY changed)
    Q_PROPERTY(QString maxTokensText READ maxTokensText WRITE setMaxTokensText NOTIFY changed)
    Q_PROPERTY(QString contextLengthText READ contextLengthText WRITE setContextLengthText NOTIFY changed)
    // The preset values for the current mode, for placeholders.
    Q_PROPERTY(QString presetTemperature READ presetTemperature NOTIFY changed)
    Q_PROPERTY(QString presetTopK READ presetTopK NOTIFY changed)
    Q_PROPERTY(QString presetTopP READ presetTopP NOTIFY changed)
    Q_PROPERTY(QString presetMaxTokens READ presetMaxTokens NOTIFY changed)
public:
    enum class Field { Temperature, TopK, TopP, MinP, RepeatPenalty, PresencePenalty, FrequencyPenalty, MaxTokens, ContextLength };

    explicit ChatSettings(QObject* parent = nullptr);

    const storage::ConversationSettings& value() const { return s_; }
    // Loads another conversation's settings (no edited()).
    void setValue(const storage::ConversationSettings& settings);

    QString systemPrompt() const { return s_.systemPrompt; }
    void setSystemPrompt(const QString& text);
    bool thinking() const { return s_.thinking; }
    void setThinking(bool on);
    int answerLanguage() const { return int(s_.answerLanguage); }
    void setAnswerLanguage(int language);
    bool completionMode() const { return s_.completionMode; }
    void setCompletionMode(bool on);

    QString text(Field field) const;
    // False (and nothing changes) when `text` is not a valid value.
    bool setText(Field field, const QString& text);

    QString temperatureText() const { return text(Field::Temperature); }
    void setTemperatureText(const QString& t) { setText(Field::Temperature, t); }
    QString topKText() const { return text(Field::TopK); }
    void setTopKText(const QString& t) { setText(Field::TopK, t); }
    QString topPText() const { return text(Field::TopP); }
    void setTopPText(const QString& t) { setText(Field::TopP, t); }
    QString minPText() const { return text(Field::MinP); }
    void setMinPText(const QString& t) { setText(Field::MinP, t); }
    QString repeatPenaltyText() const { return text(Field::RepeatPenalty); }
    void setRepeatPenaltyText(const QString& t) { setText(Field::RepeatPenalty, t); }
    QString presencePenaltyText() const { return text(Field::PresencePenalty); }
    void setPresencePenaltyText(const QString& t) { setText(Field::PresencePenalty, t); }
    QString frequencyPenaltyText() const { return text(Field::FrequencyPenalty); }
    void setFrequencyPenaltyText(const QString& t) { setText(Field::FrequencyPenalty, t); }
    QString maxTokensText() const { return text(Field::MaxTokens); }
    void setMaxTokensText(const QString& t) { setText(Field::MaxTokens, t); }
    QString contextLengthText() const { return text(Field::ContextLength); }
    void setContextLengthText(const QString& t) { setText(Field::ContextLength, t); }

    QString presetTemperature() const;
    QString presetTopK() const;
    QString presetTopP() const;
    QString presetMaxTokens() const;

    // Clears every sampling value: back to the presets.
    Q_INVOKABLE void resetSampling();
    // The UI language changed: numbers are shown in the new locale.
    void refreshLocalized() { emit changed(); }

signals:
    void changed();
    void edited(const vela::storage::ConversationSettings& settings);

private:
    void commit(const storage::ConversationSettings& next);

    storage::ConversationSettings s_;
};

} // namespace vela::app
