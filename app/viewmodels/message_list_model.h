// MessageListModel: the messages of the open conversation, for the chat view.
//
// Rows are storage::Message records in conversation order. While a reply
// streams, ChatController calls updateStreaming() for every batch of text;
// only the content/reasoning roles of that one row change (dataChanged), so
// the view's other delegates are untouched and streaming does not jank.
//
// Roles (names as QML sees them):
//   messageId        qint64   the database id                          (IdRole)
//   role             QString  "user" | "assistant" | "system"          (RoleRole)
//   content          QString  the Markdown text (also Qt::DisplayRole)  (ContentRole)
//   reasoning        QString  the model's thinking, "" when none        (ReasoningRole)
//   thinkingMs       int      how long the model thought; -1 unknown    (ThinkingMsRole)
//   status           QString  "complete" | "stopped" | "failed" | "streaming" (StatusRole)
//   isStreaming      bool     status == streaming                       (IsStreamingRole)
//   generatedTokens  int      -1 when not measured                      (GeneratedTokensRole)
//   promptTokens     int      -1 when not measured                      (PromptTokensRole)
//   tokensPerSecond  double   -1 when not measured                      (TokensPerSecondRole)
//   createdAt        QDateTime                                          (CreatedAtRole)
//   createdText      QString  createdAt in the UI locale's short format (CreatedTextRole)
//   statsText        QString  "12.5 tok/s · 96 tokens", localized; ""  (StatsTextRole)
//   error            QString  why generation failed                     (ErrorRole)
//   modelName        QString  the model that answered (its file name without
//                             .gguf); "" for user messages / unknown    (ModelRole)
//   promptProgress   double   0..1 while a streaming reply's long prompt
//                             is read; -1 otherwise                     (PromptProgressRole)
//   promptText       QString  "Reading the conversation: 384 / 1,024
//                             tokens", localized; "" otherwise          (PromptTextRole)
//   reasoningStartedAt QDateTime when a streaming reply began to think
//                             (its live counter); invalid otherwise     (ReasoningStartedAtRole)
//   spokenText       QString  what a screen reader says for the message (SpokenTextRole)
//                             (its accessible name): "You, 10:42: …",
//                             "Vela, thought for 4 s, 10:43: …", the
//                             content as plain text (no Markdown syntax),
//                             its first kSpokenLength characters
//   spokenStatus     QString  the state a screen reader reports (the   (SpokenStatusRole)
//                             accessible description): "Writing a reply",
//                             "Thinking", "Stopped", "Failed: …"; "" when complete
#pragma once

#include "storage/types.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace vela::app {

class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        RoleRole,
        ContentRole,
        ReasoningRole,
        ThinkingMsRole,
        StatusRole,
        IsStreamingRole,
        GeneratedTokensRole,
        PromptTokensRole,
        TokensPerSecondRole,
        CreatedAtRole,
        CreatedTextRole,
        StatsTextRole,
        ErrorRole,
        ModelRole,
        PromptProgressRole,
        PromptTextRole,
        ReasoningStartedAtRole,
        SpokenTextRole,
        SpokenStatusRole,
    };
    Q_ENUM(Roles)

    explicit MessageListModel(QObject* parent = nullptr);

    int count() const { return int(rows_.size()); }
    const std::vector<storage::Message>& messages() const { return rows_; }
    // Row of a message id, or -1.
    int rowOf(qint64 id) const;

    void setMessages(std::vector<storage::Message> messages);
    void append(const storage::Message& message);
    // Replaces a row's record (a finished reply), signalling only changed roles.
    void replace(int row, const storage::Message& message);
    // A streaming reply's text grew.
    void updateStreaming(int row, const QString& content, const QString& reasoning);
    // A streaming reply's long prompt is being read: `done` of `total`
    // positions. It shows until done reaches total or the row is replaced
    // (the reply ended); one row at a time.
    void setPromptProgress(int row, int done, int total);
    // A streaming reply entered its reasoning phase at `at` (until the row
    // is replaced: the reply ended; one row at a time).
    void setReasoningStartedAt(int row, const QDateTime& at);
    // Removes rows [row, end): regenerate and edit-and-resend.
    void truncate(int row);
    // The UI language changed: re-render the localized roles.
    void refreshLocalized();

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Localized "12.5 tok/s · 96 tokens" for a message's statistics.
    static QString statsText(const storage::Message& m);
    // The spokenText and spokenStatus roles (see the header comment).
    static constexpr qsizetype kSpokenLength = 1000;
    static QString spokenText(const storage::Message& m);
    static QString spokenStatus(const storage::Message& m);

signals:
    void countChanged();

private:
    void clearPromptProgress();

    std::vector<storage::Message> rows_;
    // The prompt being read, not stored: it only lives while a reply starts.
    struct PromptProgress {
        qint64 messageId = -1;
        int done = 0;
        int total = 0;
    };
    std::optional<PromptProgress> prompt_;
    std::optional<std::pair<qint64, QDateTime>> reasoningStart_; // message id, when
};

} // namespace vela::app
