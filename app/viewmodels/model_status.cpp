#include "model_status.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)

#include <QFileInfo>
#include <QLocale>
#include <QMetaEnum>

namespace vela::app {

ModelStatus::ModelStatus(EngineController& engine, QObject* parent) : QObject(parent), engine_(engine)
{
    connect(&engine_, &EngineController::stateChanged, this, &ModelStatus::changed);
    connect(&engine_, &EngineController::modelInfoChanged, this, &ModelStatus::changed);
    connect(&engine_, &EngineController::statsChanged, this, &ModelStatus::changed);
    connect(&engine_, &EngineController::loadProgress, this, [this](double fraction, const QString&) {
        progress_ = fraction;
        emit changed();
    });
    connect(&engine_, &EngineController::modelLoaded, this, [this] {
        progress_ = 1.0;
        error_.reset();
        emit changed();
    });
    connect(&engine_, &EngineController::loadFailed, this, [this](const ErrorInfo& e) {
        if (e.kind != ErrorInfo::Kind::Cancelled) // a newer load replaced it: not an error
            setError(e);
    });
    // The conversation's context length could not be allocated (the GPU's
    // memory): the banner says so; the engine kept the previous size.
    connect(&engine_, &EngineController::contextSizeFailed, this, &ModelStatus::setError);
    connect(&engine_, &EngineController::replyFailed, this, [this](quint64, const ErrorInfo& e) {
        // Device loss and memory exhaustion need the banner's way forward;
        // other reply failures are shown on the message itself.
        if (e.kind == ErrorInfo::Kind::DeviceLost || e.kind == ErrorInfo::Kind::OutOfDeviceMemory)
            setError(e);
    });
}

void ModelStatus::setError(const ErrorInfo& error)
{
    error_ = error;
    emit changed();
}

QString ModelStatus::state() const
{
    switch (engine_.state()) {
    case EngineController::State::Loading: return QStringLiteral("loading");
    case EngineController::State::Ready: return QStringLiteral("ready");
    case EngineController::State::Generating: return QStringLiteral("generating");
    case EngineController::State::Unloaded:
    case EngineController::State::ShutDown: break;
    }
    return QStringLiteral("unloaded");
}

bool ModelStatus::loaded() const { return engine_.isLoaded(); }
bool ModelStatus::loading() const { return engine_.state() == EngineController::State::Loading; }
QString ModelStatus::modelName() const { return engine_.isLoaded() ? engine_.modelInfo().name() : QString(); }
QString ModelStatus::modelPath() const { return engine_.loadSettings().path; }
bool ModelStatus::thinkingCapable() const { return engine_.isLoaded() && engine_.modelInfo().thinkingCapable(); }

QString ModelStatus::deviceText() const
{
    if (!engine_.isLoaded())
        return {};
    const LoadedModelInfo& info = engine_.modelInfo();
    if (info.backend == QStringLiteral("vulkan"))
        return tr("GPU: %1").arg(info.device);
    // In the UI language (the engine's own name is English, for logs).
    return info.cpuThreads > 0 ? tr("CPU (%n threads)", nullptr, info.cpuThreads) : tr("CPU");
}

QString ModelStatus::formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1);
}

QString ModelStatus::vramText() const
{
    if (!engine_.isLoaded() || engine_.modelInfo().vramBytes <= 0)
        return {};
    return tr("VRAM %1").arg(formatBytes(engine_.modelInfo().vramBytes));
}

QString ModelStatus::contextText() const
{
    if (!engine_.isLoaded())
        return {};
    const QLocale locale;
    const int size = engine_.stats().contextSize > 0 ? engine_.stats().contextSize : engine_.modelInfo().contextSize;
    return tr("Context %1 / %2").arg(locale.toString(engine_.stats().contextUsed), locale.toString(size));
}

double ModelStatus::contextFraction() const
{
    const int size = engine_.stats().contextSize;
    return size > 0 ? double(engine_.stats().contextUsed) / size : 0.0;
}

QString ModelStatus::speedText() const
{
    if (engine_.stats().tokensPerSecond <= 0.0)
        return {};
    return tr("%1 tok/s").arg(QLocale().toString(engine_.stats().tokensPerSecond, 'f', 1));
}

QString ModelStatus::errorKind() const
{
    if (!error_)
        return {};
    return QString::fromLatin1(QMetaEnum::fromType<ErrorInfo::Kind>().valueToKey(int(error_->kind)));
}

QString ModelStatus::errorAction() const
{
    if (!error_)
        return {};
    switch (error_->kind) {
    case ErrorInfo::Kind::InvalidModel: return tr("Choose another model file (a Qwen3 GGUF).");
    case ErrorInfo::Kind::NoDevice: return tr("No usable GPU was found. Run the model on the CPU instead.");
    case ErrorInfo::Kind::OutOfDeviceMemory:
        return tr("The GPU ran out of memory. Try a smaller model or context, or run on the CPU.");
    case ErrorInfo::Kind::DeviceLost:
        return tr("The GPU stopped responding. Reload the model to continue, run it on the CPU, or choose "
                  "another GPU in Settings.");
    default: return tr("Try loading the model again.");
    }
}

bool ModelStatus::canReload() const
{
    return error_ && !engine_.loadSettings().path.isEmpty() && error_->kind != ErrorInfo::Kind::InvalidModel;
}

bool ModelStatus::canUseCpu() const
{
    return error_ && (error_->kind == ErrorInfo::Kind::NoDevice || error_->kind == ErrorInfo::Kind::OutOfDeviceMemory ||
                      error_->kind == ErrorInfo::Kind::DeviceLost);
}

void ModelStatus::loadModel(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    error_.reset();
    progress_ = 0.0;
    engine_.loadModel(path, backend_);
    emit changed();
}

void ModelStatus::reload()
{
    error_.reset();
    progress_ = 0.0;
    engine_.reload();
    emit changed();
}

void ModelStatus::loadOnCpu()
{
    BackendChoice cpu;
    cpu.kind = BackendChoice::Kind::Cpu;
    error_.reset();
    progress_ = 0.0;
    engine_.loadModel(engine_.loadSettings().path, cpu);
    emit changed();
}

void ModelStatus::unload()
{
    engine_.unloadModel();
}

void ModelStatus::dismissError()
{
    error_.reset();
    emit changed();
}

} // namespace vela::app
