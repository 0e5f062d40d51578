// StreamingReply: the assistant reply being generated as the conversation sees
// it (the engine's side is app/engine/reply_stream.h), from the request to the
// engine until its row in the store is final. At most one runs at a time.
//
// Nothing of a reply is lost:
//  * it is a Streaming row in the store from its first moment;
//  * the row is rewritten whenever text arrived in the last commit interval
//    (400 ms, under the 500 ms the product promises);
//  * it is finished with its final text and statistics (or, on failure,
//    with what streamed and the error);
//  * a killed process leaves it Streaming, which the store turns into
//    Stopped on the next start.
// A reply belongs to the conversation it was asked in: while the view shows
// another one (showIn), the reply goes on being committed by message id and
// only the store sees it.
//
// ChatController owns one and decides when a reply starts; the UI reads
// `generating` and calls stop() through `App.chat.reply`.
#pragma once

#include "engine/engine_types.h"
#include "storage/types.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace vela::storage {
class ConversationStore;
}

namespace vela::app {

class EngineController;
class MessageListModel;
class Notice;

class StreamingReply : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatController")
    Q_PROPERTY(bool generating READ generating NOTIFY generatingChanged)
public:
    // `shown` is the message list the view shows; `notice` receives storage
    // failures and failed replies. All are the caller's and outlive this.
    StreamingReply(storage::ConversationStore& store, EngineController& engine, MessageListModel& shown,
                Notice& notice, QObject* parent = nullptr);
    // Commits what streamed: the engine may outlive us.
    ~StreamingReply() override;

    bool generating() const { return stream_.has_value(); }
    // The running reply's message and conversation, or -1.
    qint64 messageId() const { return stream_ ? stream_->messageId : -1; }
    qint64 conversationId() const { return stream_ ? stream_->conversationId : -1; }
    void setCommitInterval(int ms) { commitTimer_.setInterval(ms); }

    // Asks for a reply to `history` (the messages `shown` holds) in
    // `conversationId`, which the view shows, with that conversation's
    // settings. Its Streaming row is stored and appended to `shown` first.
    // Throws storage::StorageError (and starts nothing) if the row cannot
    // be stored. Not while generating().
    void start(qint64 conversationId, const storage::ConversationSettings& settings,
               const std::vector<storage::Message>& history);
    // The view now shows `conversationId` (-1: a new chat) with its stored
    // messages: if the reply runs there, its row shows the newest text
    // rather than the last commit.
    void showIn(qint64 conversationId);

public slots:
    // Ends the running reply as Stopped (ended() follows from the engine).
    void stop();

signals:
    void generatingChanged();
    // A reply's row is final (any status, by its stored name); tests and
    // the e2e hook wait on it.
    void ended(qint64 messageId, const QString& status);
    // A reply started or ended: its conversation's place in the sidebar
    // (most recent first) may have changed.
    void conversationTouched();

private:
    struct Stream {
        quint64 requestId = 0;
        qint64 conversationId = 0;
        qint64 messageId = 0;
        QString content, reasoning;
        bool dirty = false;               // text arrived since the last commit
        std::optional<qint64> thinkingMs; // set when the answer phase begins
        QDateTime reasoningStartedAt;     // when the reasoning phase began (the view's live counter)
    };

    bool isShown() const { return stream_ && stream_->conversationId == shown_; }
    int shownRow() const;
    void commit();
    void onPromptProgress(quint64 id, int done, int total);
    void onDelta(quint64 id, const QString& reasoning, const QString& content);
    void onPhase(quint64 id, vela::app::ReplyPhase phase);
    void onFinished(quint64 id, const vela::app::ReplyResult& result);
    void onFailed(quint64 id, const vela::app::ErrorInfo& error);
    void end(const storage::MessageResult& result, storage::MessageStatus status);

    storage::ConversationStore& store_;
    EngineController& engine_;
    MessageListModel& shownMessages_;
    Notice& notice_;
    qint64 shown_ = -1; // the conversation the view shows
    std::optional<Stream> stream_;
    quint64 nextRequest_ = 1;
    QTimer commitTimer_;
};

} // namespace vela::app
