// The whole window driven from the keyboard alone, as a user without a
// mouse would: Main.qml on a real AppContext (store, engine on the CPU, a
// test model), then new chat → focus the message field → type → Enter →
// the reply → copy it → send again and stop with Escape → settings and
// back, the shortcuts sheet and back, next/previous conversation; each
// step checked by where focus is and what the app did.
#include "chat_test_models.h"
#include "vela_style.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "viewmodels/app_context.h"
#include "viewmodels/app_settings.h"
#include "viewmodels/chat_controller.h"
#include "viewmodels/chat_settings.h"
#include "viewmodels/model_status.h"
#include "viewmodels/streaming_reply.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest/QtTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(Vela_AppPlugin)
Q_IMPORT_QML_PLUGIN(Vela_UiPlugin)
Q_IMPORT_QML_PLUGIN(Vela_StylePlugin)

using namespace vela::app;

class TestKeyboardFlow : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<AppContext> app_;
    std::unique_ptr<QQmlApplicationEngine> qml_;
    QQuickWindow* window_ = nullptr;

    QString focusName() const
    {
        const QQuickItem* item = window_->activeFocusItem();
        return item ? item->objectName() : QString();
    }
    // QTest::keyClicks is for widgets; a window gets one key at a time.
    void typeText(const QString& text)
    {
        for (const QChar c : text)
            QTest::keyClick(window_, c.toLatin1());
    }
    QObject* find(const char* name) const { return window_->findChild<QObject*>(QLatin1String(name)); }
    void waitReplyEnded()
    {
        if (app_->chat()->reply()->generating()) {
            QSignalSpy ended(app_->chat()->reply(), &StreamingReply::ended);
            QVERIFY(ended.wait(vela::test::kChatReplyTimeoutMs));
        }
    }

private slots:
    void initTestCase()
    {
        vela::ui::useVelaStyle();
        QVERIFY(dir_.isValid());
        app_ = std::make_unique<AppContext>(dir_.filePath(QStringLiteral("data")));
        app_->settings()->setUiLanguage(QStringLiteral("en"));
        app_->settings()->setGpu(-2); // the CPU: the same on every machine
        app_->chat()->settings()->setText(QStringLiteral("max_tokens"), QStringLiteral("24"));
        qml_ = std::make_unique<QQmlApplicationEngine>();
        app_->settings()->setEngine(qml_.get());
        app_->settings()->applyLanguage();
        qml_->addImportPath(QStringLiteral("qrc:/qt/qml"));
        qml_->load(QUrl(QStringLiteral("qrc:/qt/qml/Vela/Ui/Main.qml")));
        QVERIFY(!qml_->rootObjects().isEmpty());
        window_ = qobject_cast<QQuickWindow*>(qml_->rootObjects().first());
        QVERIFY(window_);
        window_->show();
        window_->requestActivate();
        QVERIFY(QTest::qWaitForWindowExposed(window_));

        QSignalSpy loaded(app_->engine(), &EngineController::modelLoaded);
        app_->model()->loadModel(vela::test::writeChatModel(dir_.path()));
        QVERIFY(loaded.wait(vela::test::kChatLoadTimeoutMs));
        QTRY_VERIFY(app_->chat()->blockedReason().isEmpty());
    }

    void cleanupTestCase()
    {
        app_->engine()->shutdown();
        qml_.reset();
        app_.reset();
    }

    void typeSendCopyStop()
    {
        // Ctrl+N: a new chat; Ctrl+L: the caret in the message field.
        QTest::keyClick(window_, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(app_->chat()->currentConversationId(), qint64(-1));
        QTest::keyClick(window_, Qt::Key_L, Qt::ControlModifier);
        QTRY_COMPARE(focusName(), QStringLiteral("composerInput"));
        typeText(QStringLiteral("Hello there"));
        QTest::keyClick(window_, Qt::Key_Return);
        QTRY_VERIFY(app_->chat()->currentConversationId() >= 0); // sent: the conversation exists
        waitReplyEnded();
        const QString reply = app_->chat()->lastReplyText();
        QVERIFY(!reply.isEmpty());

        // Ctrl+Shift+C: the last reply, exactly as stored.
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(window_, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(QGuiApplication::clipboard()->text(), reply);

        // Again, and Escape stops it (or it had already ended): no reply runs after.
        QTest::keyClick(window_, Qt::Key_L, Qt::ControlModifier);
        QTRY_COMPARE(focusName(), QStringLiteral("composerInput"));
        typeText(QStringLiteral("Tell me more"));
        QTest::keyClick(window_, Qt::Key_Return);
        QVERIFY(app_->chat()->reply()->generating());
        QTest::keyClick(window_, Qt::Key_Escape);
        QTRY_VERIFY(!app_->chat()->reply()->generating());
    }

    void tabReachesSendFromTheComposer()
    {
        QTest::keyClick(window_, Qt::Key_L, Qt::ControlModifier);
        QTRY_COMPARE(focusName(), QStringLiteral("composerInput"));
        typeText(QStringLiteral("draft"));
        // Tab leaves the field (it does not type a tab) and walks the
        // composer's controls to Send.
        QStringList seen;
        for (int i = 0; i < 6 && focusName() != QStringLiteral("sendButton"); ++i) {
            QTest::keyClick(window_, Qt::Key_Tab);
            seen << focusName();
        }
        QVERIFY2(focusName() == QStringLiteral("sendButton"), qPrintable(seen.join(QStringLiteral(", "))));
        QVERIFY(!find("composerInput")->property("text").toString().contains(u'\t'));
        QTest::keyClick(window_, Qt::Key_L, Qt::ControlModifier);
        QTest::keyClick(window_, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(window_, Qt::Key_Delete);
        QTRY_COMPARE(find("composerInput")->property("text").toString(), QString());
    }

    void settingsAndShortcutsSheetOpenAndClose()
    {
        QObject* settings = find("settingsPage");
        QVERIFY(settings);
        QTest::keyClick(window_, Qt::Key_Comma, Qt::ControlModifier);
        QTRY_VERIFY(settings->property("opened").toBool());
        QTest::keyClick(window_, Qt::Key_Escape);
        QTRY_VERIFY(!settings->property("visible").toBool());

        // The conversation settings drawer, opened from its button with Space.
        QObject* drawer = find("conversationDrawer");
        QVERIFY(drawer);
        auto* button = qobject_cast<QQuickItem*>(find("conversationSettingsButton"));
        QVERIFY(button);
        button->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(window_, Qt::Key_Space);
        QTRY_VERIFY(drawer->property("opened").toBool());
        QTest::keyClick(window_, Qt::Key_Escape);
        QTRY_VERIFY(!drawer->property("visible").toBool());

        QObject* sheet = find("shortcutsSheet");
        QVERIFY(sheet);
        QTest::keyClick(window_, Qt::Key_F1);
        QTRY_VERIFY(sheet->property("opened").toBool());
        QTest::keyClick(window_, Qt::Key_Escape);
        QTRY_VERIFY(!sheet->property("visible").toBool());
    }

    void nextAndPreviousConversation()
    {
        // A second conversation, then Alt+Up / Alt+Down between the two.
        QTest::keyClick(window_, Qt::Key_N, Qt::ControlModifier);
        QTest::keyClick(window_, Qt::Key_L, Qt::ControlModifier);
        QTRY_COMPARE(focusName(), QStringLiteral("composerInput"));
        typeText(QStringLiteral("Second"));
        QTest::keyClick(window_, Qt::Key_Return);
        waitReplyEnded();
        const qint64 second = app_->chat()->currentConversationId();
        QVERIFY(second >= 0);
        QTest::keyClick(window_, Qt::Key_Down, Qt::AltModifier);
        const qint64 first = app_->chat()->currentConversationId();
        QVERIFY(first != second);
        QTest::keyClick(window_, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(app_->chat()->currentConversationId(), second);
    }
};

QTEST_MAIN(TestKeyboardFlow)
#include "tst_keyboard_flow.moc"
