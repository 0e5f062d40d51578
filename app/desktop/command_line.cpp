#include "command_line.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QUrl>

namespace vela::app {

namespace {

QCommandLineOption option(const char* name, const char* description, const char* value = nullptr)
{
    return value ? QCommandLineOption(QLatin1String(name), QLatin1String(description), QLatin1String(value))
                 : QCommandLineOption(QLatin1String(name), QLatin1String(description));
}

} // namespace

QByteArray LaunchRequest::toJson() const
{
    QJsonObject o;
    if (!model.isEmpty())
        o.insert(QStringLiteral("model"), model);
    if (!lang.isEmpty())
        o.insert(QStringLiteral("lang"), lang);
    if (!theme.isEmpty())
        o.insert(QStringLiteral("theme"), theme);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<LaunchRequest> LaunchRequest::fromJson(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    LaunchRequest r;
    r.model = o.value(QStringLiteral("model")).toString();
    r.lang = o.value(QStringLiteral("lang")).toString();
    r.theme = o.value(QStringLiteral("theme")).toString();
    return r;
}

CommandLine::CommandLine()
    : testHooksEnabled_(qEnvironmentVariable(kTestSwitch) == QLatin1String("1")),
      help_(parser_.addHelpOption()), version_(parser_.addVersionOption()),
      model_(option("model", "Load this GGUF model.", "path")),
      dataDir_(option("data-dir", "Keep conversations and settings here.", "dir")),
      lang_(option("lang", "UI language: system, en or es.", "lang")),
      theme_(option("theme", "Theme: system, light or dark.", "theme")),
      backend_(option("backend", "auto, cpu or vulkan (this run only).", "backend")),
      screenshot_(option("screenshot", "Save the window as PNG when ready, then quit.", "png")),
      testSend_(option("test-send", "Test hook: send this message once the model is loaded.", "text")),
      testSendFile_(option("test-send-file", "Test hook: send the text of this UTF-8 file.", "path")),
      testThenSend_(option("test-then-send", "Test hook: send this message after the first reply.", "text")),
      testReload_(option("test-reload", "Test hook: reload with the error banner's button when the reply fails.")),
      testLang_(option("test-switch-lang", "Test hook: switch the UI language after the reply.", "lang")),
      testReadingShot_(option("test-screenshot-reading",
                              "Test hook: save the window as PNG while a long prompt is read.", "png")),
      testOpen_(option("test-open", "Test hook: open this popup before the screenshot.", "name")),
      testTimeout_(option("test-timeout", "Test hook: give up after this many seconds.", "s")),
      testWindowSize_(option("test-window-size", "Test hook: the window's size at start, WIDTHxHEIGHT.", "size")),
      testAwaitForward_(option("test-await-forward",
                               "Test hook: before quitting, wait for a second launch to hand over its request."))
{
    parser_.setApplicationDescription(QStringLiteral("Private, offline chat with local models"));
    parser_.addOptions({model_, dataDir_, lang_, theme_, backend_, screenshot_});
    testHooks_ = {&testSend_, &testSendFile_, &testThenSend_, &testReload_, &testLang_,
                  &testReadingShot_, &testOpen_, &testTimeout_, &testWindowSize_, &testAwaitForward_};
    // Known to the parser either way, so that using one without the switch
    // is refused by name rather than as an unknown option; listed in --help
    // only with the switch.
    for (const QCommandLineOption* hook : testHooks_) {
        QCommandLineOption o = *hook;
        if (!testHooksEnabled_)
            o.setFlags(QCommandLineOption::HiddenFromHelp);
        parser_.addOption(o);
    }
}

bool CommandLine::parse(const QStringList& arguments) { return parser_.parse(arguments); }

void CommandLine::process(const QCoreApplication& app) { parser_.process(app); }

bool CommandLine::wantsHelpOrVersion() const { return parser_.isSet(help_) || parser_.isSet(version_); }

QString CommandLine::refusal() const
{
    if (testHooksEnabled_)
        return {};
    for (const QCommandLineOption* hook : testHooks_) {
        if (parser_.isSet(*hook))
            return QStringLiteral("--%1 is a test hook; it works only with %2=1 in the environment")
                .arg(hook->names().constFirst(), QLatin1String(kTestSwitch));
    }
    return {};
}

QString CommandLine::dataDir() const
{
    return hasDataDir() ? QDir(parser_.value(dataDir_)).absolutePath()
                        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool CommandLine::hasDataDir() const { return parser_.isSet(dataDir_); }
QString CommandLine::model() const { return parser_.value(model_); }
QString CommandLine::lang() const { return parser_.value(lang_); }
QString CommandLine::theme() const { return parser_.value(theme_); }
QString CommandLine::backend() const { return parser_.value(backend_); }

LaunchRequest CommandLine::request() const
{
    LaunchRequest r;
    if (parser_.isSet(model_)) {
        // ModelStatus::loadModel takes a path or a file: URL too.
        const QUrl url(model());
        r.model = QFileInfo(url.isLocalFile() ? url.toLocalFile() : model()).absoluteFilePath();
    }
    r.lang = lang();
    r.theme = theme();
    return r;
}

TestOptions CommandLine::testOptions() const
{
    TestOptions test;
    test.sendText = parser_.value(testSend_);
    test.sendFile = parser_.value(testSendFile_);
    test.thenSend = parser_.value(testThenSend_);
    test.reload = parser_.isSet(testReload_);
    test.switchLanguage = parser_.value(testLang_);
    test.screenshot = parser_.value(screenshot_);
    test.open = parser_.value(testOpen_);
    test.readingScreenshot = parser_.value(testReadingShot_);
    test.awaitForward = parser_.isSet(testAwaitForward_);
    if (const QStringList wh = parser_.value(testWindowSize_).split(u'x'); wh.size() == 2)
        test.windowSize = QSize(wh[0].toInt(), wh[1].toInt());
    if (parser_.isSet(testTimeout_))
        test.timeoutSeconds = parser_.value(testTimeout_).toInt();
    return test;
}

} // namespace vela::app
