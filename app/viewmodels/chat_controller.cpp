// ChatController: the conversation flow (select, send, regenerate, edit).
// Sidebar actions (rename, pin, delete, search) are in chat_conversations.cpp.
#include "chat_controller.h"

#include "storage_guard.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "storage/conversation_store.h"

namespace vela::app {

namespace {

// The first line of the first message, shortened: a title the user can
// recognise without the model writing one.
QString titleFrom(const QString& text)
{
    QString line = text.trimmed().section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > 60)
        line = line.left(59) + QStringLiteral("…");
    return line;
}

} // namespace

ChatController::ChatController(storage::ConversationStore& store, EngineController& engine, QObject* parent)
    : QObject(parent), store_(store), engine_(engine), reply_(store, engine, messages_, notice_),
      archive_(store, reply_, notice_), draft_(engine)
{
    connect(&reply_, &StreamingReply::conversationTouched, this, &ChatController::reloadConversations);
    connect(&archive_, &ConversationArchive::imported, this, [this](qint64 firstId) {
        reloadConversations();
        if (firstId >= 0)
            loadCurrent(firstId);
    });
    connect(&archive_, &ConversationArchive::restored, this, [this] {
        reloadConversations();
        newConversation();
    });
    connect(&engine_, &EngineController::stateChanged, this, &ChatController::blockedReasonChanged);
    connect(&settings_, &ChatSettings::edited, this, [this](const storage::ConversationSettings& s) {
        if (current_ >= 0)
            guard([&] { store_.updateSettings(current_, s); });
    });
    reloadConversations();
}

ChatController::~ChatController() = default;

bool ChatController::guard(const std::function<void()>& action)
{
    return guardStorage(notice_, action);
}

QString ChatController::blockedReason() const
{
    switch (engine_.state()) {
    case EngineController::State::Unloaded:
    case EngineController::State::ShutDown: return tr("Load a model to start chatting.");
    case EngineController::State::Loading: return tr("The model is loading…");
    case EngineController::State::Ready:
    case EngineController::State::Generating: break;
    }
    return {};
}

void ChatController::reloadConversations()
{
    guard([&] { conversations_.setConversations(store_.listConversations()); });
}

void ChatController::show(qint64 id, const QString& title, std::vector<storage::Message> messages)
{
    current_ = id;
    title_ = title;
    messages_.setMessages(std::move(messages));
    reply_.showIn(id);
    emit currentChanged();
}

void ChatController::newConversation()
{
    // A new chat starts with the defaults, except the thinking mode, which
    // follows the last chat (people rarely switch it per chat).
    storage::ConversationSettings defaults;
    defaults.thinking = settings_.value().thinking;
    settings_.setValue(defaults);
    show(-1, QString(), {});
}

void ChatController::loadCurrent(qint64 id)
{
    guard([&] {
        const auto conversation = store_.conversation(id);
        if (!conversation)
            return;
        settings_.setValue(conversation->settings);
        show(id, conversation->title, store_.messages(id));
    });
}

void ChatController::selectConversation(qint64 id)
{
    if (id != current_)
        loadCurrent(id);
}

void ChatController::openSearchResult(qint64 conversationId, qint64 messageId)
{
    if (conversationId != current_)
        loadCurrent(conversationId);
    if (conversationId != current_ || messageId < 0)
        return;
    const int row = messages_.rowOf(messageId);
    if (row >= 0)
        emit revealMessage(row, messageId);
}

bool ChatController::send(const QString& text)
{
    if (text.trimmed().isEmpty() || reply_.generating() || !engine_.isLoaded())
        return false;
    return guard([&] {
        if (current_ < 0) {
            const auto created = store_.createConversation(titleFrom(text), settings_.value());
            show(created.id, created.title, {});
        }
        storage::Message user;
        user.role = storage::Role::User;
        user.content = text;
        messages_.append(store_.appendMessage(current_, user)); // committed before generation
        startReply();
    });
}

void ChatController::startReply()
{
    reply_.start(current_, settings_.value(), messages_.messages());
}

bool ChatController::regenerate(qint64 messageId)
{
    const int row = messages_.rowOf(messageId);
    if (reply_.generating() || row < 0 || !engine_.isLoaded() ||
        messages_.messages()[std::size_t(row)].role != storage::Role::Assistant)
        return false;
    return guard([&] {
        store_.deleteMessagesFrom(current_, messageId);
        messages_.truncate(row);
        startReply();
    });
}

bool ChatController::editAndResend(qint64 messageId, const QString& text)
{
    const int row = messages_.rowOf(messageId);
    if (reply_.generating() || row < 0 || text.trimmed().isEmpty() || !engine_.isLoaded() ||
        messages_.messages()[std::size_t(row)].role != storage::Role::User)
        return false;
    const bool deleted = guard([&] {
        store_.deleteMessagesFrom(current_, messageId);
        messages_.truncate(row);
    });
    return deleted && send(text);
}

void ChatController::refreshLocalized()
{
    conversations_.refreshLocalized();
    messages_.refreshLocalized();
    search_.refreshLocalized();
    settings_.refreshLocalized();
    draft_.recount();
    emit blockedReasonChanged();
}

} // namespace vela::app
