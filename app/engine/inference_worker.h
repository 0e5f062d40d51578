// InferenceWorker: owns the engine objects of one loaded model and runs all
// of their work on its own thread.
//
// The worker lives on the thread EngineController starts for it; the
// controller queues calls to it (QMetaObject::invokeMethod) and its signals
// reach the GUI thread as queued events. Nothing here blocks the GUI, and
// nothing from the engine is ever touched by another thread: the only
// shared state is WorkerControl's atomics.
//
// Every entry point catches everything (an exception escaping into Qt's
// event loop terminates the program) and answers with exactly one result
// signal: load → modelLoaded or loadFailed; generate → replyFinished or
// replyFailed.
#pragma once

#include "engine/engine_types.h"

#include <QList>
#include <QObject>

#include <atomic>
#include <chrono>
#include <memory>

namespace vela::app {

struct LoadedEngine;

// What other threads may change while the worker is busy.
struct WorkerControl {
    // stop() increments it; a generate request carries the value current
    // when it was made and stops as soon as it differs. So stop() ends the
    // running reply and the ones queued before it, not those asked later.
    std::atomic<uint64_t> stopEpoch{0};
    // The latest load/unload request; a load whose serial is older is
    // cancelled (between steps and after each uploaded tensor).
    std::atomic<uint64_t> loadSerial{0};
};

class InferenceWorker : public QObject {
    Q_OBJECT
public:
    explicit InferenceWorker(std::shared_ptr<WorkerControl> control);
    ~InferenceWorker() override;

    // Text is batched by time so the GUI thread gets at most one replyDelta
    // per interval (default 25 ms: 40 a second, however fast the engine).
    void setFlushInterval(std::chrono::milliseconds interval) { flushInterval_ = interval; }

    // The calls below run on the worker's thread (the controller queues them).

    // Unloads the current model first, so two models never share the memory.
    void load(quint64 serial, const vela::app::LoadSettings& settings);
    void unload();
    // A new KV cache of `contextSize` positions (already bounded by the
    // caller) for the model of load `serial`, keeping the weights and the
    // backend; the conversation's cache is recomputed at the next reply.
    // Ignored when another model is loaded by now. Answers with
    // contextSizeChanged, or contextSizeFailed (the previous size is then
    // kept when it can be allocated again, else the model is unloaded).
    void resizeContext(quint64 serial, quint32 contextSize);
    void generate(quint64 requestId, const QList<vela::app::ChatTurn>& turns, const vela::app::ReplyOptions& options,
                  uint64_t stopEpoch);

signals:
    void loadProgress(quint64 serial, double fraction, const QString& stage);
    void modelLoaded(quint64 serial, const vela::app::LoadedModelInfo& info);
    void loadFailed(quint64 serial, const vela::app::ErrorInfo& error);
    // The model is gone: unload(), a new load, or a lost device.
    void modelUnloaded();
    void contextSizeChanged(quint64 serial, int contextSize);
    void contextSizeFailed(quint64 serial, const vela::app::ErrorInfo& error);

    // A long prompt being read: `done` of `total` positions (see ReplyStream::onPrompt).
    void promptProgress(quint64 requestId, int done, int total);
    void replyDelta(quint64 requestId, const QString& reasoningDelta, const QString& contentDelta);
    void phaseChanged(quint64 requestId, vela::app::ReplyPhase phase);
    void replyStats(quint64 requestId, const vela::app::ReplyStats& stats);
    void replyFinished(quint64 requestId, const vela::app::ReplyResult& result);
    void replyFailed(quint64 requestId, const vela::app::ErrorInfo& error);

private:
    void runReply(quint64 requestId, const QList<ChatTurn>& turns, const ReplyOptions& options, uint64_t stopEpoch);
    void dropEngine();

    std::shared_ptr<WorkerControl> control_;
    std::unique_ptr<LoadedEngine> engine_;
    quint64 engineSerial_ = 0; // the load that made engine_
    std::chrono::milliseconds flushInterval_{25};
};

} // namespace vela::app
