// vela: the desktop application. The options are in command_line.h, the
// test hooks in test_driver.h, one Vela per data folder in
// data_folder_owner.h.
#include "command_line.h"
#include "data_folder_owner.h"
#include "test_driver.h"
#include "vela_style.h"

#include "viewmodels/app_context.h"
#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "library/model_library.h"
#include "storage/error.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(Vela_AppPlugin)
Q_IMPORT_QML_PLUGIN(Vela_UiPlugin)
Q_IMPORT_QML_PLUGIN(Vela_StylePlugin)

using namespace vela::app;

namespace {

QStringList arguments(int argc, char** argv)
{
    QStringList out;
    for (int i = 0; i < argc; ++i)
        out << QString::fromLocal8Bit(argv[i]);
    return out;
}

std::unique_ptr<QCoreApplication> makeGuiApplication(int& argc, char** argv)
{
    auto app = std::make_unique<QGuiApplication>(argc, argv);
    QGuiApplication::setDesktopFileName(QStringLiteral("vela"));
    // Vela's own style (ui/style): the controls drawn from Theme.qml.
    vela::ui::useVelaStyle();
    return app;
}

// A later launch's request, in the window that owns the folder: what the
// same options do at start, then the window comes forward.
void applyRequest(AppContext& context, QQmlApplicationEngine& engine, const LaunchRequest& r)
{
    if (!r.lang.isEmpty())
        context.settings()->setUiLanguage(r.lang);
    if (!r.theme.isEmpty())
        context.settings()->setTheme(r.theme);
    // The model already loaded (or loading) stays: no reload under a reply.
    if (!r.model.isEmpty() && r.model != context.engine()->loadSettings().path)
        context.model()->loadModel(r.model);
    const auto roots = engine.rootObjects();
    if (auto* window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(roots.first())) {
        window->setWindowStates(window->windowStates() & ~Qt::WindowMinimized);
        window->show();
        window->raise();
        window->requestActivate();
    }
}

} // namespace

int main(int argc, char** argv)
{
    // Static: --help, --version and the app-data folder read them before
    // any application object exists.
    QCoreApplication::setApplicationName(QStringLiteral("Vela"));
    QCoreApplication::setOrganizationName(QStringLiteral("Vela"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VELA_VERSION));

    // QGuiApplication needs a display; help, version, a refused option and a
    // hand-over to the running Vela do not, so they come first.
    CommandLine cli;
    std::unique_ptr<QCoreApplication> app;
    if (!cli.parse(arguments(argc, argv))) {
        app = makeGuiApplication(argc, argv);
        cli.process(*app);
    } else if (cli.wantsHelpOrVersion()) {
        QCoreApplication core(argc, argv); // the program name in the usage line
        cli.process(core);                 // prints and exits
    }
    if (const QString refusal = cli.refusal(); !refusal.isEmpty()) {
        std::fprintf(stderr, "vela: %s\n", qPrintable(refusal));
        return 2;
    }

    const QString dir = cli.dataDir();
    DataFolderOwner owner(dir);
    if (!owner.claim()) {
        if (!owner.error().isEmpty()) {
            std::fprintf(stderr, "vela: %s\n", qPrintable(owner.error()));
            return 1;
        }
        if (!app)
            app = std::make_unique<QCoreApplication>(argc, argv);
        switch (owner.handOver(cli.request())) {
        case DataFolderOwner::Handover::Delivered:
            std::printf("vela: Vela is already running on %s; handed over to it\n", qPrintable(dir));
            return 0;
        case DataFolderOwner::Handover::Failed:
            std::fprintf(stderr, "vela: %s\n", qPrintable(owner.error()));
            return 1;
        case DataFolderOwner::Handover::BecameOwner:
            break;
        }
    }
    if (!qobject_cast<QGuiApplication*>(app.get())) {
        app.reset();
        app = makeGuiApplication(argc, argv);
    }

    std::unique_ptr<AppContext> context;
    try {
        // With --data-dir (tests) the model library lives there too.
        context = std::make_unique<AppContext>(dir, cli.hasDataDir() ? QString() : vela::library::ModelLibrary::defaultFolder());
    } catch (const vela::storage::StorageError& e) {
        std::fprintf(stderr, "vela: cannot open the conversations in %s: %s\n", qPrintable(dir), e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vela: cannot open the model library: %s\n", e.what());
        return 1;
    }
    if (!cli.lang().isEmpty())
        context->settings()->setUiLanguage(cli.lang());
    if (!cli.theme().isEmpty())
        context->settings()->setTheme(cli.theme());
    if (!cli.backend().isEmpty())
        context->settings()->setGpu(cli.backend() == QStringLiteral("cpu") ? -2 : -1);

    // Declared after the context: QML goes first, while App still exists.
    QQmlApplicationEngine engine;
    context->settings()->setEngine(&engine);
    context->settings()->applyLanguage();
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QObject::connect(&engine, &QQmlApplicationEngine::quit, app.get(), &QCoreApplication::quit);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Vela/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        std::fprintf(stderr, "vela: the user interface failed to load\n");
        return 1;
    }

    QObject::connect(&owner, &DataFolderOwner::requested, context.get(),
                     [&](const LaunchRequest& r) { applyRequest(*context, engine, r); });
    owner.listen();

    const QString modelPath = !cli.model().isEmpty() ? cli.model() : context->startupModelPath();
    const TestOptions test = cli.testOptions();
    if (test.active()) {
        auto* driver = new TestDriver(*context, engine, test, !modelPath.isEmpty());
        driver->watch(owner);
    }
    if (!modelPath.isEmpty())
        context->model()->loadModel(modelPath);

    return QCoreApplication::exec();
}
