// ChatController: the conversation flow (select, send, stream, finish).
// Sidebar actions (rename, delete, export, search) are in chat_conversations.cpp.
#include "chat_controller.h"

#include "prompt_builder.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "storage/conversation_store.h"
#include "storage/error.h"

#include <QFileInfo>
#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

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
    : QObject(parent), store_(store), engine_(engine), draft_(engine)
{
    commitTimer_.setInterval(400);
    connect(&commitTimer_, &QTimer::timeout, this, &ChatController::commitStream);
    // The backup offer goes with the damage notice: closing it withdraws it.
    connect(&notice_, &Notice::dismissed, this, [this] { setCanRestoreBackup(false); });
    connect(&engine_, &EngineController::promptProgress, this, &ChatController::onPromptProgress);
    connect(&engine_, &EngineController::replyDelta, this, &ChatController::onDelta);
    connect(&engine_, &EngineController::phaseChanged, this, &ChatController::onPhase);
    connect(&engine_, &EngineController::replyFinished, this, &ChatController::onFinished);
    connect(&engine_, &EngineController::replyFailed, this, &ChatController::onFailed);
    connect(&engine_, &EngineController::stateChanged, this, &ChatController::blockedReasonChanged);
    connect(&settings_, &ChatSettings::edited, this, [this](const storage::ConversationSettings& s) {
        if (current_ >= 0)
            guard([&] { store_.updateSettings(current_, s); });
    });
    reloadConversations();
}

ChatController::~ChatController()
{
    // The engine may outlive us (it is the caller's); keep what streamed.
    if (stream_) {
        commitStream();
        disconnect(&engine_, nullptr, this, nullptr);
    }
}

bool ChatController::guard(const std::function<void()>& action)
{
    try {
        action();
        return true;
    } catch (const storage::StorageError& e) {
        notice_.show(QString::fromUtf8(e.what()), true);
    }
    return false;
}

void ChatController::setCanRestoreBackup(bool can)
{
    if (can == canRestoreBackup_)
        return;
    canRestoreBackup_ = can;
    emit canRestoreBackupChanged();
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

void ChatController::newConversation()
{
    current_ = -1;
    title_.clear();
    // A new chat starts with the defaults, except the thinking mode, which
    // follows the last chat (people rarely switch it per chat).
    storage::ConversationSettings defaults;
    defaults.thinking = settings_.value().thinking;
    settings_.setValue(defaults);
    messages_.setMessages({});
    emit currentChanged();
}

void ChatController::loadCurrent(qint64 id)
{
    guard([&] {
        const auto conversation = store_.conversation(id);
        if (!conversation)
            return;
        current_ = id;
        title_ = conversation->title;
        settings_.setValue(conversation->settings);
        messages_.setMessages(store_.messages(id));
        if (stream_ && stream_->conversationId == id) { // show the newest text, not the last commit
            const int row = messages_.rowOf(stream_->messageId);
            messages_.updateStreaming(row, stream_->content, stream_->reasoning);
            if (stream_->reasoningStartedAt.isValid())
                messages_.setReasoningStartedAt(row, stream_->reasoningStartedAt);
        }
        emit currentChanged();
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
    if (text.trimmed().isEmpty() || stream_ || !engine_.isLoaded())
        return false;
    return guard([&] {
        if (current_ < 0) {
            const auto created = store_.createConversation(titleFrom(text), settings_.value());
            current_ = created.id;
            title_ = created.title;
            messages_.setMessages({});
            emit currentChanged();
        }
        storage::Message user;
        user.role = storage::Role::User;
        user.content = text;
        messages_.append(store_.appendMessage(current_, user)); // committed before generation
        startReply();
    });
}

bool ChatController::startReply()
{
    const std::vector<storage::Message> history = messages_.messages();
    const QString model = QFileInfo(engine_.modelInfo().path).fileName();
    const storage::Message reply = store_.beginAssistantMessage(current_, model);
    messages_.append(reply);

    Stream s;
    s.requestId = nextRequest_++;
    s.conversationId = current_;
    s.messageId = reply.id;
    stream_ = std::move(s);
    commitTimer_.start();
    emit generatingChanged();
    // The conversation's context length (or the model's default), applied
    // without reloading the weights; queued before the reply, so it runs with it.
    const std::int64_t context = settings_.value().sampling.contextLength.value_or(0);
    engine_.setContextSize(uint(std::clamp<std::int64_t>(context, 0, std::numeric_limits<std::uint32_t>::max())));
    engine_.generate(stream_->requestId, buildTurns(settings_.value(), history),
                     replyOptionsFor(settings_.value(), QRandomGenerator::global()->generate64()));
    reloadConversations(); // the conversation moved to the top
    return true;
}

void ChatController::stop()
{
    if (stream_)
        engine_.stop();
}

bool ChatController::regenerate(qint64 messageId)
{
    const int row = messages_.rowOf(messageId);
    if (stream_ || row < 0 || !engine_.isLoaded() ||
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
    if (stream_ || row < 0 || text.trimmed().isEmpty() || !engine_.isLoaded() ||
        messages_.messages()[std::size_t(row)].role != storage::Role::User)
        return false;
    const bool deleted = guard([&] {
        store_.deleteMessagesFrom(current_, messageId);
        messages_.truncate(row);
    });
    return deleted && send(text);
}

void ChatController::commitStream()
{
    if (!stream_ || !stream_->dirty)
        return;
    stream_->dirty = false;
    guard([&] { store_.updateStreamingMessage(stream_->messageId, stream_->content, stream_->reasoning); });
}

void ChatController::onPromptProgress(quint64 id, int done, int total)
{
    if (stream_ && id == stream_->requestId && stream_->conversationId == current_)
        messages_.setPromptProgress(messages_.rowOf(stream_->messageId), done, total);
}

void ChatController::onDelta(quint64 id, const QString& reasoning, const QString& content)
{
    if (!stream_ || id != stream_->requestId)
        return;
    stream_->reasoning += reasoning;
    stream_->content += content;
    stream_->dirty = true;
    if (stream_->conversationId == current_)
        messages_.updateStreaming(messages_.rowOf(stream_->messageId), stream_->content, stream_->reasoning);
}

void ChatController::onPhase(quint64 id, ReplyPhase phase)
{
    if (!stream_ || id != stream_->requestId)
        return;
    if (phase == ReplyPhase::Reasoning) {
        // Thinking starts now, not at send: a long prompt may have taken a
        // while to read.
        stream_->reasoningStartedAt = QDateTime::currentDateTime();
        if (stream_->conversationId == current_)
            messages_.setReasoningStartedAt(messages_.rowOf(stream_->messageId), stream_->reasoningStartedAt);
        return;
    }
    if (stream_->reasoning.isEmpty() || !stream_->reasoningStartedAt.isValid())
        return;
    // "Thought for N s" shows as soon as the answer begins; the engine's own
    // measure replaces it at the end.
    stream_->thinkingMs = stream_->reasoningStartedAt.msecsTo(QDateTime::currentDateTime());
    const int row = messages_.rowOf(stream_->messageId);
    if (stream_->conversationId == current_ && row >= 0) {
        storage::Message m = messages_.messages()[std::size_t(row)];
        m.thinkingMs = stream_->thinkingMs;
        messages_.replace(row, m);
    }
}

void ChatController::onFinished(quint64 id, const ReplyResult& result)
{
    if (!stream_ || id != stream_->requestId)
        return;
    storage::MessageResult r;
    r.content = result.content;
    r.reasoning = result.reasoning;
    if (!result.reasoning.isEmpty())
        r.thinkingMs = result.reasoningMs > 0 ? std::llround(result.reasoningMs) : stream_->thinkingMs.value_or(0);
    r.promptTokens = result.promptTokens;
    r.generatedTokens = result.generatedTokens;
    r.tokensPerSecond = result.tokensPerSecond;
    endStream(r, result.stopReason == StopReason::Stopped ? storage::MessageStatus::Stopped
                                                          : storage::MessageStatus::Complete);
}

void ChatController::onFailed(quint64 id, const ErrorInfo& error)
{
    if (!stream_ || id != stream_->requestId)
        return;
    storage::MessageResult r;
    r.content = stream_->content;
    r.reasoning = stream_->reasoning;
    r.thinkingMs = stream_->thinkingMs;
    r.error = error.message;
    // Before endStream: what replyEnded's listeners see includes the notice.
    // Not for a lost GPU or full GPU memory: ModelStatus's banner says so,
    // with the way forward (reload, the CPU); a second one would repeat it.
    if (error.kind != ErrorInfo::Kind::DeviceLost && error.kind != ErrorInfo::Kind::OutOfDeviceMemory)
        notice_.show(tr("The reply failed: %1").arg(error.message), true);
    endStream(r, storage::MessageStatus::Failed);
}

void ChatController::endStream(const storage::MessageResult& result, storage::MessageStatus status)
{
    commitTimer_.stop();
    const Stream s = *stream_;
    stream_.reset();
    try {
        store_.finishMessage(s.messageId, result, status);
        if (s.conversationId == current_) {
            if (const auto stored = store_.message(s.messageId))
                messages_.replace(messages_.rowOf(s.messageId), *stored);
        }
    } catch (const storage::StorageError& e) {
        // The conversation was deleted while its reply ran: nothing to keep.
        if (e.kind() != storage::ErrorKind::NotFound)
            notice_.show(QString::fromUtf8(e.what()), true);
    }
    emit generatingChanged();
    reloadConversations();
    emit replyEnded(s.messageId, storage::statusName(status));
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
