#include "engine/engine_controller.h"

#include "engine/inference_worker.h"
#include "engine/model_loader.h"

#include <QThread>

namespace vela::app {

EngineController::EngineController(QObject* parent)
    : QObject(parent), control_(std::make_shared<WorkerControl>()), thread_(new QThread)
{
    registerEngineMetaTypes();
    thread_->setObjectName(QStringLiteral("vela-inference"));
    worker_ = new InferenceWorker(control_);
    worker_->moveToThread(thread_);
    // The engine objects are destroyed on the worker's thread, after its
    // event loop has ended (QThread runs deferred deletes before finishing).
    connect(thread_, &QThread::finished, worker_.data(), &QObject::deleteLater);
    connectWorker();
    thread_->start();
}

EngineController::~EngineController() { shutdown(); }

void EngineController::connectWorker()
{
    // The worker lives on another thread: these are queued connections, and
    // the lambdas run here, on the controller's thread.
    InferenceWorker* w = worker_;
    connect(w, &InferenceWorker::loadProgress, this, [this](quint64 serial, double fraction, const QString& stage) {
        if (serial == latestLoad_ && !shutDown_)
            emit loadProgress(fraction, stage);
    });
    connect(w, &InferenceWorker::modelLoaded, this, [this](quint64 serial, const LoadedModelInfo& info) {
        if (serial != latestLoad_ || shutDown_)
            return; // superseded: the worker unloads it on the newer request
        loading_ = false;
        loaded_ = true;
        info_ = info;
        targetContext_ = uint32_t(info.contextSize);
        emit modelInfoChanged();
        setStats({0, info.contextSize, 0, 0.0});
        emit modelLoaded(info);
        updateState();
    });
    connect(w, &InferenceWorker::loadFailed, this, [this](quint64 serial, const ErrorInfo& error) {
        if (serial != latestLoad_ || shutDown_)
            return;
        loading_ = false;
        emit loadFailed(error);
        updateState();
    });
    connect(w, &InferenceWorker::modelUnloaded, this, [this] {
        if (!loaded_ || shutDown_)
            return; // a model this side never published (a superseded load)
        loaded_ = false;
        info_ = {};
        targetContext_ = 0;
        emit modelInfoChanged();
        setStats({});
        emit modelUnloaded();
        updateState();
    });
    connect(w, &InferenceWorker::contextSizeChanged, this, [this](quint64 serial, int size) {
        if (serial != latestLoad_ || shutDown_ || !loaded_)
            return;
        if (size != info_.contextSize) {
            info_.contextSize = size;
            emit modelInfoChanged();
            setStats({0, size, 0, 0.0}); // the new cache holds nothing yet
        }
        emit contextSizeChanged(size);
    });
    connect(w, &InferenceWorker::contextSizeFailed, this, [this](quint64 serial, const ErrorInfo& error) {
        if (serial != latestLoad_ || shutDown_)
            return;
        targetContext_ = uint32_t(info_.contextSize); // the worker kept the old size
        emit contextSizeFailed(error);
    });
    connect(w, &InferenceWorker::promptProgress, this, &EngineController::promptProgress);
    connect(w, &InferenceWorker::replyDelta, this, &EngineController::replyDelta);
    connect(w, &InferenceWorker::phaseChanged, this, &EngineController::phaseChanged);
    connect(w, &InferenceWorker::replyStats, this, [this](quint64, const ReplyStats& stats) { setStats(stats); });
    connect(w, &InferenceWorker::replyFinished, this, [this](quint64 id, const ReplyResult& result) {
        emit replyFinished(id, result);
        replyEnded();
    });
    connect(w, &InferenceWorker::replyFailed, this, [this](quint64 id, const ErrorInfo& error) {
        emit replyFailed(id, error);
        replyEnded();
    });
}

EngineController::State EngineController::state() const { return state_; }

void EngineController::updateState()
{
    State s = State::Unloaded;
    if (shutDown_)
        s = State::ShutDown;
    else if (loading_)
        s = State::Loading;
    else if (pendingReplies_ > 0)
        s = State::Generating;
    else if (loaded_)
        s = State::Ready;
    if (s == state_)
        return;
    state_ = s;
    emit stateChanged(s);
}

void EngineController::setStats(const ReplyStats& stats)
{
    stats_ = stats;
    emit statsChanged(stats_);
}

void EngineController::replyEnded()
{
    pendingReplies_ = std::max(0, pendingReplies_ - 1);
    updateState();
}

void EngineController::setFlushInterval(std::chrono::milliseconds interval)
{
    if (worker_ && !shutDown_)
        QMetaObject::invokeMethod(worker_, [w = worker_.data(), interval] { w->setFlushInterval(interval); },
                                  Qt::QueuedConnection);
}

void EngineController::loadModel(const QString& path, const BackendChoice& backend, uint contextSize)
{
    loadModel(LoadSettings{path, backend, uint32_t(contextSize)});
}

void EngineController::loadModel(const LoadSettings& settings)
{
    settings_ = settings;
    if (shutDown_) {
        QMetaObject::invokeMethod(
            this, [this] { emit loadFailed({ErrorInfo::Kind::Other, tr("The engine has been shut down.")}); },
            Qt::QueuedConnection);
        return;
    }
    // The worker does one thing at a time: end the reply now rather than
    // have the load wait for it. A new serial cancels a load in progress.
    stop();
    latestLoad_ = ++control_->loadSerial;
    loading_ = true;
    updateState();
    QMetaObject::invokeMethod(
        worker_, [w = worker_.data(), serial = latestLoad_, settings] { w->load(serial, settings); },
        Qt::QueuedConnection);
}

void EngineController::reload() { loadModel(settings_); }

void EngineController::unloadModel()
{
    if (shutDown_)
        return;
    stop();
    latestLoad_ = ++control_->loadSerial;
    loading_ = false;
    updateState();
    QMetaObject::invokeMethod(worker_, [w = worker_.data()] { w->unload(); }, Qt::QueuedConnection);
}

int EngineController::countTokens(const QString& text) const
{
    if (!loaded_ || !info_.tokenizer)
        return -1;
    return int(info_.tokenizer->encode(text.toStdString(), false).size());
}

uint32_t EngineController::effectiveContextSize(uint contextSize) const
{
    if (!loaded_)
        return 0;
    return contextSizeFor(contextSize ? uint32_t(contextSize) : settings_.contextSize,
                          uint32_t(info_.trainedContext()));
}

void EngineController::setContextSize(uint contextSize)
{
    if (shutDown_ || !loaded_ || loading_)
        return;
    const uint32_t target = effectiveContextSize(contextSize);
    if (target == 0 || target == targetContext_)
        return;
    targetContext_ = target;
    QMetaObject::invokeMethod(
        worker_, [w = worker_.data(), serial = latestLoad_, target] { w->resizeContext(serial, target); },
        Qt::QueuedConnection);
}

void EngineController::generate(quint64 requestId, const QList<ChatTurn>& turns, const ReplyOptions& options)
{
    if (shutDown_) {
        refuse(requestId);
        return;
    }
    ++pendingReplies_;
    updateState();
    QMetaObject::invokeMethod(
        worker_,
        [w = worker_.data(), requestId, turns, options, epoch = control_->stopEpoch.load()] {
            w->generate(requestId, turns, options, epoch);
        },
        Qt::QueuedConnection);
}

void EngineController::refuse(quint64 requestId)
{
    QMetaObject::invokeMethod(
        this,
        [this, requestId] {
            emit replyFailed(requestId, {ErrorInfo::Kind::NoModel, tr("The engine has been shut down.")});
        },
        Qt::QueuedConnection);
}

void EngineController::stop() { ++control_->stopEpoch; }

void EngineController::shutdown()
{
    if (shutDown_)
        return;
    shutDown_ = true;
    stop();
    ++control_->loadSerial; // cancels a load between two tensors
    thread_->quit();
    thread_->wait();
    delete thread_;
    thread_ = nullptr;
    delete worker_.data(); // normally deleted on its thread already (see the constructor)
    pendingReplies_ = 0;
    loading_ = false;
    loaded_ = false;
    updateState();
}

} // namespace vela::app
