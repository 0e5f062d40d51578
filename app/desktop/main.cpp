// vela: the desktop application.
//
//   vela [--model PATH] [--data-dir DIR] [--lang system|en|es] [--theme system|light|dark]
//        [--backend auto|cpu|vulkan] [--screenshot PNG] [--test-send TEXT] [--test-send-file PATH]
//        [--test-then-send TEXT] [--test-reload] [--test-switch-lang L] [--test-open NAME]
//
// --data-dir keeps the database and settings.ini somewhere else than the
// user's app-data folder (tests); --lang/--theme change the saved setting;
// --backend applies to this run only. The test options are in test_driver.h.
#include "test_driver.h"

#include "chat/app_context.h"
#include "library/model_library.h"
#include "storage/error.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <memory>
#include <optional>

Q_IMPORT_QML_PLUGIN(Vela_AppPlugin)
Q_IMPORT_QML_PLUGIN(Vela_UiPlugin)

using namespace vela::app;

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Vela"));
    QGuiApplication::setOrganizationName(QStringLiteral("Vela"));
    QGuiApplication::setApplicationVersion(QStringLiteral(VELA_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("vela"));
    // Fusion follows the palette Main.qml sets, so light and dark both work.
    QQuickStyle::setStyle(QStringLiteral("Fusion"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Private, offline chat with local models"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Load this GGUF model."), QStringLiteral("path"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Keep conversations and settings here."), QStringLiteral("dir"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("UI language: system, en or es."), QStringLiteral("lang"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("Theme: system, light or dark."), QStringLiteral("theme"));
    const QCommandLineOption backend(QStringLiteral("backend"), QStringLiteral("auto, cpu or vulkan (this run only)."), QStringLiteral("backend"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save the window as PNG when ready, then quit."), QStringLiteral("png"));
    const QCommandLineOption testSend(QStringLiteral("test-send"), QStringLiteral("Test hook: send this message once the model is loaded."), QStringLiteral("text"));
    const QCommandLineOption testSendFile(QStringLiteral("test-send-file"), QStringLiteral("Test hook: send the text of this UTF-8 file."), QStringLiteral("path"));
    const QCommandLineOption testThenSend(QStringLiteral("test-then-send"), QStringLiteral("Test hook: send this message after the first reply."), QStringLiteral("text"));
    const QCommandLineOption testReload(QStringLiteral("test-reload"), QStringLiteral("Test hook: reload with the error banner's button when the reply fails."));
    const QCommandLineOption testLang(QStringLiteral("test-switch-lang"), QStringLiteral("Test hook: switch the UI language after the reply."), QStringLiteral("lang"));
    const QCommandLineOption testReadingShot(QStringLiteral("test-screenshot-reading"),
                                             QStringLiteral("Test hook: save the window as PNG while a long prompt is read."),
                                             QStringLiteral("png"));
    const QCommandLineOption testOpen(QStringLiteral("test-open"), QStringLiteral("Test hook: open this popup before the screenshot."), QStringLiteral("name"));
    const QCommandLineOption testTimeout(QStringLiteral("test-timeout"), QStringLiteral("Test hook: give up after this many seconds."), QStringLiteral("s"));
    parser.addOptions({model, dataDir, lang, theme, backend, screenshot, testSend, testSendFile, testThenSend, testReload,
                       testLang, testOpen, testReadingShot, testTimeout});
    parser.process(app);

    const QString dir = parser.isSet(dataDir) ? QDir(parser.value(dataDir)).absolutePath()
                                              : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    std::unique_ptr<AppContext> context;
    try {
        // With --data-dir (tests) the model library lives there too.
        context = std::make_unique<AppContext>(dir, parser.isSet(dataDir) ? QString() : vela::library::ModelLibrary::defaultFolder());
    } catch (const vela::storage::StorageError& e) {
        std::fprintf(stderr, "vela: cannot open the conversations in %s: %s\n", qPrintable(dir), e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vela: cannot open the model library: %s\n", e.what());
        return 1;
    }
    if (parser.isSet(lang))
        context->settings()->setUiLanguage(parser.value(lang));
    if (parser.isSet(theme))
        context->settings()->setTheme(parser.value(theme));
    if (parser.isSet(backend)) {
        const QString b = parser.value(backend);
        context->settings()->setGpu(b == QStringLiteral("cpu") ? -2 : -1);
    }

    // Declared after the context: QML goes first, while App still exists.
    QQmlApplicationEngine engine;
    context->settings()->setEngine(&engine);
    context->settings()->applyLanguage();
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QObject::connect(&engine, &QQmlApplicationEngine::quit, &app, &QGuiApplication::quit);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Vela/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        std::fprintf(stderr, "vela: the user interface failed to load\n");
        return 1;
    }

    const QString modelPath = parser.isSet(model) ? parser.value(model) : context->startupModelPath();
    TestOptions test;
    test.sendText = parser.value(testSend);
    test.sendFile = parser.value(testSendFile);
    test.thenSend = parser.value(testThenSend);
    test.reload = parser.isSet(testReload);
    test.switchLanguage = parser.value(testLang);
    test.screenshot = parser.value(screenshot);
    test.open = parser.value(testOpen);
    test.readingScreenshot = parser.value(testReadingShot);
    if (parser.isSet(testTimeout))
        test.timeoutSeconds = parser.value(testTimeout).toInt();
    if (test.active())
        new TestDriver(*context, engine, test, !modelPath.isEmpty());
    if (!modelPath.isEmpty())
        context->model()->loadModel(modelPath);

    const int rc = QGuiApplication::exec();
    return rc;
}
