// TestDriver: the command-line hooks that let tests drive the real app.
//
// They exist only with VELA_TEST_DRIVER=1 in the environment (command_line.h).
//
//   --test-send TEXT        once the model is loaded, type TEXT into the
//                           composer and submit it (the same path as Enter)
//   --test-send-file PATH   the same with the text of a UTF-8 file, for
//                           messages larger than one argument may be (Linux
//                           caps one at 128 KiB)
//   --test-reload           when the reply fails and the model error banner
//                           shows (a lost GPU), report the banner, forget
//                           VELA_FAULT_INJECTION (the injected fault has
//                           happened; the new device is healthy, as after a
//                           real GPU reset) and click the banner's Reload
//   --test-then-send TEXT   after the first reply (and the reload, if any),
//                           send TEXT too: the app is still usable
//   --test-switch-lang L    after the reply, switch the UI language at runtime
//   --test-open NAME        open a popup first (settingsPage, conversationDrawer)
//   --test-window-size WxH  resize the window at start (640x480: the
//                           compact layout's screenshots)
//   --screenshot PATH       save the window as PNG when done, then quit
//   --test-await-forward    once the first message is sent, hold the GUI
//                           thread (the reply stays 'streaming' in the
//                           store: its end is committed there) until a
//                           second `vela` on the data folder connects, so it
//                           starts while the reply streams on any machine;
//                           and before quitting, wait for its request
//   --test-screenshot-reading PATH
//                           save the window as PNG while a long prompt is
//                           read (at its first progress report)
//
// It reports on stdout, one "VELA_TEST key=value" line per fact: after each
// reply its status and ids and the notice banner's text (notice=); the
// model error banner (model_error=, model_error_buttons= the visible
// buttons joined by '|'), the reading progress the reply shows at a long
// prompt's first report (prompt_progress=), and after a reload reloaded=1
// and whether the banner is gone (model_error_visible=); at the end the
// reasoning headers, the notes of messages too long to show whole
// (preview_note=), translated labels, and max_stall_ms: the longest the GUI
// thread went without running its event loop from the first send to the
// end (a frozen window); for each request a later launch hands over
// (data_folder_owner.h) its model (forwarded_model=), and with
// --test-await-forward whether the second launch connected while the reply
// was streaming (second_launch_during_reply=true|false). It quits
// with 0, or 3 when the model failed to load, 4 on timeout, 5 when the UI
// lacks what it drives, 7 when a message file cannot be read.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QSize>
#include <QString>

QT_BEGIN_NAMESPACE
class QQmlApplicationEngine;
class QQuickWindow;
QT_END_NAMESPACE

namespace vela::app {

class AppContext;
class DataFolderOwner;
struct LaunchRequest;

struct TestOptions {
    QString sendText;
    QString sendFile;  // --test-send-file: the message's text is this file's
    QString thenSend;  // --test-then-send: a second message after the first reply
    bool reload = false; // --test-reload: recover from a failed reply with the banner's Reload
    QString switchLanguage;
    QString screenshot;
    QString open; // --test-open: a popup to open before the screenshot (its objectName)
    QSize windowSize; // --test-window-size; invalid: the window's own size
    QString readingScreenshot; // --test-screenshot-reading
    bool awaitForward = false; // --test-await-forward
    int timeoutSeconds = 600;
    bool active() const { return !sendText.isEmpty() || !sendFile.isEmpty() || !screenshot.isEmpty(); }
};

class TestDriver : public QObject {
    Q_OBJECT
public:
    TestDriver(AppContext& app, QQmlApplicationEngine& engine, TestOptions options, bool expectModel);

    // Reports the requests of later launches (after they are applied) and
    // serves --test-await-forward.
    void watch(DataFolderOwner& owner);

private:
    enum class Step { WaitingForModel, FirstReply, Reloading, SecondReply, Finishing };

    QQuickWindow* window() const;
    void report(const QString& key, const QString& value);
    void ready();
    void modelLoaded();
    // Types `text` into the composer and submits it once it accepts a message.
    void send(const QString& text);
    void replyEnded(qint64 messageId, const QString& status);
    void afterReply(const QString& status);
    bool reportModelError();
    void watchStalls();
    void promptProgress(int done, int total);
    void forwarded(const LaunchRequest& request);
    void finish();

    AppContext& app_;
    QQmlApplicationEngine& engine_;
    TestOptions options_;
    Step step_ = Step::WaitingForModel;
    QElapsedTimer sinceTick_;
    qint64 maxStallMs_ = -1; // -1: not watching yet
    bool readingReported_ = false;
    DataFolderOwner* owner_ = nullptr;
    bool forwarded_ = false;
    bool finishWhenForwarded_ = false;
};

} // namespace vela::app
