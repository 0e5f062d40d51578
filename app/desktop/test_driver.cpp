#include "test_driver.h"

#include "chat/app_context.h"
#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)

#include <QCoreApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

namespace vela::app {

namespace {

// Items by objectName, through the visual tree: delegates a ListView makes
// are children of its content item as items, not always as QObjects.
void findItems(QQuickItem* item, const QString& name, QList<QQuickItem*>& out)
{
    if (item->objectName() == name && item->isVisible())
        out << item;
    for (QQuickItem* child : item->childItems())
        findItems(child, name, out);
}

} // namespace

TestDriver::TestDriver(AppContext& app, QQmlApplicationEngine& engine, TestOptions options, bool expectModel)
    : QObject(&app), app_(app), engine_(engine), options_(std::move(options))
{
    QTimer::singleShot(options_.timeoutSeconds * 1000, this, [] {
        std::fprintf(stderr, "vela: test timed out\n");
        QCoreApplication::exit(4);
    });
    connect(app_.engine(), &EngineController::loadFailed, this, [this](const ErrorInfo& e) {
        report(QStringLiteral("load_failed"), e.message);
        QCoreApplication::exit(3);
    });
    connect(app_.chat(), &ChatController::replyEnded, this, &TestDriver::replyEnded);
    if (expectModel)
        connect(app_.engine(), &EngineController::modelLoaded, this, &TestDriver::ready);
    else
        QTimer::singleShot(0, this, &TestDriver::ready);
}

QQuickWindow* TestDriver::window() const
{
    const auto roots = engine_.rootObjects();
    return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(roots.first());
}

void TestDriver::report(const QString& key, const QString& value)
{
    QString v = value;
    v.replace(QLatin1Char('\n'), QLatin1Char(' '));
    std::printf("VELA_TEST %s=%s\n", qPrintable(key), v.toUtf8().constData());
    std::fflush(stdout);
}

void TestDriver::ready()
{
    if (started_)
        return;
    started_ = true;
    if (options_.sendText.isEmpty()) {
        report(QStringLiteral("model"), app_.model()->modelName());
        QTimer::singleShot(500, this, &TestDriver::finish); // let a frame render
        return;
    }
    // The engine reports the model before its state reads Ready: wait
    // until the composer would accept the message.
    if (!app_.chat()->blockedReason().isEmpty()) {
        started_ = false;
        QTimer::singleShot(50, this, &TestDriver::ready);
        return;
    }
    // Through the UI: the composer's text and its submit(), as Enter does.
    QObject* composer = window() ? window()->findChild<QObject*>(QStringLiteral("composer")) : nullptr;
    if (!composer) {
        report(QStringLiteral("error"), QStringLiteral("no composer"));
        QCoreApplication::exit(5);
        return;
    }
    report(QStringLiteral("model"), app_.model()->modelName());
    composer->setProperty("text", options_.sendText);
    QMetaObject::invokeMethod(composer, "submit");
    report(QStringLiteral("sent"), QString::number(app_.chat()->currentConversationId()));
}

void TestDriver::replyEnded(qint64 messageId, const QString& status)
{
    report(QStringLiteral("conversation"), QString::number(app_.chat()->currentConversationId()));
    report(QStringLiteral("message"), QString::number(messageId));
    report(QStringLiteral("status"), status);
    // Let the view lay the finished message out before reading it.
    QTimer::singleShot(300, this, [this] {
        if (QQuickWindow* w = window()) {
            QList<QQuickItem*> headers;
            findItems(w->contentItem(), QStringLiteral("reasoningHeader"), headers);
            for (QQuickItem* header : headers)
                report(QStringLiteral("reasoning_header"), header->property("text").toString());
        }
        finish();
    });
}

void TestDriver::finish()
{
    QQuickWindow* w = window();
    if (w) {
        if (QObject* b = w->findChild<QObject*>(QStringLiteral("newChatButton")))
            report(QStringLiteral("new_chat_label"), b->property("text").toString());
        if (!options_.switchLanguage.isEmpty()) {
            app_.settings()->setUiLanguage(options_.switchLanguage);
            QCoreApplication::processEvents();
            if (QObject* b = w->findChild<QObject*>(QStringLiteral("newChatButton")))
                report(QStringLiteral("new_chat_label_after_switch"), b->property("text").toString());
            if (QObject* s = w->findChild<QObject*>(QStringLiteral("searchField")))
                report(QStringLiteral("search_placeholder_after_switch"), s->property("placeholderText").toString());
        }
    }
    if (w && !options_.open.isEmpty()) {
        if (QObject* popup = w->findChild<QObject*>(options_.open))
            QMetaObject::invokeMethod(popup, "open");
        else
            report(QStringLiteral("error"), QStringLiteral("no popup ") + options_.open);
    }
    if (options_.screenshot.isEmpty()) {
        QCoreApplication::exit(0);
        return;
    }
    // Two frames' time so that the switch (if any) is drawn too.
    QTimer::singleShot(400, this, [this] {
        QQuickWindow* win = window();
        const QImage image = win ? win->grabWindow() : QImage();
        const bool saved = !image.isNull() && image.save(options_.screenshot);
        report(QStringLiteral("screenshot"), saved ? options_.screenshot : QStringLiteral("FAILED"));
        QCoreApplication::exit(saved ? 0 : 6);
    });
}

} // namespace vela::app
