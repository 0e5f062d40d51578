// AppContext: the desktop app's objects, built once in main() and handed to
// QML as the `App` singleton (App.chat, App.model, App.settings, App.library,
// App.catalog, App.hub).
//
// It owns the conversation store, the engine controller (one worker thread
// per loaded model) and the objects QML binds to. Destroying it shuts the
// engine down (stops the reply, joins the worker) before the store closes.
#pragma once

#include "app_settings.h"
#include "catalog_model.h"
#include "chat_controller.h"
#include "hub_browser_model.h"
#include "model_library_model.h"
#include "model_status.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <memory>

QT_BEGIN_NAMESPACE
class QJSEngine;
class QQmlEngine;
QT_END_NAMESPACE

namespace vela::storage {
class ConversationStore;
}
namespace vela::library {
class ModelLibrary;
}

namespace vela::app {

class EngineController;

class AppContext : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(vela::app::ChatController* chat READ chat CONSTANT)
    Q_PROPERTY(vela::app::ModelStatus* model READ model CONSTANT)
    Q_PROPERTY(vela::app::AppSettings* settings READ settings CONSTANT)
    Q_PROPERTY(vela::app::ModelLibraryModel* library READ library CONSTANT)
    Q_PROPERTY(vela::app::CatalogModel* catalog READ catalog CONSTANT)
    Q_PROPERTY(vela::app::HubBrowserModel* hub READ hub CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
public:
    // Opens (or creates) the store in dataDir; throws storage::StorageError
    // when no usable database can be had. The model library lives in
    // libraryFolder (empty: <dataDir>/models; the app passes
    // ModelLibrary::defaultFolder(), shared with vela-cli).
    explicit AppContext(const QString& dataDir, const QString& libraryFolder = QString(), QObject* parent = nullptr);
    ~AppContext() override;

    // The instance QML gets (set by the constructor).
    static AppContext* instance();
    static AppContext* create(QQmlEngine* qml, QJSEngine* js);

    ChatController* chat() const { return chat_.get(); }
    ModelStatus* model() const { return model_.get(); }
    AppSettings* settings() const { return settings_.get(); }
    ModelLibraryModel* library() const { return libraryModel_.get(); }
    CatalogModel* catalog() const { return catalog_.get(); }
    HubBrowserModel* hub() const { return hub_.get(); }
    EngineController* engine() const { return engine_.get(); }
    // The model to load at start: the library's default, else the one in
    // the settings (set before the library existed); "" when none.
    QString startupModelPath() const;
    storage::ConversationStore* store() const { return store_.get(); }
    QString version() const;

private:
    void applyGpuChoice();

    std::unique_ptr<storage::ConversationStore> store_;
    std::unique_ptr<EngineController> engine_;
    std::unique_ptr<AppSettings> settings_;
    std::unique_ptr<ModelStatus> model_;
    std::unique_ptr<ChatController> chat_;
    std::unique_ptr<library::ModelLibrary> modelLibrary_;
    std::unique_ptr<ModelLibraryModel> libraryModel_;
    std::unique_ptr<CatalogModel> catalog_;
    std::unique_ptr<HubBrowserModel> hub_;
};

} // namespace vela::app
