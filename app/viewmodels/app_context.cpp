#include "app_context.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "library/memory_budgets.h"
#include "library/model_library.h"
#include "storage/conversation_store.h"

#include <QDebug>
#include <QDir>

#include <QCoreApplication>
#include <QQmlEngine>

namespace vela::app {

namespace {
AppContext* g_instance = nullptr;
}

namespace {

library::Catalog loadCatalog()
{
    try {
        return library::Catalog::load();
    } catch (const std::exception& e) {
        qWarning("vela: the catalog of recommended models cannot be read: %s", e.what());
        return {};
    }
}

// The budgets of every device, read once (creating a Vulkan instance costs).
const std::vector<library::MemoryBudget>& budgets()
{
    static const std::vector<library::MemoryBudget> all = library::memoryBudgets(true);
    return all;
}

} // namespace

AppContext::AppContext(const QString& dataDir, const QString& libraryFolder, QObject* parent)
    : QObject(parent), store_(std::make_unique<storage::ConversationStore>(dataDir)),
      engine_(std::make_unique<EngineController>()), settings_(std::make_unique<AppSettings>(dataDir)),
      model_(std::make_unique<ModelStatus>(*engine_)), chat_(std::make_unique<ChatController>(*store_, *engine_))
{
    g_instance = this;
    modelLibrary_ = std::make_unique<library::ModelLibrary>(
        libraryFolder.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("models")) : libraryFolder);
    libraryModel_ = std::make_unique<ModelLibraryModel>(*modelLibrary_);
    catalog_ = std::make_unique<CatalogModel>(*modelLibrary_, loadCatalog());
    catalog_->setLanguage(settings_->effectiveLanguage());
    hub_ = std::make_unique<HubBrowserModel>(*modelLibrary_);
    // The library's default is the source of truth; the setting follows it.
    if (!modelLibrary_->defaultModelPath().isEmpty())
        settings_->setDefaultModel(modelLibrary_->defaultModelPath());
    connect(libraryModel_.get(), &ModelLibraryModel::defaultModelChanged, this, [this](const QString& path) {
        settings_->setDefaultModel(path);
    });
    connect(catalog_.get(), &CatalogModel::downloaded, libraryModel_.get(), &ModelLibraryModel::rescan);
    connect(hub_.get(), &HubBrowserModel::downloaded, libraryModel_.get(), &ModelLibraryModel::rescan);
    applyGpuChoice();
    connect(settings_.get(), &AppSettings::gpuChanged, this, &AppContext::applyGpuChoice);
    connect(settings_.get(), &AppSettings::languageChanged, this, [this] {
        chat_->refreshLocalized();
        model_->refreshLocalized();
        libraryModel_->refreshLocalized();
        catalog_->setLanguage(settings_->effectiveLanguage());
        hub_->refreshLocalized();
    });
    // The first model someone loads becomes the default until they pick one.
    connect(engine_.get(), &EngineController::modelLoaded, this, [this](const LoadedModelInfo& info) {
        libraryModel_->setLoadedPath(info.path);
        const int row = libraryModel_->rowOfPath(info.path);
        if (row >= 0) {
            // What the load really used, shown next to the estimate.
            if (info.vramBytes > 0)
                libraryModel_->recordMeasured(info.path, info.device, info.vramBytes);
            if (modelLibrary_->defaultModel().isEmpty())
                libraryModel_->setDefault(libraryModel_->rowOfPath(info.path));
        } else if (settings_->defaultModel().isEmpty()) {
            settings_->setDefaultModel(info.path);
        }
    });
    connect(engine_.get(), &EngineController::modelUnloaded, this, [this] { libraryModel_->setLoadedPath(QString()); });
    chat_->archive()->reportOpen();
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
    // The fit estimate is for the device a load would use.
    const auto& all = budgets();
    const library::MemoryBudget* chosen = nullptr;
    for (const auto& b : all) {
        const bool match = gpu == -2 ? b.kind == library::DeviceKind::Cpu
                         : gpu >= 0  ? b.id == "vulkan:" + std::to_string(gpu)
                                     : b.isDefault;
        if (match) {
            chosen = &b;
            break;
        }
    }
    if (!chosen && !all.empty())
        chosen = &all.back(); // the CPU
    if (chosen) {
        libraryModel_->setBudget(*chosen);
        hub_->setBudget(*chosen);
    }
}

QString AppContext::startupModelPath() const
{
    const QString fromLibrary = modelLibrary_->defaultModelPath();
    return fromLibrary.isEmpty() ? settings_->defaultModel() : fromLibrary;
}

} // namespace vela::app
