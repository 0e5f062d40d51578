// Qt Quick Test runner for the Vela.Ui views (tests/ui/quick/tst_*.qml).
// Both QML modules are linked statically, so the setup imports their
// plugins and adds the resource import path they live under.
#include "chat_settings.h"
#include "vela_style.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Vela_AppPlugin)
Q_IMPORT_QML_PLUGIN(Vela_UiPlugin)
Q_IMPORT_QML_PLUGIN(Vela_StylePlugin)

class Setup : public QObject {
    Q_OBJECT
public slots:
    // Before any engine: the views are tested in the style the app uses.
    void applicationAvailable() { vela::ui::useVelaStyle(); }

    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        // ChatSettings is created by ChatController only; the drawer's test
        // gets a plain one (each TestCase file has its own engine).
        engine->rootContext()->setContextProperty(QStringLiteral("testChatSettings"),
                                                  new vela::app::ChatSettings(engine));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(vela_ui, Setup)
#include "quick_main.moc"
