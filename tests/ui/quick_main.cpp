// Qt Quick Test runner for the Vela.Ui views (tests/ui/quick/tst_*.qml).
// Both QML modules are linked statically, so the setup imports their
// plugins and adds the resource import path they live under.
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Vela_AppPlugin)
Q_IMPORT_QML_PLUGIN(Vela_UiPlugin)

class Setup : public QObject {
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }
};

QUICK_TEST_MAIN_WITH_SETUP(vela_ui, Setup)
#include "quick_main.moc"
