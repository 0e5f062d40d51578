#include "engine/inference_worker.h"

#include "engine/engine_errors.h"
#include "engine/model_loader.h"
#include "engine/reply_stream.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QThread>

#include <algorithm>

namespace vela::app {

namespace {

// Plain completion has no roles: a base model continues the text, so the
// turns are joined as they are (the GUI's "user" text, then the model's
// continuation, then more user text...).
std::vector<chat::Message> toMessages(const QList<ChatTurn>& turns, bool completion)
{
    std::vector<chat::Message> out;
    if (completion) {
        std::string text;
        for (const ChatTurn& t : turns)
            text += t.content.toStdString();
        out.emplace_back(chat::Role::User, std::move(text));
        return out;
    }
    for (const ChatTurn& t : turns) {
        out.emplace_back(t.role, t.content.toStdString());
        if (!t.reasoning.isEmpty())
            out.back().reasoning = t.reasoning.toStdString();
    }
    return out;
}

ReplyResult toResult(const runtime::ChatReply& r, const LoadedEngine& e)
{
    ReplyResult out;
    out.reasoning = QString::fromStdString(r.reasoning);
    out.content = QString::fromStdString(r.content);
    out.stopReason = r.reason;
    out.promptTokens = int(r.promptTokens);
    out.reusedTokens = int(r.reusedTokens);
    out.droppedMessages = int(r.droppedMessages);
    out.generatedTokens = int(r.generatedTokens);
    out.tokensPerSecond = r.tokensPerSecond();
    out.promptMs = r.promptMs;
    out.reasoningMs = r.reasoningMs;
    out.answerMs = r.answerMs;
    out.contextUsed = e.chat ? int(e.chat->session().tokens().size()) : 0;
    out.contextSize = int(e.contextSize);
    return out;
}

// ChatSession refuses a prompt that does not fit even after dropping the
// oldest turns (the newest message alone, with a leading system prompt, is
// too long): this says so in the user's words, with what to do.
ErrorInfo tooLongError(const ContextOverflow& overflow, uint32_t contextSize)
{
    const QLocale locale;
    return ErrorInfo{ErrorInfo::Kind::InvalidRequest,
                     QCoreApplication::translate("vela::app::InferenceWorker",
                                                 "The message is too long for this model: it needs %1 tokens, and %2 "
                                                 "of the context's %3 are free for it. Shorten it, or raise the "
                                                 "context length in the conversation settings.")
                         .arg(locale.toString(qulonglong(overflow.needed())),
                              locale.toString(qulonglong(overflow.budget())), locale.toString(qulonglong(contextSize)))};
}

} // namespace

InferenceWorker::InferenceWorker(std::shared_ptr<WorkerControl> control) : control_(std::move(control)) {}

InferenceWorker::~InferenceWorker() = default;

void InferenceWorker::dropEngine()
{
    if (!engine_)
        return;
    engine_.reset();
    emit modelUnloaded();
}

void InferenceWorker::unload()
{
    Q_ASSERT(QThread::currentThread() == thread());
    dropEngine();
}

void InferenceWorker::load(quint64 serial, const LoadSettings& settings)
{
    Q_ASSERT(QThread::currentThread() == thread());
    try {
        dropEngine();
        auto cancelled = [this, serial] { return control_->loadSerial.load() != serial; };
        // Monotonic, and at most every 1 % or 33 ms: a GPU upload reports
        // every tensor, hundreds of them.
        double last = -1.0;
        QString lastStage;
        QElapsedTimer since;
        auto progress = [&](double fraction, const QString& stage, bool force = false) {
            fraction = std::max(std::clamp(fraction, 0.0, 1.0), last);
            const bool news = stage != lastStage || fraction - last >= 0.01 ||
                              (fraction > last && since.elapsed() >= 33);
            if (!force && !news)
                return;
            last = fraction;
            lastStage = stage;
            since.start();
            emit loadProgress(serial, fraction, stage);
        };
        auto engine = std::make_unique<LoadedEngine>(loadEngine(
            settings, [&](double f, const QString& s) { progress(f, s); }, cancelled));
        if (cancelled())
            throw LoadCancelled{};
        const LoadedModelInfo info = describeModel(*engine, settings.path);
        engine_ = std::move(engine);
        engineSerial_ = serial;
        progress(1.0, tr("Ready"), true);
        emit modelLoaded(serial, info);
    } catch (...) {
        emit loadFailed(serial, errorFromCurrentException(ErrorInfo::Kind::InvalidModel));
    }
}

void InferenceWorker::resizeContext(quint64 serial, quint32 contextSize)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (!engine_ || serial != engineSerial_)
        return;
    LoadedEngine& e = *engine_;
    if (contextSize == e.contextSize) {
        emit contextSizeChanged(serial, int(e.contextSize));
        return;
    }
    const uint32_t previous = e.contextSize;
    try {
        e.chat.reset(); // free the old cache before allocating the new one
        e.chat = std::make_unique<runtime::ChatSession>(*e.backend, *e.tokenizer, e.chatFamily, contextSize);
        e.contextSize = contextSize;
        emit contextSizeChanged(serial, int(contextSize));
    } catch (...) {
        const ErrorInfo error = errorFromCurrentException(ErrorInfo::Kind::Other);
        bool restored = false;
        if (error.kind != ErrorInfo::Kind::DeviceLost) {
            try {
                e.chat = std::make_unique<runtime::ChatSession>(*e.backend, *e.tokenizer, e.chatFamily, previous);
                restored = true;
            } catch (...) {
            }
        }
        if (!restored)
            dropEngine(); // a lost device: EngineController::reload() recovers
        emit contextSizeFailed(serial, error);
    }
}

void InferenceWorker::generate(quint64 requestId, const QList<ChatTurn>& turns, const ReplyOptions& options,
                               uint64_t stopEpoch)
{
    Q_ASSERT(QThread::currentThread() == thread());
    try {
        runReply(requestId, turns, options, stopEpoch);
    } catch (...) {
        const ErrorInfo error = errorFromCurrentException(ErrorInfo::Kind::InvalidRequest);
        if (error.kind == ErrorInfo::Kind::DeviceLost) {
            // Every object on the device is gone; EngineController::reload()
            // creates a new device and backend with the same settings.
            dropEngine();
        } else if (error.kind != ErrorInfo::Kind::InvalidRequest && engine_ && engine_->chat) {
            // The cache may hold a half-written step: forget it, the next
            // reply recomputes the prompt.
            engine_->chat->session().reset();
        }
        emit replyFailed(requestId, error);
    }
}

void InferenceWorker::runReply(quint64 requestId, const QList<ChatTurn>& turns, const ReplyOptions& options,
                               uint64_t stopEpoch)
{
    if (!engine_) {
        emit replyFailed(requestId, {ErrorInfo::Kind::NoModel, tr("No model is loaded.")});
        return;
    }
    LoadedEngine& e = *engine_;
    auto stopRequested = [this, stopEpoch] { return control_->stopEpoch.load() != stopEpoch; };
    if (options.sampling)
        options.sampling->validate();
    const bool completion = options.completion || e.family == chat::TemplateFamily::Completion;
    std::vector<chat::Message> messages = toMessages(turns, completion);

    if (stopRequested()) { // stopped while queued: nothing to compute
        ReplyResult r = toResult({}, e);
        r.stopReason = StopReason::Stopped;
        emit replyFinished(requestId, r);
        return;
    }
    const chat::TemplateFamily family = completion ? chat::TemplateFamily::Completion : e.family;
    if (!e.chat || e.chatFamily != family) {
        e.chat.reset(); // free the KV cache before allocating the new one
        e.chat = std::make_unique<runtime::ChatSession>(*e.backend, *e.tokenizer, family, e.contextSize);
        e.chatFamily = family;
    }
    runtime::ChatSession& chat = *e.chat;

    ReplySinks sinks{
        .delta =
            [&](const std::string& reasoning, const std::string& content) {
                emit replyDelta(requestId, QString::fromStdString(reasoning), QString::fromStdString(content));
            },
        .phase = [&](ReplyPhase phase) { emit phaseChanged(requestId, phase); },
        .stats = [&](const ReplyStats& stats) { emit replyStats(requestId, stats); },
        .prompt = [&](int done, int total) { emit promptProgress(requestId, done, total); },
    };
    ReplyStream stream(std::move(sinks), flushInterval_, int(e.contextSize), stopRequested,
                       [&chat] { chat.requestStop(); });

    runtime::ChatOptions chatOptions;
    chatOptions.thinking = options.thinking;
    chatOptions.maxTokens = options.maxTokens;
    chatOptions.sampling = options.sampling;
    // The prompt's chunks and every token, with or without text: progress,
    // statistics, and the stop flag (a stop asked while a long prompt is
    // read ends it after the current chunk).
    chatOptions.onPrefill = [&stream](size_t done, size_t total) { stream.onPrompt(done, total); };
    chatOptions.onToken = [&stream](runtime::TokenId, size_t positionsUsed) { stream.onToken(positionsUsed); };
    runtime::ChatReply reply;
    try {
        reply = chat.reply(std::move(messages), chatOptions,
                           [&stream](const chat::ReasoningSplitter::Delta& d) { stream.onDelta(d); });
    } catch (const ContextOverflow& overflow) {
        stream.finish();
        emit replyFailed(requestId, tooLongError(overflow, e.contextSize));
        return;
    } catch (...) {
        // The text decoded before the failure (a GPU lost mid-reply) goes out
        // ahead of replyFailed, so the partial reply the GUI keeps is all of
        // it, not only what the last flush interval had sent.
        stream.finish();
        throw;
    }
    stream.finish();

    const ReplyResult result = toResult(reply, e);
    emit replyStats(requestId, {result.contextUsed, result.contextSize, result.generatedTokens, result.tokensPerSecond});
    emit replyFinished(requestId, result);
}

} // namespace vela::app
