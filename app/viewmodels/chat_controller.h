// ChatController: the open conversation and what is done to conversations
// — select, send, regenerate, edit and resend, rename, pin, delete with
// undo, search.
//
// It ties the list models (sidebar, messages, search) to ConversationStore
// and EngineController, both owned by the caller (AppContext in the app, the
// test in tests). All of it runs on the GUI thread; the engine answers with
// queued signals. Its parts have their own rooms, each a property for QML:
//  * `reply` (StreamingReply): the reply being generated, streamed into the
//    store and the view; send() commits the user's message before it starts;
//  * `archive` (ConversationArchive): export, import, the start-up report
//    and restoring a backup;
//  * `draft` (DraftTokenCounter): the composer's text and its token count;
//  * `notice` (Notice): what the last action came to, shown as a banner.
//    Storage failures never throw into QML: they become the notice.
#pragma once

#include "chat_settings.h"
#include "conversation_archive.h"
#include "conversation_list_model.h"
#include "draft_token_counter.h"
#include "message_list_model.h"
#include "notice.h"
#include "streaming_reply.h"
#include "search_results_model.h"

#include <QObject>
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
    // Why the composer cannot send now ("" when it can), for its placeholder.
    Q_PROPERTY(QString blockedReason READ blockedReason NOTIFY blockedReasonChanged)
    Q_PROPERTY(QString searchQuery READ searchQuery WRITE setSearchQuery NOTIFY searchQueryChanged)
    // The title of the last deleted conversation while it can be undone, else "".
    Q_PROPERTY(QString undoTitle READ undoTitle NOTIFY undoChanged)
    Q_PROPERTY(vela::app::Notice* notice READ notice CONSTANT)
    Q_PROPERTY(vela::app::StreamingReply* reply READ reply CONSTANT)
    Q_PROPERTY(vela::app::ConversationArchive* archive READ archive CONSTANT)
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
    QString blockedReason() const;
    QString searchQuery() const { return query_; }
    QString undoTitle() const { return undo_ ? undo_->conversation.title : QString(); }
    // The newest assistant reply of the open conversation with text, as
    // stored (Markdown); "" when there is none. "Copy last reply".
    Q_INVOKABLE QString lastReplyText() const;
    Notice* notice() { return &notice_; }
    StreamingReply* reply() { return &reply_; }
    ConversationArchive* archive() { return &archive_; }
    DraftTokenCounter* draft() { return &draft_; }

public slots:
    // An empty draft; the conversation is created by the first send().
    void newConversation();
    void selectConversation(qint64 id);
    // The conversation `step` rows below (positive) or above the open one
    // in the sidebar's order, stopping at either end; from a new chat, the
    // first (step > 0) or the last. The keyboard's next/previous conversation.
    void selectAdjacentConversation(int step);
    // A search hit: opens its conversation (again, if open) and asks the
    // view to bring the message into view (revealMessage). messageId -1
    // (a title match) only opens the conversation.
    void openSearchResult(qint64 conversationId, qint64 messageId);
    // False when nothing was sent (empty text, no model, a reply running).
    bool send(const QString& text);
    bool regenerate(qint64 messageId);
    bool editAndResend(qint64 messageId, const QString& text);

    void renameConversation(qint64 id, const QString& title);
    void setPinned(qint64 id, bool pinned);
    void deleteConversation(qint64 id);
    void undoDelete();

    void setSearchQuery(const QString& query);
    void refreshLocalized();

signals:
    void currentChanged();
    void blockedReasonChanged();
    void searchQueryChanged();
    void undoChanged();
    // The view should scroll to the message at `row` and highlight it briefly.
    void revealMessage(int row, qint64 messageId);

private:
    bool guard(const std::function<void()>& action);
    // The view now shows conversation `id` (-1: a new chat) with `messages`.
    void show(qint64 id, const QString& title, std::vector<storage::Message> messages);
    void reloadConversations();
    void loadCurrent(qint64 id);
    void startReply();
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
    std::optional<storage::ConversationSnapshot> undo_;
    // After the models and the notice it writes to: destroyed first.
    StreamingReply reply_;
    ConversationArchive archive_;
    DraftTokenCounter draft_;
};

} // namespace vela::app
