// ChatSettings: the open conversation's settings (storage::ConversationSettings)
// as QML properties, for the composer's thinking toggle and the settings drawer.
//
// The sampling settings are the entries of sampling::fields(), addressed by
// their key ("top_p") and listed for the drawer by `fields` (one row each).
// Values are optional: an empty text means "use the preset for the thinking
// mode" (the placeholder shows the preset), so the preset follows the toggle
// unless the user typed a value. Texts are locale formatted ("0,7" in
// Spanish) and accept either decimal separator; a value that is not a number
// or outside the field's range is refused (the field shows the old value
// again) and error(key) says why, in the words the engine would use. Every
// accepted change emits edited(), which ChatController stores.
#pragma once

#include "sampling/fields.h"
#include "storage/types.h"

#include <QAbstractListModel>
#include <QHash>
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace vela::app {

class ChatSettings;

// One row per sampling::fields() entry, in the table's order.
// Roles: key (the field's key), label (translated), value (text, empty =
// preset), preset (the placeholder), range ("(0, 1]"), error (why the last
// value typed was refused; empty when none).
class SamplingFieldModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { KeyRole = Qt::UserRole + 1, LabelRole, ValueRole, PresetRole, RangeRole, ErrorRole };

    explicit SamplingFieldModel(ChatSettings* settings);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    ChatSettings* settings_;
};

class ChatSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatController")
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY changed)
    Q_PROPERTY(bool thinking READ thinking WRITE setThinking NOTIFY changed)
    // 0 Auto, 1 English, 2 Español (storage::AnswerLanguage).
    Q_PROPERTY(int answerLanguage READ answerLanguage WRITE setAnswerLanguage NOTIFY changed)
    Q_PROPERTY(bool completionMode READ completionMode WRITE setCompletionMode NOTIFY changed)
    Q_PROPERTY(QAbstractItemModel* fields READ fields CONSTANT)
public:
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

    QAbstractItemModel* fields() { return &fields_; }

    // The value of the sampling field `key`, empty when it follows the preset.
    Q_INVOKABLE QString text(const QString& key) const;
    // False (and nothing changes but error(key)) when `text` is not a valid
    // value; empty text clears the value (back to the preset).
    Q_INVOKABLE bool setText(const QString& key, const QString& text);
    // The placeholder: the preset of the current mode, or what the app uses.
    QString preset(const QString& key) const;
    // Why the last text given to setText(key) was refused; empty once accepted.
    QString error(const QString& key) const { return errors_.value(key); }
    // The field's translated label; empty for a key without one.
    static QString label(const QString& key);
    // In the UI language; in English the text sampling::valueError gives.
    static QString valueError(const sampling::Field& field, double value);

    // Clears every sampling value: back to the presets.
    Q_INVOKABLE void resetSampling();
    // The UI language changed: numbers are shown in the new locale.
    void refreshLocalized();

signals:
    void changed();
    void edited(const vela::storage::ConversationSettings& settings);

private:
    void commit(const storage::ConversationSettings& next);
    void refused(const QString& key, const QString& why);

    storage::ConversationSettings s_;
    QHash<QString, QString> errors_;
    SamplingFieldModel fields_{this};
};

} // namespace vela::app
