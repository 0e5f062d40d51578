#include "app_context.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "storage/conversation_store.h"

#include <QCoreApplication>
#include <QQmlEngine>

namespace vela::app {

namespace {
AppContext* g_instance = nullptr;
}

AppContext::AppContext(const QString& dataDir, QObject* parent)
    : QObject(parent), store_(std::make_unique<storage::ConversationStore>(dataDir)),
      engine_(std::make_unique<EngineController>()), settings_(std::make_unique<AppSettings>(dataDir)),
      model_(std::make_unique<ModelStatus>(*engine_)), chat_(std::make_unique<ChatController>(*store_, *engine_))
{
    g_instance = this;
    applyGpuChoice();
    connect(settings_.get(), &AppSettings::gpuChanged, this, &AppContext::applyGpuChoice);
    connect(settings_.get(), &AppSettings::languageChanged, this, [this] {
        chat_->refreshLocalized();
        model_->refreshLocalized();
    });
    // The first model someone loads becomes the default until they pick one.
    connect(engine_.get(), &EngineController::modelLoaded, this, [this](const ModelInfo& info) {
        if (settings_->defaultModel().isEmpty())
            settings_->setDefaultModel(info.path);
    });
    chat_->reportOpen();
    // Open where the user left off: the most recent (or pinned) conversation.
    if (chat_->conversations()->count() > 0)
        chat_->selectConversation(chat_->conversations()->conversations().front().id);
}

AppContext::~AppContext()
{
    // Join the worker while the store still exists: the controller commits
    // what streamed when it goes.
    engine_->shutdown();
    chat_.reset();
    if (g_instance == this)
        g_instance = nullptr;
}

AppContext* AppContext::instance()
{
    return g_instance;
}

AppContext* AppContext::create(QQmlEngine*, QJSEngine*)
{
    // Owned by main(), not by the QML engine.
    QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
    return g_instance;
}

QString AppContext::version() const
{
    return QCoreApplication::applicationVersion();
}

void AppContext::applyGpuChoice()
{
    BackendChoice choice;
    const int gpu = settings_->gpu();
    if (gpu == -2) {
        choice.kind = BackendChoice::Kind::Cpu;
    } else if (gpu >= 0) {
        choice.kind = BackendChoice::Kind::Vulkan;
        choice.device = uint32_t(gpu);
    }
    model_->setBackendChoice(choice);
}

} // namespace vela::app
