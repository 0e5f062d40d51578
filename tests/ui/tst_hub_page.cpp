// The Models page's "From Hugging Face" tab (ui/HubBrowser.qml on App.hub's
// HubBrowserModel) in a window, against the local Hub stand-in as
// HF_ENDPOINT: a link typed into the field and Enter looks the repo up, the
// repo and commit and each model with its quantization, size and fit show,
// the split set shows why it cannot be downloaded, Download puts the model
// in the library, Tab reaches the controls; every control of the tab has an accessible name. The
// window is saved as build/test-artifacts/vela-hub.png (software renderer,
// offscreen) for people to look at.
#include "hub_test_server.h"
#include "model_writer.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "library/hub_endpoint.h"
#include "library/model_library.h"
#include "viewmodels/catalog_model.h"
#include "viewmodels/hub_browser_model.h"
#include "viewmodels/model_library_model.h"
#include "viewmodels/model_status.h"

#include "vela_style.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest/QtTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(Vela_AppPlugin)
Q_IMPORT_QML_PLUGIN(Vela_UiPlugin)
Q_IMPORT_QML_PLUGIN(Vela_StylePlugin)

using namespace vela;
using namespace vela::app;

namespace {

const QString kRepo = QStringLiteral("Qwen/Qwen3-0.6B-GGUF");
const QString kCommit = QStringLiteral("23749fefcc72300e3a2ad315e1317431b06b590a");
constexpr int kTimeoutMs = 30000;

const char* kWindow = R"(
import QtQuick
import QtQuick.Controls
import Vela.App
import Vela.Ui
ApplicationWindow {
    id: w
    width: 960; height: 720; visible: true
    color: Theme.window
    required property ModelLibraryModel library
    required property CatalogModel catalog
    required property HubBrowserModel hub
    required property ModelStatus status
    ModelsPage {
        objectName: "modelsPage"
        library: w.library; catalog: w.catalog; hub: w.hub; status: w.status
        Component.onCompleted: { open(); showHub() }
    }
}
)";

// Items by objectName under the window's root item, popups (in its overlay)
// and list delegates included: they are child items, not QObject children.
void collect(QQuickItem* item, const QString& name, QList<QQuickItem*>* out)
{
    if (item->objectName() == name)
        out->append(item);
    for (QQuickItem* child : item->childItems())
        collect(child, name, out);
}
QList<QQuickItem*> items(QQuickWindow* window, const QString& name)
{
    QList<QQuickItem*> out;
    collect(window->contentItem()->parentItem() ? window->contentItem()->parentItem() : window->contentItem(), name, &out);
    return out;
}
QQuickItem* item(QQuickWindow* window, const QString& name)
{
    const QList<QQuickItem*> all = items(window, name);
    return all.size() == 1 ? all.first() : nullptr;
}

QString accessibleName(QObject* item)
{
    return QQmlProperty(item, QStringLiteral("Accessible.name"), qmlContext(item)).read().toString();
}

} // namespace

class TestHubPage : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private slots:
    void initTestCase()
    {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        vela::ui::useVelaStyle();
    }

    void looksUpAndDownloadsFromThePage()
    {
        QVERIFY(tmp_.isValid());
        const QString src = tmp_.filePath(QStringLiteral("src.gguf"));
        test::ModelSpec spec = test::downloadableSpec();
        spec.matrixType = gguf::TensorType::Q8_0;
        test::writeModel(spec, src.toStdString());
        QFile f(src);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray model = f.readAll();

        test::HubTestServer hub;
        hub.addRepo(kRepo, kCommit,
                    {{QStringLiteral("README.md"), "# Qwen3"},
                     {QStringLiteral("Qwen3-0.6B-Q8_0.gguf"), model},
                     {QStringLiteral("Qwen3-0.6B-Q4_K_M.gguf"), model},
                     {QStringLiteral("Qwen3-0.6B-F16-00001-of-00002.gguf"), QByteArray(3000, 'a')},
                     {QStringLiteral("Qwen3-0.6B-F16-00002-of-00002.gguf"), QByteArray(2000, 'b')}});
        qputenv(library::kHubEndpointVariable, hub.endpoint().toLatin1());

        library::ModelLibrary lib(tmp_.filePath(QStringLiteral("models")));
        ModelLibraryModel libraryModel(lib);
        CatalogModel catalog(lib, library::Catalog{});
        HubBrowserModel hubModel(lib);
        EngineController engineController; // nothing is loaded: the Library tab's Load buttons bind to it
        ModelStatus status(engineController);
        library::MemoryBudget budget;
        budget.id = "cpu";
        budget.name = "CPU (system memory)";
        budget.budgetBytes = uint64_t(16) << 30;
        libraryModel.setBudget(budget);
        hubModel.setBudget(budget);
        connect(&hubModel, &HubBrowserModel::downloaded, &libraryModel, &ModelLibraryModel::rescan);

        QQmlEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml")); // not a default import path before Qt 6.5
        QQmlComponent component(&engine);
        component.setData(kWindow, QUrl(QStringLiteral("qrc:/tst_hub_page/Window.qml")));
        QVERIFY2(component.isReady(), qPrintable(component.errorString())); // 6.4 crashes creating a broken one
        std::unique_ptr<QObject> root(component.createWithInitialProperties(
            {{QStringLiteral("library"), QVariant::fromValue(&libraryModel)},
             {QStringLiteral("catalog"), QVariant::fromValue(&catalog)},
             {QStringLiteral("hub"), QVariant::fromValue(&hubModel)},
             {QStringLiteral("status"), QVariant::fromValue(&status)}}));
        QVERIFY2(root, qPrintable(component.errorString()));
        auto* window = qobject_cast<QQuickWindow*>(root.get());
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));

        auto* field = item(window, QStringLiteral("hubLink"));
        auto* lookUp = item(window, QStringLiteral("hubLookUp"));
        QVERIFY(field && lookUp);
        QTRY_VERIFY(field->isVisible());
        QVERIFY(!accessibleName(field).isEmpty());
        QVERIFY(!accessibleName(lookUp).isEmpty());
        QVERIFY(!field->property("placeholderText").toString().isEmpty());

        // Typed into the field and Enter, as a person would.
        window->requestActivate();
        field->forceActiveFocus();
        QTRY_VERIFY(field->hasActiveFocus());
        const QByteArray link = QStringLiteral("https://huggingface.co/%1/blob/main/Qwen3-0.6B-Q4_K_M.gguf").arg(kRepo).toLatin1();
        for (char c : link)
            QTest::keyClick(window, c);
        QCOMPARE(field->property("text").toString(), QString::fromLatin1(link));
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(hubModel.rowCount(), 3, kTimeoutMs);
        QCOMPARE(hubModel.commit(), QStringLiteral("23749fe"));
        auto* repoLabel = item(window, QStringLiteral("hubRepo"));
        QVERIFY(repoLabel);
        QTRY_COMPARE(repoLabel->property("text").toString(), kRepo + QStringLiteral(" at 23749fe · GGUF models: 3"));
        // Every header read (the split set is not probed).
        const auto checking = [&] {
            for (int i = 0; i < hubModel.rowCount(); ++i)
                if (hubModel.index(i).data(HubBrowserModel::FitTextRole).toString() == QStringLiteral("Checking…"))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!checking(), kTimeoutMs);

        // The delegates: a Download button per downloadable model, with
        // its name in the accessible name; the split set's refusal shown.
        QList<QQuickItem*> downloads;
        QTRY_COMPARE((downloads = items(window, QStringLiteral("hubDownload"))).size(), 3);
        int visible = 0;
        for (QQuickItem* b : downloads) {
            QVERIFY(accessibleName(b).startsWith(QStringLiteral("Download ")));
            visible += b->isVisible() ? 1 : 0;
        }
        QCOMPARE(visible, 2);
        bool refusalShown = false;
        for (QQuickItem* r : items(window, QStringLiteral("hubRefusal")))
            refusalShown = refusalShown || (r->isVisible() && r->property("text").toString().contains(QStringLiteral("split")));
        QVERIFY(refusalShown);

        // Keyboard: Tab goes from the field to Look up, then on into the list.
        field->forceActiveFocus();
        QTest::keyClick(window, Qt::Key_Tab);
        QTRY_VERIFY(lookUp->hasActiveFocus());
        QTest::keyClick(window, Qt::Key_Tab);
        QTRY_VERIFY(!lookUp->hasActiveFocus() && !field->hasActiveFocus());
        QVERIFY(!accessibleName(window->activeFocusItem()).isEmpty());

        // Download the Q8_0 one with its button.
        int q8 = -1;
        for (int i = 0; i < hubModel.rowCount(); ++i)
            if (hubModel.index(i).data(HubBrowserModel::NameRole).toString() == QStringLiteral("Qwen3-0.6B-Q8_0"))
                q8 = i;
        QVERIFY(q8 >= 0);
        QQuickItem* q8Button = nullptr;
        for (QQuickItem* b : downloads)
            if (accessibleName(b).endsWith(QStringLiteral("Qwen3-0.6B-Q8_0")))
                q8Button = b;
        QVERIFY(q8Button);
        QVERIFY(QMetaObject::invokeMethod(q8Button, "clicked"));
        QTRY_VERIFY_WITH_TIMEOUT(hubModel.index(q8).data(HubBrowserModel::InstalledRole).toBool(), kTimeoutMs);
        QTRY_COMPARE(libraryModel.rowCount(), 1);
        QCOMPARE(libraryModel.index(0).data(ModelLibraryModel::SourceRepoRole).toString(), kRepo);

        // Another one paused: its progress bar, status, Resume and Cancel show.
        int q4 = -1;
        for (int i = 0; i < hubModel.rowCount(); ++i)
            if (hubModel.index(i).data(HubBrowserModel::NameRole).toString() == QStringLiteral("Qwen3-0.6B-Q4_K_M"))
                q4 = i;
        QVERIFY(q4 >= 0);
        hubModel.download(q4);
        hubModel.pause(q4);
        QCOMPARE(hubModel.index(q4).data(HubBrowserModel::StateRole).toString(), QStringLiteral("paused"));

        // For people to look at.
        const QString artifacts = QStringLiteral(VELA_BINARY_DIR "/test-artifacts");
        QVERIFY(QDir().mkpath(artifacts));
        const QString png = artifacts + QStringLiteral("/vela-hub.png");
        QTRY_VERIFY(!q8Button->isVisible()); // the delegate shows "In the library"
        const QImage image = window->grabWindow();
        QVERIFY(!image.isNull());
        QVERIFY(image.save(png));
        qInfo("screenshot: %s", qPrintable(png));
        qunsetenv(library::kHubEndpointVariable);
    }
};

QTEST_MAIN(TestHubPage)
#include "tst_hub_page.moc"
