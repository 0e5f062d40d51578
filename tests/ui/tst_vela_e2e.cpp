// End to end: the real `vela` executable with a written thinking model and a
// temporary data folder, driven through its test hooks (test_driver.h):
// a message typed into the composer and sent as Enter sends it, the
// streamed reply and its reasoning pane, the rows in SQLite, the UI
// switched to Spanish at runtime and started in Spanish; a 2 MB message; a
// GPU lost mid-reply (Vulkan, fault injection) and the banner's Reload; a
// second `vela` on the same data folder handing over to the first, and a
// killed one not blocking the next; `vela --help` without a display, and
// the test hooks refused without VELA_TEST_DRIVER=1. Then screenshots of the
// main window under Xvfb, light and dark, into build/test-artifacts/.
#include "chat_test_models.h"

#include "storage/conversation_store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include "common/shared_fixtures.h"

#include <QtTest/QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QMap<QString, QStringList> facts; // VELA_TEST key=value lines
    QString output;
};

// The hooks (--test-*) exist only with this switch (command_line.h).
QProcessEnvironment testEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("VELA_TEST_DRIVER"), QStringLiteral("1"));
    return env;
}

// The arguments every driven run gets: the CPU unless `args` choose a
// backend, and a time limit.
QStringList drivenArguments(const QStringList& args)
{
    QStringList all = args;
    if (!all.contains(QStringLiteral("--backend")))
        all << QStringLiteral("--backend") << QStringLiteral("cpu");
    all << QStringLiteral("--test-timeout") << QStringLiteral("240");
    return all;
}

void collectFacts(Run& r)
{
    for (const QString& line : r.output.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QStringLiteral("VELA_TEST ")))
            continue;
        const QString fact = line.mid(10);
        r.facts[fact.section(QLatin1Char('='), 0, 0)] << fact.section(QLatin1Char('='), 1);
    }
}

// `extraEnv`: variables for this run (VELA_FAULT_INJECTION). The backend is
// the CPU unless `args` choose one.
Run runVela(const QStringList& args, const QString& wrapper = {}, const QProcessEnvironment& extraEnv = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = testEnvironment();
    env.insert(extraEnv);
    if (wrapper.isEmpty())
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    else
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    QStringList all = drivenArguments(args);
    if (wrapper.isEmpty()) {
        p.start(QStringLiteral(VELA_EXE), all);
    } else {
        all.prepend(QStringLiteral(VELA_EXE));
        all.prepend(QStringLiteral("-a"));
        p.start(wrapper, all);
    }
    Run r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    collectFacts(r);
    return r;
}

// A driven `vela` left running while the test does something else: started
// offscreen, read line by line.
struct RunningVela {
    QProcess process;
    QString output;

    void start(const QStringList& args)
    {
        QProcessEnvironment env = testEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(VELA_EXE), drivenArguments(args));
    }
    // Reads until a line starts with `prefix` (true), or the process ends.
    bool waitForLine(const QString& prefix)
    {
        while (true) {
            while (process.canReadLine()) {
                const QString line = QString::fromUtf8(process.readLine());
                output += line;
                if (line.startsWith(prefix))
                    return true;
            }
            if (!process.waitForReadyRead(240000))
                return false;
        }
    }
    Run finish()
    {
        Run r;
        if (!process.waitForFinished(300000)) {
            process.kill();
            process.waitForFinished();
        }
        r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.output = output + QString::fromUtf8(process.readAll());
        collectFacts(r);
        return r;
    }
};

// `vela` as a user starts it: no display, no test switch.
Run runBare(const QStringList& args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "VELA_TEST_DRIVER"})
        env.remove(QLatin1String(name));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(VELA_EXE), args);
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

// A conversation worth a screenshot: Markdown with a list, a table and a
// code block, and a reasoning pane (the random test model writes noise).
void seedConversation(const QString& dataDir)
{
    vela::storage::ConversationStore store(dataDir);
    const auto c = store.createConversation(QStringLiteral("Sorting in Python"));
    vela::storage::Message user;
    user.content = QStringLiteral("How do I sort a list of dicts by a key in Python?");
    store.appendMessage(c.id, user);
    vela::storage::Message reply;
    reply.role = vela::storage::Role::Assistant;
    reply.reasoning = QStringLiteral("The user wants sorted() with a key function.");
    reply.thinkingMs = 2400;
    reply.generatedTokens = 142;
    reply.tokensPerSecond = 38.4;
    reply.content = QStringLiteral(
        "Use **`sorted()`** with a `key`:\n\n"
        "```python\npeople = [{\"name\": \"Ana\", \"age\": 31}, {\"name\": \"Luis\", \"age\": 25}]\n"
        "by_age = sorted(people, key=lambda p: p[\"age\"])\n```\n\n"
        "| option | effect |\n|---|---|\n| `reverse=True` | descending |\n| `operator.itemgetter` | faster key |\n\n"
        "1. `sorted()` returns a new list\n2. `list.sort()` sorts in place\n");
    store.appendMessage(c.id, reply);
}

// An empty conversation that decodes greedily: the trained pattern model
// (../shared/fixtures/models/qwen3-pattern-F32.gguf) answers its
// memorized prompts exactly only then. The app opens it at start, so the
// test's messages go there.
void seedGreedyConversation(const QString& dataDir, const QString& title)
{
    vela::storage::ConversationStore store(dataDir);
    vela::storage::ConversationSettings settings;
    settings.sampling.temperature = 0.0;
    store.createConversation(title, settings);
}

double meanLightness(const QImage& image)
{
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 8)
        for (int x = 0; x < image.width(); x += 8, ++n)
            sum += QColor(image.pixel(x, y)).lightnessF();
    return n ? sum / n : 0;
}

} // namespace

class TestVelaEndToEnd : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString model_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        model_ = vela::test::writeThinkingModel(dir_.path());
    }

    void sendThroughTheUi()
    {
        const QString data = dir_.filePath(QStringLiteral("data"));
        const Run r = runVela({QStringLiteral("--model"), model_, QStringLiteral("--data-dir"), data,
                               QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--test-send"),
                               QStringLiteral("Why is the sky blue?"), QStringLiteral("--test-switch-lang"),
                               QStringLiteral("es")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QCOMPARE(r.facts.value(QStringLiteral("status")), QStringList{QStringLiteral("complete")});
        // The reasoning pane, collapsed once the reply is done.
        const QStringList headers = r.facts.value(QStringLiteral("reasoning_header"));
        QCOMPARE(headers.size(), 1);
        QVERIFY2(headers.first().startsWith(QStringLiteral("▸ Thought for ")), qPrintable(headers.first()));
        // Switched at runtime: translated strings appear.
        QCOMPARE(r.facts.value(QStringLiteral("new_chat_label")), QStringList{QStringLiteral("New chat")});
        QCOMPARE(r.facts.value(QStringLiteral("new_chat_label_after_switch")),
                 QStringList{QStringLiteral("Nueva conversación")});
        QCOMPARE(r.facts.value(QStringLiteral("search_placeholder_after_switch")),
                 QStringList{QStringLiteral("Buscar en todas las conversaciones")});

        // The rows in SQLite.
        vela::storage::ConversationStore store(data);
        const auto conversations = store.listConversations();
        QCOMPARE(conversations.size(), std::size_t(1));
        QCOMPARE(conversations.front().title, QStringLiteral("Why is the sky blue?"));
        const auto messages = store.messages(conversations.front().id);
        QCOMPARE(messages.size(), std::size_t(2));
        QCOMPARE(messages[0].role, vela::storage::Role::User);
        QCOMPARE(messages[0].content, QStringLiteral("Why is the sky blue?"));
        QCOMPARE(messages[1].role, vela::storage::Role::Assistant);
        QCOMPARE(messages[1].status, vela::storage::MessageStatus::Complete);
        QVERIFY(!messages[1].reasoning.isEmpty());
        QVERIFY(messages[1].thinkingMs.has_value());
        QVERIFY(messages[1].generatedTokens.value_or(0) > 0);
        QCOMPARE(QString::number(messages[1].id), r.facts.value(QStringLiteral("message")).value(0));
    }

    // A message of more than one prompt chunk (one token per byte in the
    // test vocabulary): the streaming reply shows how much of it has been
    // read, in the UI's language, before the reply.
    void longMessageShowsReadingProgress()
    {
        const QString data = dir_.filePath(QStringLiteral("reading"));
        const QString text = QStringLiteral("Resume esto: ") + QString(190, QLatin1Char('x'));
        const Run r = runVela({QStringLiteral("--model"), model_, QStringLiteral("--data-dir"), data,
                               QStringLiteral("--lang"), QStringLiteral("es"), QStringLiteral("--test-send"), text});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QCOMPARE(r.facts.value(QStringLiteral("status")), QStringList{QStringLiteral("complete")});
        const QStringList shown = r.facts.value(QStringLiteral("prompt_progress"));
        QCOMPARE(shown.size(), 1);
        static const QRegularExpression pattern(QStringLiteral("^Leyendo la conversación: 0 / (\\d+) tokens$"));
        const QRegularExpressionMatch m = pattern.match(shown.first());
        QVERIFY2(m.hasMatch(), qPrintable(shown.first()));
        QVERIFY(m.captured(1).toInt() > 128);
    }

    // A 2 MB message (through a file: it cannot be an argument) typed into
    // the composer and sent: the window never freezes for long (it did for
    // more than half an hour, laying the message out as Markdown), the
    // message is stored byte for byte and shown as a preview with a note,
    // the reply fails saying the message is too long, and the next message
    // is answered.
    void hugeMessageThroughTheUi()
    {
        const QString data = dir_.filePath(QStringLiteral("huge"));
        const QString file = dir_.filePath(QStringLiteral("huge.txt"));
        const QString line = QStringLiteral("Hello, wörld! ¿Qué tal? 日本語のテキスト 🙂 code: x = [i*i for i in range(10)]\n");
        QString text;
        while (text.size() < 2000000)
            text += line;
        const QByteArray bytes = text.toUtf8();
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
        }
        const Run r = runVela({QStringLiteral("--model"), model_, QStringLiteral("--data-dir"), data,
                               QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--test-send-file"), file,
                               QStringLiteral("--test-then-send"), QStringLiteral("Hi")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output.right(2000)));
        QCOMPARE(r.facts.value(QStringLiteral("status")), (QStringList{QStringLiteral("failed"), QStringLiteral("complete")}));
        const QString notice = r.facts.value(QStringLiteral("notice")).value(0);
        QVERIFY2(notice.contains(QStringLiteral("The message is too long for this model")), qPrintable(notice));
        QVERIFY2(notice.contains(QStringLiteral("context length")), qPrintable(notice));
        const QStringList notes = r.facts.value(QStringLiteral("preview_note"));
        QCOMPARE(notes.size(), 1); // the long message; "Hi" and the replies are shown whole
        QVERIFY2(notes.first().startsWith(QStringLiteral("Showing the first 20,000 of ")), qPrintable(notes.first()));
        // Putting 2 MB into the composer's TextArea costs Qt about 1 s of
        // layout, once; nothing else comes near. The bound leaves room for a
        // loaded machine and still catches a freeze (minutes, before).
        const int stall = r.facts.value(QStringLiteral("max_stall_ms")).value(0).toInt();
        qInfo("longest GUI stall: %d ms", stall);
        QVERIFY2(stall < 5000, qPrintable(QString::number(stall)));

        vela::storage::ConversationStore store(data);
        const auto conversations = store.listConversations();
        QCOMPARE(conversations.size(), std::size_t(1));
        QVERIFY(conversations.front().title.size() <= 60);
        const auto messages = store.messages(conversations.front().id);
        QCOMPARE(messages.size(), std::size_t(4));
        QVERIFY(messages[0].content.toUtf8() == bytes); // byte for byte (QCOMPARE would print 2 MB)
        QCOMPARE(messages[1].status, vela::storage::MessageStatus::Failed);
        QVERIFY2(messages[1].error.contains(QStringLiteral("too long")), qPrintable(messages[1].error));
        QCOMPARE(messages[2].content, QStringLiteral("Hi"));
        QCOMPARE(messages[3].status, vela::storage::MessageStatus::Complete);
    }

    // The GPU lost during a reply (lavapipe, VELA_FAULT_INJECTION): the error
    // banner says what happened and offers Reload and the CPU; the user's
    // message and the partial reply (failed) are in SQLite; Reload (the
    // banner's button) loads the model on a new device, the banner goes and
    // the next message is answered.
    void deviceLostShowsTheBannerAndReloads()
    {
#ifndef VELA_FAULT_INJECTION
        QSKIP("built without VELA_FAULT_INJECTION");
#else
        const QString data = dir_.filePath(QStringLiteral("lost"));
        QProcessEnvironment env;
        // The 16th queue submission: a few tokens into the reply (loading submits fewer).
        env.insert(QStringLiteral("VELA_FAULT_INJECTION"), QStringLiteral("lost=16"));
        env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("detect_leaks=0")); // lavapipe's JIT (tests/CMakeLists.txt)
        const Run r = runVela({QStringLiteral("--model"), model_, QStringLiteral("--data-dir"), data,
                               QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--backend"),
                               QStringLiteral("vulkan"), QStringLiteral("--test-send"),
                               QStringLiteral("Why is the sky blue?"), QStringLiteral("--test-reload"),
                               QStringLiteral("--test-then-send"), QStringLiteral("And at sunset?")},
                              {}, env);
        if (r.exitCode == 3 && r.output.contains(QStringLiteral("Vulkan")))
            QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QCOMPARE(r.facts.value(QStringLiteral("status")), (QStringList{QStringLiteral("failed"), QStringLiteral("complete")}));
        const QString banner = r.facts.value(QStringLiteral("model_error")).value(0);
        QVERIFY2(banner.contains(QStringLiteral("The GPU stopped responding. Reload the model to continue")),
                 qPrintable(banner));
        const QStringList buttons = r.facts.value(QStringLiteral("model_error_buttons")).value(0).split(QLatin1Char('|'));
        QVERIFY2(buttons.contains(QStringLiteral("Reload")) && buttons.contains(QStringLiteral("Use the CPU")),
                 qPrintable(buttons.join(QLatin1Char(','))));
        // One banner: the chat's notice does not repeat the failure.
        QCOMPARE(r.facts.value(QStringLiteral("notice")).value(0), QString());
        QCOMPARE(r.facts.value(QStringLiteral("reloaded")), QStringList{QStringLiteral("1")});
        QCOMPARE(r.facts.value(QStringLiteral("model_error_visible")), QStringList{QStringLiteral("false")});

        vela::storage::ConversationStore store(data);
        const auto conversations = store.listConversations();
        QCOMPARE(conversations.size(), std::size_t(1));
        const auto messages = store.messages(conversations.front().id);
        QCOMPARE(messages.size(), std::size_t(4));
        QCOMPARE(messages[0].content, QStringLiteral("Why is the sky blue?"));
        QCOMPARE(messages[1].status, vela::storage::MessageStatus::Failed);
        QVERIFY2(messages[1].error.contains(QStringLiteral("device was lost")), qPrintable(messages[1].error));
        QVERIFY(!(messages[1].content + messages[1].reasoning).isEmpty()); // the partial reply
        QCOMPARE(messages[2].content, QStringLiteral("And at sunset?"));
        QCOMPARE(messages[3].status, vela::storage::MessageStatus::Complete);
#endif
    }

    // Two windows on one folder interrupted each other's replies: a second
    // `vela` while the first streams a reply hands its request to the first
    // and exits at once, without opening the store, and the reply completes.
    void secondLaunchHandsOverToTheFirst()
    {
        const QString data = dir_.filePath(QStringLiteral("owner"));
        RunningVela first;
        first.start({QStringLiteral("--model"), model_, QStringLiteral("--data-dir"), data, QStringLiteral("--lang"),
                     QStringLiteral("en"), QStringLiteral("--test-send"), QStringLiteral("Why is the sky blue?"),
                     QStringLiteral("--test-await-forward")});
        QVERIFY2(first.waitForLine(QStringLiteral("VELA_TEST sent=")), qPrintable(first.output));

        QElapsedTimer clock;
        clock.start();
        // The same model, from another working directory's point of view: a
        // relative path, which the hand-over makes absolute.
        const QString relative = QDir::current().relativeFilePath(model_);
        const Run second = runVela({QStringLiteral("--model"), relative, QStringLiteral("--data-dir"), data});
        const qint64 secondMs = clock.elapsed();
        QVERIFY2(second.exitCode == 0, qPrintable(second.output));
        QVERIFY2(second.output.contains(QStringLiteral("handed over")), qPrintable(second.output));
        QVERIFY(second.facts.isEmpty()); // no window, no driver
        qInfo("second launch: %lld ms", secondMs);
        QVERIFY2(secondMs < 20000, qPrintable(QString::number(secondMs)));

        const Run r = first.finish();
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QCOMPARE(r.facts.value(QStringLiteral("forwarded_model")), QStringList{QFileInfo(model_).absoluteFilePath()});
        QCOMPARE(r.facts.value(QStringLiteral("second_launch_during_reply")), QStringList{QStringLiteral("true")});
        QCOMPARE(r.facts.value(QStringLiteral("status")), QStringList{QStringLiteral("complete")});

        vela::storage::ConversationStore store(data);
        QCOMPARE(store.openReport().recoveredMessages, 0);
        const auto conversations = store.listConversations();
        QCOMPARE(conversations.size(), std::size_t(1));
        const auto messages = store.messages(conversations.front().id);
        QCOMPARE(messages.size(), std::size_t(2));
        QCOMPARE(messages[1].status, vela::storage::MessageStatus::Complete);
        QCOMPARE(QString::number(messages[1].id), r.facts.value(QStringLiteral("message")).value(0));
        QVERIFY(!messages[1].reasoning.isEmpty());
        QVERIFY(messages[1].generatedTokens.value_or(0) > 0);
    }

    // A Vela killed mid-reply leaves its lock behind with a dead process in
    // it: the next start owns the folder all the same, stops the killed
    // reply (keeping what streamed) and answers.
    void killedOwnerDoesNotBlockTheNextStart()
    {
        const QString data = dir_.filePath(QStringLiteral("killed"));
        RunningVela first;
        first.start({QStringLiteral("--model"), model_, QStringLiteral("--data-dir"), data, QStringLiteral("--lang"),
                     QStringLiteral("en"), QStringLiteral("--test-send"), QStringLiteral("Why is the sky blue?"),
                     QStringLiteral("--test-await-forward")});
        QVERIFY2(first.waitForLine(QStringLiteral("VELA_TEST sent=")), qPrintable(first.output));
        first.process.kill();
        QVERIFY(first.process.waitForFinished());
        QVERIFY(QFileInfo::exists(QDir(data).filePath(QStringLiteral("vela.lock"))));

        const Run r = runVela({QStringLiteral("--model"), model_, QStringLiteral("--data-dir"), data,
                               QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--test-send"),
                               QStringLiteral("And at sunset?")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QCOMPARE(r.facts.value(QStringLiteral("status")), QStringList{QStringLiteral("complete")});
        vela::storage::ConversationStore store(data);
        const auto conversations = store.listConversations();
        QCOMPARE(conversations.size(), std::size_t(1));
        const auto messages = store.messages(conversations.front().id);
        QCOMPARE(messages.size(), std::size_t(4));
        QCOMPARE(messages[1].status, vela::storage::MessageStatus::Stopped);
        QCOMPARE(messages[3].status, vela::storage::MessageStatus::Complete);
    }

    // Help and version need no display and list no test hooks; a hook
    // without VELA_TEST_DRIVER=1 is refused before anything opens.
    void helpWithoutADisplay()
    {
        const Run help = runBare({QStringLiteral("--help")});
        QVERIFY2(help.exitCode == 0, qPrintable(help.output));
        for (const char* option : {"--model", "--data-dir", "--lang", "--theme", "--backend", "--version"})
            QVERIFY2(help.output.contains(QLatin1String(option)), option);
        QVERIFY2(!help.output.contains(QStringLiteral("--test-")), qPrintable(help.output));

        const Run version = runBare({QStringLiteral("--version")});
        QVERIFY2(version.exitCode == 0, qPrintable(version.output));
        QVERIFY2(version.output.startsWith(QStringLiteral("Vela ")), qPrintable(version.output));
    }

    void testHookNeedsTheSwitch()
    {
        const QString data = dir_.filePath(QStringLiteral("refused"));
        const Run r = runBare({QStringLiteral("--data-dir"), data, QStringLiteral("--test-send"), QStringLiteral("hi")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.output.contains(QStringLiteral("--test-send is a test hook")), qPrintable(r.output));
        QVERIFY2(r.output.contains(QStringLiteral("VELA_TEST_DRIVER=1")), qPrintable(r.output));
        QVERIFY(!QFileInfo::exists(data)); // refused before the folder is touched
    }

    void startsInSpanish()
    {
        const Run r = runVela({QStringLiteral("--data-dir"), dir_.filePath(QStringLiteral("es")),
                               QStringLiteral("--lang"), QStringLiteral("es"), QStringLiteral("--screenshot"),
                               dir_.filePath(QStringLiteral("es.png"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QCOMPARE(r.facts.value(QStringLiteral("new_chat_label")), QStringList{QStringLiteral("Nueva conversación")});
    }

    void screenshots()
    {
        const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
        if (xvfb.isEmpty())
            QSKIP("xvfb-run is not installed (scripts/install-deps.sh --test installs it)");
        const QString artifacts = QStringLiteral(VELA_BINARY_DIR "/test-artifacts");
        QVERIFY(QDir().mkpath(artifacts));
        double lightness[2] = {};
        int i = 0;
        for (const QString& theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
            const QString data = dir_.filePath(QStringLiteral("shots-") + theme);
            seedConversation(data);
            const QString png = artifacts + QStringLiteral("/vela-%1.png").arg(theme);
            QFile::remove(png);
            const Run r = runVela({QStringLiteral("--model"), model_, QStringLiteral("--data-dir"),
                                   data, QStringLiteral("--lang"),
                                   QStringLiteral("en"), QStringLiteral("--theme"), theme,
                                   QStringLiteral("--test-send"),
                                   QStringLiteral("And in one sentence?"),
                                   QStringLiteral("--screenshot"), png},
                                  xvfb);
            QVERIFY2(r.exitCode == 0, qPrintable(r.output));
            const QImage image(png);
            QVERIFY2(!image.isNull(), qPrintable(png));
            QVERIFY(image.width() >= 720 && image.height() >= 480);
            lightness[i++] = meanLightness(image);
            qInfo("screenshot: %s", qPrintable(png));
        }
        QVERIFY2(lightness[0] > 0.6 && lightness[1] < 0.4,
                 qPrintable(QStringLiteral("light %1, dark %2").arg(lightness[0]).arg(lightness[1])));
    }

    // The main views as users see them, with the trained pattern model (a
    // real reasoning pane, code and a table), into build/test-artifacts/:
    // first run, the chat, settings, models and conversation settings;
    // light and dark, English and Spanish, 1280×800 and the compact 640×480.
    // Each one is checked for its size and theme; people look at them.
    void screenshotsOfTheMainViews()
    {
        VELA_REQUIRE_SHARED();
        const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
        if (xvfb.isEmpty())
            QSKIP("xvfb-run is not installed (scripts/install-deps.sh --test installs it)");
        const QString pattern = QString::fromStdString(vela::test::fixtureModel("qwen3-pattern-F32.gguf").string());
        const QString artifacts = QStringLiteral(VELA_BINARY_DIR "/test-artifacts");
        QVERIFY(QDir().mkpath(artifacts));
        struct Shot {
            const char* name;
            const char* theme;
            const char* lang;
            QSize size;
            const char* open; // a popup's objectName, or ""
            bool chat;        // the model answers a memorized prompt first
            bool table;       // that prompt: the table (else the Python function)
        };
        const Shot shots[] = {
            {"first-run-light-en", "light", "en", {1280, 800}, "", false, false},
            {"chat-light-en", "light", "en", {1280, 800}, "", true, false},
            {"chat-dark-es", "dark", "es", {1280, 800}, "", true, true},
            {"chat-dark-en", "dark", "en", {1280, 800}, "", true, true},
            {"settings-light-en", "light", "en", {1280, 800}, "settingsPage", true, false},
            {"models-dark-en", "dark", "en", {1280, 800}, "modelsPage", true, false},
            {"conversation-settings-light-es", "light", "es", {1280, 800}, "conversationDrawer", true, false},
            {"shortcuts-dark-en", "dark", "en", {1280, 800}, "shortcutsSheet", true, false},
            {"chat-light-en-640", "light", "en", {640, 480}, "", true, false},
            {"chat-dark-es-640", "dark", "es", {640, 480}, "", true, true},
            {"settings-dark-es-640", "dark", "es", {640, 480}, "settingsPage", true, false},
        };
        for (const Shot& shot : shots) {
            const QString name = QString::fromLatin1(shot.name);
            const QString data = dir_.filePath(QStringLiteral("views-") + name);
            const bool es = QLatin1String(shot.lang) == QLatin1String("es");
            QStringList args{QStringLiteral("--data-dir"), data, QStringLiteral("--lang"), QString::fromLatin1(shot.lang),
                             QStringLiteral("--theme"), QString::fromLatin1(shot.theme), QStringLiteral("--test-window-size"),
                             QStringLiteral("%1x%2").arg(shot.size.width()).arg(shot.size.height())};
            if (shot.chat) {
                seedGreedyConversation(data, shot.table ? (es ? QStringLiteral("Té o café") : QStringLiteral("Tea or coffee"))
                                                        : (es ? QStringLiteral("Sumar en Python") : QStringLiteral("Adding in Python")));
                // One memorized prompt (pattern/conversations.jsonl): a second
                // turn is not among them and gets noise.
                const QString prompt = shot.table ? (es ? QStringLiteral("Compara el té y el café en una tabla.")
                                                        : QStringLiteral("Compare tea and coffee in a table."))
                                                  : (es ? QStringLiteral("Escribe una función en Python que sume dos números.")
                                                        : QStringLiteral("Write a Python function that adds two numbers."));
                args << QStringLiteral("--model") << pattern << QStringLiteral("--test-send") << prompt;
            }
            if (*shot.open)
                args << QStringLiteral("--test-open") << QString::fromLatin1(shot.open);
            const QString png = artifacts + QStringLiteral("/view-%1.png").arg(name);
            QFile::remove(png);
            args << QStringLiteral("--screenshot") << png;
            const Run r = runVela(args, xvfb);
            QVERIFY2(r.exitCode == 0, qPrintable(name + QStringLiteral(": ") + r.output));
            QVERIFY2(!r.facts.contains(QStringLiteral("error")), qPrintable(name + QStringLiteral(": ") + r.output));
            const QImage image(png);
            QVERIFY2(!image.isNull(), qPrintable(png));
            QCOMPARE(image.size(), shot.size);
            const double lightness = meanLightness(image);
            const bool dark = QLatin1String(shot.theme) == QLatin1String("dark");
            QVERIFY2(dark ? lightness < 0.45 : lightness > 0.55, qPrintable(name + QStringLiteral(": %1").arg(lightness)));
            if (shot.chat)
                QCOMPARE(r.facts.value(QStringLiteral("status")), QStringList{QStringLiteral("complete")});
            qInfo("screenshot: %s", qPrintable(png));
        }
    }
};

QTEST_GUILESS_MAIN(TestVelaEndToEnd)
#include "tst_vela_e2e.moc"
