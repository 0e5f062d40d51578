#include "streaming_reply.h"

#include "message_list_model.h"
#include "notice.h"
#include "prompt_builder.h"
#include "storage_guard.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "storage/conversation_store.h"
#include "storage/error.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vela::app {

StreamingReply::StreamingReply(storage::ConversationStore& store, EngineController& engine, MessageListModel& shown,
                         Notice& notice, QObject* parent)
    : QObject(parent), store_(store), engine_(engine), shownMessages_(shown), notice_(notice)
{
    commitTimer_.setInterval(400);
    connect(&commitTimer_, &QTimer::timeout, this, &StreamingReply::commit);
    connect(&engine_, &EngineController::promptProgress, this, &StreamingReply::onPromptProgress);
    connect(&engine_, &EngineController::replyDelta, this, &StreamingReply::onDelta);
    connect(&engine_, &EngineController::phaseChanged, this, &StreamingReply::onPhase);
    connect(&engine_, &EngineController::replyFinished, this, &StreamingReply::onFinished);
    connect(&engine_, &EngineController::replyFailed, this, &StreamingReply::onFailed);
}

StreamingReply::~StreamingReply()
{
    if (stream_) {
        commit();
        disconnect(&engine_, nullptr, this, nullptr);
    }
}

int StreamingReply::shownRow() const
{
    return isShown() ? shownMessages_.rowOf(stream_->messageId) : -1;
}

void StreamingReply::start(qint64 conversationId, const storage::ConversationSettings& settings,
                        const std::vector<storage::Message>& history)
{
    if (stream_)
        return;
    const QString model = QFileInfo(engine_.modelInfo().path).fileName();
    const storage::Message reply = store_.beginAssistantMessage(conversationId, model); // may throw: nothing started
    shown_ = conversationId;
    shownMessages_.append(reply);

    Stream s;
    s.requestId = nextRequest_++;
    s.conversationId = conversationId;
    s.messageId = reply.id;
    stream_ = std::move(s);
    commitTimer_.start();
    emit generatingChanged();
    // The conversation's context length (or the model's default), applied
    // without reloading the weights; queued before the reply, so it runs with it.
    const std::int64_t context = settings.sampling.contextLength.value_or(0);
    engine_.setContextSize(uint(std::clamp<std::int64_t>(context, 0, std::numeric_limits<std::uint32_t>::max())));
    engine_.generate(stream_->requestId, buildTurns(settings, history),
                     replyOptionsFor(settings, QRandomGenerator::global()->generate64()));
    emit conversationTouched();
}

void StreamingReply::showIn(qint64 conversationId)
{
    shown_ = conversationId;
    const int row = shownRow();
    if (row < 0)
        return;
    shownMessages_.updateStreaming(row, stream_->content, stream_->reasoning);
    if (stream_->reasoningStartedAt.isValid())
        shownMessages_.setReasoningStartedAt(row, stream_->reasoningStartedAt);
}

void StreamingReply::stop()
{
    if (stream_)
        engine_.stop();
}

void StreamingReply::commit()
{
    if (!stream_ || !stream_->dirty)
        return;
    stream_->dirty = false;
    guardStorage(notice_, [&] { store_.updateStreamingMessage(stream_->messageId, stream_->content, stream_->reasoning); });
}

void StreamingReply::onPromptProgress(quint64 id, int done, int total)
{
    if (stream_ && id == stream_->requestId && isShown())
        shownMessages_.setPromptProgress(shownRow(), done, total);
}

void StreamingReply::onDelta(quint64 id, const QString& reasoning, const QString& content)
{
    if (!stream_ || id != stream_->requestId)
        return;
    stream_->reasoning += reasoning;
    stream_->content += content;
    stream_->dirty = true;
    if (isShown())
        shownMessages_.updateStreaming(shownRow(), stream_->content, stream_->reasoning);
}

void StreamingReply::onPhase(quint64 id, ReplyPhase phase)
{
    if (!stream_ || id != stream_->requestId)
        return;
    if (phase == ReplyPhase::Reasoning) {
        // Thinking starts now, not at send: a long prompt may have taken a
        // while to read.
        stream_->reasoningStartedAt = QDateTime::currentDateTime();
        if (isShown())
            shownMessages_.setReasoningStartedAt(shownRow(), stream_->reasoningStartedAt);
        return;
    }
    if (stream_->reasoning.isEmpty() || !stream_->reasoningStartedAt.isValid())
        return;
    // "Thought for N s" shows as soon as the answer begins; the engine's own
    // measure replaces it at the end.
    stream_->thinkingMs = stream_->reasoningStartedAt.msecsTo(QDateTime::currentDateTime());
    const int row = shownRow();
    if (row >= 0) {
        storage::Message m = shownMessages_.messages()[std::size_t(row)];
        m.thinkingMs = stream_->thinkingMs;
        shownMessages_.replace(row, m);
    }
}

void StreamingReply::onFinished(quint64 id, const ReplyResult& result)
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
    end(r, result.stopReason == StopReason::Stopped ? storage::MessageStatus::Stopped
                                                    : storage::MessageStatus::Complete);
}

void StreamingReply::onFailed(quint64 id, const ErrorInfo& error)
{
    if (!stream_ || id != stream_->requestId)
        return;
    storage::MessageResult r;
    r.content = stream_->content;
    r.reasoning = stream_->reasoning;
    r.thinkingMs = stream_->thinkingMs;
    r.error = error.message;
    // Before end(): what ended()'s listeners see includes the notice.
    // Not for a lost GPU or full GPU memory: ModelStatus's banner says so,
    // with the way forward (reload, the CPU); a second one would repeat it.
    if (error.kind != ErrorInfo::Kind::DeviceLost && error.kind != ErrorInfo::Kind::OutOfDeviceMemory)
        notice_.show(tr("The reply failed: %1").arg(error.message), true);
    end(r, storage::MessageStatus::Failed);
}

void StreamingReply::end(const storage::MessageResult& result, storage::MessageStatus status)
{
    commitTimer_.stop();
    const bool shown = isShown();
    const Stream s = *stream_;
    stream_.reset();
    try {
        store_.finishMessage(s.messageId, result, status);
        if (shown) {
            if (const auto stored = store_.message(s.messageId))
                shownMessages_.replace(shownMessages_.rowOf(s.messageId), *stored);
        }
    } catch (const storage::StorageError& e) {
        // The conversation was deleted while its reply ran: nothing to keep.
        if (e.kind() != storage::ErrorKind::NotFound)
            notice_.show(QString::fromUtf8(e.what()), true);
    }
    emit generatingChanged();
    emit conversationTouched();
    emit ended(s.messageId, storage::statusName(status));
}

} // namespace vela::app
