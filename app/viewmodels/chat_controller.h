// ChatController: the open conversation and everything done to it.
//
// It ties the list models (sidebar, messages, search) to ConversationStore
// and EngineController, both owned by the caller (AppContext in the app, the
// test in tests). All of it runs on the GUI thread; the engine answers with
// queued signals.
//
// Nothing is ever lost:
//  * send() commits the user's message before asking for a reply;
//  * the reply is a Streaming row from its first moment, rewritten in the
//    store whenever text arrived in the last commit interval (400 ms, under
//    the 500 ms the product promises) and finished with its final text and
//    statistics; a killed process leaves it Streaming, which the store turns
//    into Stopped on the next start.
// A reply belongs to the conversation it was asked in: switching to another
// conversation while it streams keeps committing it by message id.
//
// Storage failures never throw into QML: they become the `notice`
// (notice.h), shown by the UI as a banner.
#pragma once

#include "chat_settings.h"
#include "conversation_list_model.h"
#include "draft_token_counter.h"
#include "message_list_model.h"
#include "notice.h"
#include "search_results_model.h"

#include "engine/engine_types.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>

namespace vela::storage {
class ConversationStore;
}

namespace vela::app {

class EngineController;

class ChatController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(vela::app::ConversationListModel* conversations READ conversations CONSTANT)
    Q_PROPERTY(vela::app::MessageListModel* messages READ messages CONSTANT)
    Q_PROPERTY(vela::app::SearchResultsModel* searchResults READ searchResults CONSTANT)
    Q_PROPERTY(vela::app::ChatSettings* settings READ settings CONSTANT)
    // -1 while a new chat has not been sent yet.
    Q_PROPERTY(qint64 currentConversationId READ currentConversationId NOTIFY currentChanged)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentChanged)
    Q_PROPERTY(bool generating READ generating NOTIFY generatingChanged)
    // Why the composer cannot send now ("" when it can), for its placeholder.
    Q_PROPERTY(QString blockedReason READ blockedReason NOTIFY blockedReasonChanged)
    Q_PROPERTY(QString searchQuery READ searchQuery WRITE setSearchQuery NOTIFY searchQueryChanged)
    // The title of the last deleted conversation while it can be undone, else "".
    Q_PROPERTY(QString undoTitle READ undoTitle NOTIFY undoChanged)
    Q_PROPERTY(vela::app::Notice* notice READ notice CONSTANT)
    // The database was found damaged at start and a backup exists (offered
    // with the notice until it is dismissed).
    Q_PROPERTY(bool canRestoreBackup READ canRestoreBackup NOTIFY canRestoreBackupChanged)
    // The composer's text and its live token count.
    Q_PROPERTY(vela::app::DraftTokenCounter* draft READ draft CONSTANT)
public:
    ChatController(storage::ConversationStore& store, EngineController& engine, QObject* parent = nullptr);
    ~ChatController() override;

    ConversationListModel* conversations() { return &conversations_; }
    MessageListModel* messages() { return &messages_; }
    SearchResultsModel* searchResults() { return &search_; }
    ChatSettings* settings() { return &settings_; }
    qint64 currentConversationId() const { return current_; }
    QString currentTitle() const { return title_; }
    bool generating() const { return stream_.has_value(); }
    QString blockedReason() const;
    QString searchQuery() const { return query_; }
    QString undoTitle() const { return undo_ ? undo_->conversation.title : QString(); }
    Notice* notice() { return &notice_; }
    bool canRestoreBackup() const { return canRestoreBackup_; }
    DraftTokenCounter* draft() { return &draft_; }

    // The id of the reply being generated, or -1.
    qint64 streamingMessageId() const { return stream_ ? stream_->messageId : -1; }
    void setCommitInterval(int ms) { commitTimer_.setInterval(ms); }
    // Tells the user what the store found at start (damage, recovered replies).
    void reportOpen();

public slots:
    // An empty draft; the conversation is created by the first send().
    void newConversation();
    void selectConversation(qint64 id);
    // A search hit: opens its conversation (again, if open) and asks the
    // view to bring the message into view (revealMessage). messageId -1
    // (a title match) only opens the conversation.
    void openSearchResult(qint64 conversationId, qint64 messageId);
    // False when nothing was sent (empty text, no model, a reply running).
    bool send(const QString& text);
    void stop();
    bool regenerate(qint64 messageId);
    bool editAndResend(qint64 messageId, const QString& text);

    void renameConversation(qint64 id, const QString& title);
    void setPinned(qint64 id, bool pinned);
    void deleteConversation(qint64 id);
    void undoDelete();

    // format: "markdown" or "json". id -1: every conversation.
    bool exportTo(qint64 id, const QUrl& file, const QString& format, bool includeReasoning);
    bool importFrom(const QUrl& file);
    bool restoreLatestBackup();

    void setSearchQuery(const QString& query);
    void refreshLocalized();

signals:
    void currentChanged();
    void generatingChanged();
    void blockedReasonChanged();
    void searchQueryChanged();
    void undoChanged();
    void canRestoreBackupChanged();
    // The view should scroll to the message at `row` and highlight it briefly.
    void revealMessage(int row, qint64 messageId);
    // A reply ended (any status); tests and the e2e hook wait on it.
    void replyEnded(qint64 messageId, const QString& status);

private:
    struct Stream {
        quint64 requestId = 0;
        qint64 conversationId = 0;
        qint64 messageId = 0;
        QString content, reasoning;
        bool dirty = false;
        std::optional<qint64> thinkingMs; // set when the answer phase begins
        QDateTime reasoningStartedAt;     // when the reasoning phase began (the view's live counter)
    };

    bool guard(const std::function<void()>& action);
    void setCanRestoreBackup(bool can);
    void reloadConversations();
    void loadCurrent(qint64 id);
    bool startReply();
    void commitStream();
    void onPromptProgress(quint64 id, int done, int total);
    void onDelta(quint64 id, const QString& reasoning, const QString& content);
    void onPhase(quint64 id, vela::app::ReplyPhase phase);
    void onFinished(quint64 id, const vela::app::ReplyResult& result);
    void onFailed(quint64 id, const vela::app::ErrorInfo& error);
    void endStream(const storage::MessageResult& result, storage::MessageStatus status);
    void runSearch();

    storage::ConversationStore& store_;
    EngineController& engine_;
    ConversationListModel conversations_;
    MessageListModel messages_;
    SearchResultsModel search_;
    ChatSettings settings_;
    qint64 current_ = -1;
    QString title_;
    QString query_;
    Notice notice_;
    bool canRestoreBackup_ = false;
    std::optional<storage::ConversationSnapshot> undo_;
    std::optional<Stream> stream_;
    quint64 nextRequest_ = 1;
    QTimer commitTimer_;
    DraftTokenCounter draft_;
};

} // namespace vela::app
