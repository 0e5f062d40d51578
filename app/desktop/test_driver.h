// TestDriver: the command-line hooks that let tests drive the real app.
//
//   --test-send TEXT        once the model is loaded, type TEXT into the
//                           composer and submit it (the same path as Enter)
//   --test-switch-lang L    after the reply, switch the UI language at runtime
//   --test-open NAME        open a popup first (settingsPage, conversationDrawer)
//   --screenshot PATH       save the window as PNG when done, then quit
//
// It reports on stdout, one "VELA_TEST key=value" line per fact (the reply's
// status and ids, the reasoning header, translated labels), and quits with
// 0, or 3 when the model failed to load, 4 on timeout.
#pragma once

#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QQmlApplicationEngine;
class QQuickWindow;
QT_END_NAMESPACE

namespace vela::app {

class AppContext;

struct TestOptions {
    QString sendText;
    QString switchLanguage;
    QString screenshot;
    QString open; // --test-open: a popup to open before the screenshot (its objectName)
    int timeoutSeconds = 600;
    bool active() const { return !sendText.isEmpty() || !screenshot.isEmpty(); }
};

class TestDriver : public QObject {
    Q_OBJECT
public:
    TestDriver(AppContext& app, QQmlApplicationEngine& engine, TestOptions options, bool expectModel);

private:
    QQuickWindow* window() const;
    void report(const QString& key, const QString& value);
    void ready();
    void replyEnded(qint64 messageId, const QString& status);
    void finish();

    AppContext& app_;
    QQmlApplicationEngine& engine_;
    TestOptions options_;
    bool started_ = false;
};

} // namespace vela::app
