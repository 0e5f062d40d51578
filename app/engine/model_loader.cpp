#include "engine/model_loader.h"

#include "engine/engine_errors.h"

#include "backend/backend_factory.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>

namespace vela::app {

namespace {

// Stage names are marked with QT_TRANSLATE_NOOP where they are written (not
// through a macro of ours, which lupdate cannot see through); translated here.
QString stage(const char* text) { return QCoreApplication::translate("vela::app::ModelLoader", text); }

// Progress fractions of each step. Uploading to a GPU dominates; on the
// CPU the weights stay in the map and the step is instant.
constexpr double kOpened = 0.05, kTokenizer = 0.10, kWeights = 0.90;

std::unique_ptr<backend::Backend> createBackend(const LoadSettings& s, std::shared_ptr<const model::Model> model,
                                                const LoadProgress& progress, const std::function<bool()>& cancelled)
{
    using Kind = BackendChoice::Kind;
    const BackendChoice& choice = s.backend;
    backend::BackendOptions options;
    options.kind = choice.kind == Kind::Cpu      ? backend::BackendKind::Cpu
                   : choice.kind == Kind::Vulkan ? backend::BackendKind::Vulkan
                                                 : backend::BackendKind::Auto;
    options.device = choice.device;
    options.threads = choice.cpuThreads;
    // Throwing from here unwinds the backend's constructor, which holds its
    // device objects in RAII members.
    options.progress = [&](uint64_t done, uint64_t total) {
        if (cancelled())
            throw LoadCancelled{};
        const double f = total ? double(done) / double(total) : 1.0;
        progress(kTokenizer + (kWeights - kTokenizer) * f,
                 stage(QT_TRANSLATE_NOOP("vela::app::ModelLoader", "Uploading the weights")));
    };
    try {
        return backend::createBackend(std::move(model), options);
    } catch (const backend::NoDevice& e) {
        throw NoDeviceError(e.what()); // the GUI offers the CPU instead
    }
}

} // namespace

uint32_t contextSizeFor(uint32_t requested, uint32_t trainedContext)
{
    if (requested == 0)
        return runtime::defaultContextSize(trainedContext);
    return std::min(requested, trainedContext);
}

LoadedEngine loadEngine(const LoadSettings& settings, const LoadProgress& progress,
                        const std::function<bool()>& cancelled)
{
    auto step = [&](double fraction, const char* text) {
        if (cancelled())
            throw LoadCancelled{};
        progress(fraction, stage(text));
    };
    QElapsedTimer timer;
    timer.start();
    LoadedEngine e;
    step(0.0, QT_TRANSLATE_NOOP("vela::app::ModelLoader", "Opening the model"));
    e.model = model::Model::open(settings.path.toStdString());
    step(kOpened, QT_TRANSLATE_NOOP("vela::app::ModelLoader", "Reading the vocabulary"));
    e.tokenizer = std::make_shared<const tokenizer::Tokenizer>(tokenizer::Tokenizer::fromGguf(e.model->file));
    e.family = chat::detectFamily(e.model->file);
    step(kTokenizer, QT_TRANSLATE_NOOP("vela::app::ModelLoader", "Loading the weights"));
    e.backend = createBackend(settings, e.model, progress, cancelled);
    e.onVulkan = e.backend->kind() == backend::BackendKind::Vulkan;
    step(kWeights, QT_TRANSLATE_NOOP("vela::app::ModelLoader", "Allocating the context"));
    e.contextSize = contextSizeFor(settings.contextSize, e.model->config.trainedContext);
    e.chat = std::make_unique<runtime::ChatSession>(*e.backend, *e.tokenizer, e.family, e.contextSize);
    e.chatFamily = e.family;
    e.loadMs = double(timer.nsecsElapsed()) / 1e6;
    return e;
}

LoadedModelInfo describeModel(const LoadedEngine& e, const QString& path)
{
    const backend::BackendStats stats = e.backend->stats();
    LoadedModelInfo info;
    info.description = runtime::describeGguf(e.model->file, e.model->config, e.model->weights, path.toStdString());
    info.path = path;
    info.contextSize = int(e.contextSize);
    info.backend = e.onVulkan ? QStringLiteral("vulkan") : QStringLiteral("cpu");
    // The CPU backend reports no device; its name says how many threads it uses.
    info.device = QString::fromStdString(stats.device.empty() ? e.backend->name() : stats.device);
    if (info.device.startsWith(QLatin1String("cpu")))
        info.device.replace(0, 3, QStringLiteral("CPU"));
    info.cpuThreads = int(stats.threads);
    info.vramBytes = e.onVulkan ? qint64(stats.deviceBytes) : 0;
    info.loadMs = e.loadMs;
    info.tokenizer = e.tokenizer;
    return info;
}

} // namespace vela::app
