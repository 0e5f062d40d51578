// EngineController: the GUI thread's handle on the inference engine.
//
// It owns one worker thread for the lifetime of the controller (one
// controller per model slot: loading another model replaces the current one
// on the same thread, so two models never hold memory at once). Its methods
// return at once; results arrive as signals on the controller's thread.
// Inference never runs on the calling thread.
//
// Each generate() is answered by exactly one replyFinished or replyFailed
// (unless the controller is shut down first). stop() may be called from
// any thread and ends the running reply within one token (while a long
// prompt is read: within one prompt chunk, a few seconds at most).
//
// Shutdown (the destructor, or shutdown()) stops the reply, cancels a load,
// quits the thread and waits for it; the engine objects are destroyed on
// the worker thread before it ends. Only a forward step already in progress
// delays it (one token, or one chunk of a long prompt).
#pragma once

#include "engine/engine_types.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace vela::app {

class InferenceWorker;
struct WorkerControl;

class EngineController : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(vela::app::LoadedModelInfo modelInfo READ modelInfo NOTIFY modelInfoChanged)
    Q_PROPERTY(vela::app::ReplyStats stats READ stats NOTIFY statsChanged)
public:
    enum class State {
        Unloaded,
        Loading,
        Ready,
        Generating, // replies are running or queued
        ShutDown,
    };
    Q_ENUM(State)

    explicit EngineController(QObject* parent = nullptr);
    ~EngineController() override;

    State state() const;
    bool isLoaded() const { return loaded_; }
    const LoadedModelInfo& modelInfo() const { return info_; }
    // Context use and speed of the conversation, for the status bar.
    const ReplyStats& stats() const { return stats_; }
    // What the last loadModel() asked for (reload() repeats it).
    const LoadSettings& loadSettings() const { return settings_; }

    // The worker and its thread, for diagnostics and tests (null after shutdown).
    InferenceWorker* worker() const { return worker_; }
    QThread* workerThread() const { return thread_; }

    // How often streamed text is sent (default 25 ms).
    void setFlushInterval(std::chrono::milliseconds interval);

    // The number of tokens the loaded model's tokenizer makes of `text`
    // (as a message's text: special-token text is not parsed), or -1 when
    // no model is loaded. Runs on the calling thread: the tokenizer is
    // immutable once loaded and shared with the worker.
    int countTokens(const QString& text) const;
    // The context size that setContextSize(requested) gives the loaded
    // model: 0 asks for the load's own size; bounded by the trained context.
    uint32_t effectiveContextSize(uint contextSize) const;

public slots:
    // contextSize 0: runtime::defaultContextSize(the model's trained context). Replaces a loaded model,
    // cancels a load in progress and stops the replies asked for so far.
    void loadModel(const QString& path, const vela::app::BackendChoice& backend = {}, uint contextSize = 0);
    void loadModel(const vela::app::LoadSettings& settings);
    // Loads the last model again with the same settings, on a new device and
    // backend: the recovery after replyFailed with ErrorInfo::Kind::DeviceLost.
    void reload();
    // Stops the replies asked for so far, then frees the model.
    void unloadModel();
    // Gives the loaded model a KV cache of another size without loading the
    // weights again (0: the size it was loaded with; at most its trained
    // context). Queued like generate(): a generate() asked after it runs
    // with the new size. Nothing happens when the size would not change.
    // Answered by contextSizeChanged or contextSizeFailed.
    void setContextSize(uint contextSize);

    // requestId is the caller's, echoed by every reply signal.
    void generate(quint64 requestId, const QList<vela::app::ChatTurn>& turns,
                  const vela::app::ReplyOptions& options = {});
    // Thread-safe. Ends the running reply (stop reason "stopped") and any
    // generate() queued before this call.
    void stop();

    // Idempotent; the destructor calls it. Afterwards every request fails.
    void shutdown();

signals:
    void stateChanged(vela::app::EngineController::State state);
    void modelInfoChanged();
    void statsChanged(const vela::app::ReplyStats& stats);

    void loadProgress(double fraction, const QString& stage); // monotonic, ends at 1 on success
    void modelLoaded(const vela::app::LoadedModelInfo& info);
    void loadFailed(const vela::app::ErrorInfo& error);
    void modelUnloaded();
    void contextSizeChanged(int contextSize);
    void contextSizeFailed(const vela::app::ErrorInfo& error);

    // A long prompt being read before the reply's first token: `done` of
    // `total` positions, a few times a second (none for a short prompt).
    void promptProgress(quint64 requestId, int done, int total);
    // Batched: at most one per flush interval, and at a phase change.
    void replyDelta(quint64 requestId, const QString& reasoningDelta, const QString& contentDelta);
    void phaseChanged(quint64 requestId, vela::app::ReplyPhase phase);
    void replyFinished(quint64 requestId, const vela::app::ReplyResult& result);
    void replyFailed(quint64 requestId, const vela::app::ErrorInfo& error);

private:
    void connectWorker();
    void updateState();
    void setStats(const ReplyStats& stats);
    void replyEnded();
    // Reports a request refused after shutdown, as a queued signal like any other answer.
    void refuse(quint64 requestId);

    std::shared_ptr<WorkerControl> control_;
    QThread* thread_ = nullptr;
    QPointer<InferenceWorker> worker_;

    LoadSettings settings_;
    quint64 latestLoad_ = 0; // the serial of the last load/unload request (control_->loadSerial)
    bool loading_ = false;
    bool loaded_ = false;
    bool shutDown_ = false;
    int pendingReplies_ = 0;
    State state_ = State::Unloaded;
    LoadedModelInfo info_;
    ReplyStats stats_;
    uint32_t targetContext_ = 0; // the context size asked of the worker last
};

} // namespace vela::app
