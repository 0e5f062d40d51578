#include "test_driver.h"

#include "command_line.h"
#include "data_folder_owner.h"

#include "viewmodels/app_context.h"
#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)

#include <QCoreApplication>
#include <QFile>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

#include <algorithm>
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
    if (QQuickWindow* w = window(); w && options_.windowSize.isValid())
        w->resize(options_.windowSize);
    QTimer::singleShot(options_.timeoutSeconds * 1000, this, [] {
        std::fprintf(stderr, "vela: test timed out\n");
        QCoreApplication::exit(4);
    });
    connect(app_.engine(), &EngineController::loadFailed, this, [this](const ErrorInfo& e) {
        report(QStringLiteral("load_failed"), e.message);
        QCoreApplication::exit(3);
    });
    connect(app_.chat()->reply(), &StreamingReply::ended, this, &TestDriver::replyEnded);
    // After ChatController's own connection (made first, so called first):
    // the view already shows this report when the slot runs.
    connect(app_.engine(), &EngineController::promptProgress, this,
            [this](quint64, int done, int total) { promptProgress(done, total); });
    if (expectModel)
        connect(app_.engine(), &EngineController::modelLoaded, this, &TestDriver::modelLoaded);
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

void TestDriver::modelLoaded()
{
    if (step_ == Step::WaitingForModel) {
        ready();
        return;
    }
    if (step_ != Step::Reloading)
        return;
    report(QStringLiteral("reloaded"), QStringLiteral("1"));
    // ModelStatus clears the error when asked to reload; give QML a turn.
    QTimer::singleShot(100, this, [this] {
        QObject* banner = window() ? window()->findChild<QObject*>(QStringLiteral("modelErrorBanner")) : nullptr;
        report(QStringLiteral("model_error_visible"),
               banner && banner->property("visible").toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        if (options_.thenSend.isEmpty()) {
            step_ = Step::Finishing;
            finish();
            return;
        }
        step_ = Step::SecondReply;
        send(options_.thenSend);
    });
}

void TestDriver::ready()
{
    if (step_ != Step::WaitingForModel)
        return;
    QString text = options_.sendText;
    if (!options_.sendFile.isEmpty()) {
        QFile file(options_.sendFile);
        if (!file.open(QIODevice::ReadOnly)) {
            report(QStringLiteral("error"), QStringLiteral("cannot read ") + options_.sendFile);
            QCoreApplication::exit(7);
            return;
        }
        text = QString::fromUtf8(file.readAll());
    }
    if (text.isEmpty()) {
        step_ = Step::Finishing;
        report(QStringLiteral("model"), app_.model()->modelName());
        QTimer::singleShot(500, this, &TestDriver::finish); // let a frame render
        return;
    }
    report(QStringLiteral("model"), app_.model()->modelName());
    step_ = Step::FirstReply;
    send(text);
}

void TestDriver::send(const QString& text)
{
    // The engine reports the model before its state reads Ready: wait
    // until the composer would accept the message.
    if (!app_.chat()->blockedReason().isEmpty()) {
        QTimer::singleShot(50, this, [this, text] { send(text); });
        return;
    }
    // Through the UI: the composer's text and its submit(), as Enter does.
    QObject* composer = window() ? window()->findChild<QObject*>(QStringLiteral("composer")) : nullptr;
    if (!composer) {
        report(QStringLiteral("error"), QStringLiteral("no composer"));
        QCoreApplication::exit(5);
        return;
    }
    watchStalls();
    composer->setProperty("text", text);
    QMetaObject::invokeMethod(composer, "submit");
    report(QStringLiteral("sent"), QString::number(app_.chat()->currentConversationId()));
    if (options_.awaitForward && owner_ && step_ == Step::FirstReply) {
        // The reply's row is 'streaming' now and stays so while this thread
        // waits (its end is committed here): the second launch comes during it.
        const bool came = owner_->waitForLaunch(options_.timeoutSeconds * 1000);
        report(QStringLiteral("second_launch_during_reply"),
               came && app_.chat()->reply()->generating() ? QStringLiteral("true") : QStringLiteral("false"));
    }
}

void TestDriver::watchStalls()
{
    if (maxStallMs_ >= 0)
        return;
    // A 10 ms tick on the GUI thread: a longer gap between two ticks is time
    // the window could not repaint or take input.
    maxStallMs_ = 0;
    auto* tick = new QTimer(this);
    tick->setTimerType(Qt::PreciseTimer);
    tick->setInterval(10);
    connect(tick, &QTimer::timeout, this, [this] {
        maxStallMs_ = std::max(maxStallMs_, sinceTick_.restart() - 10);
    });
    sinceTick_.start();
    tick->start();
}

void TestDriver::promptProgress(int done, int total)
{
    if (readingReported_ || done >= total || !window())
        return;
    readingReported_ = true;
    QList<QQuickItem*> texts;
    findItems(window()->contentItem(), QStringLiteral("promptText"), texts);
    report(QStringLiteral("prompt_progress"),
           texts.isEmpty() ? QStringLiteral("(not shown)") : texts.first()->property("text").toString());
    if (!options_.readingScreenshot.isEmpty())
        window()->grabWindow().save(options_.readingScreenshot);
}

void TestDriver::replyEnded(qint64 messageId, const QString& status)
{
    report(QStringLiteral("conversation"), QString::number(app_.chat()->currentConversationId()));
    report(QStringLiteral("message"), QString::number(messageId));
    report(QStringLiteral("status"), status);
    report(QStringLiteral("notice"), app_.chat()->notice()->text());
    // Let the view lay the finished message out (and ModelStatus, connected
    // to the same failure, set its banner) before reading them.
    QTimer::singleShot(300, this, [this, status] { afterReply(status); });
}

bool TestDriver::reportModelError()
{
    QQuickWindow* w = window();
    QObject* banner = w ? w->findChild<QObject*>(QStringLiteral("modelErrorBanner")) : nullptr;
    if (!banner || !banner->property("visible").toBool())
        return false;
    report(QStringLiteral("model_error"), banner->property("text").toString());
    QStringList buttons;
    for (const char* name : {"reloadButton", "useCpuButton", "chooseModelButton", "dismissErrorButton"}) {
        QObject* b = banner->findChild<QObject*>(QLatin1String(name));
        if (b && b->property("visible").toBool())
            buttons << b->property("text").toString();
    }
    report(QStringLiteral("model_error_buttons"), buttons.join(QLatin1Char('|')));
    return true;
}

void TestDriver::afterReply(const QString& status)
{
    if (step_ == Step::FirstReply && options_.reload && status == QStringLiteral("failed")) {
        QObject* reload = reportModelError() ? window()->findChild<QObject*>(QStringLiteral("reloadButton")) : nullptr;
        if (!reload || !reload->property("visible").toBool()) {
            report(QStringLiteral("error"), QStringLiteral("no Reload button on a model error banner"));
            step_ = Step::Finishing;
            finish();
            return;
        }
        qunsetenv("VELA_FAULT_INJECTION");
        step_ = Step::Reloading;
        QMetaObject::invokeMethod(reload, "clicked"); // the button's signal: its onClicked runs
        return;
    }
    if (step_ == Step::FirstReply && !options_.thenSend.isEmpty()) {
        step_ = Step::SecondReply;
        send(options_.thenSend);
        return;
    }
    step_ = Step::Finishing;
    if (QQuickWindow* w = window()) {
        QList<QQuickItem*> headers;
        findItems(w->contentItem(), QStringLiteral("reasoningHeader"), headers);
        for (QQuickItem* header : headers)
            report(QStringLiteral("reasoning_header"), header->property("text").toString());
    }
    finish();
}

void TestDriver::watch(DataFolderOwner& owner)
{
    owner_ = &owner;
    connect(&owner, &DataFolderOwner::requested, this, &TestDriver::forwarded);
}

void TestDriver::forwarded(const LaunchRequest& request)
{
    report(QStringLiteral("forwarded_model"), request.model);
    forwarded_ = true;
    if (finishWhenForwarded_)
        finish();
}

void TestDriver::finish()
{
    if (options_.awaitForward && !forwarded_) {
        finishWhenForwarded_ = true;
        return;
    }
    QQuickWindow* w = window();
    if (w) {
        QList<QQuickItem*> notes;
        findItems(w->contentItem(), QStringLiteral("previewNote"), notes);
        for (QQuickItem* note : notes)
            report(QStringLiteral("preview_note"), note->property("text").toString());
    }
    if (maxStallMs_ >= 0)
        report(QStringLiteral("max_stall_ms"), QString::number(maxStallMs_));
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
