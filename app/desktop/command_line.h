// The vela command line:
//
//   vela [--model PATH] [--data-dir DIR] [--lang system|en|es] [--theme system|light|dark]
//        [--backend auto|cpu|vulkan] [--screenshot PNG]
//
// --data-dir keeps the database and settings.ini somewhere else than the
// user's app-data folder (tests); --lang/--theme change the saved setting;
// --backend applies to this run only.
//
// The test hooks (--test-*, test_driver.h) exist only with VELA_TEST_DRIVER=1
// in the environment: without it `vela --help` does not list them and using
// one is an error, so the shipped app cannot be driven by accident.
//
// Parsing needs no application object (QCommandLineParser::parse() reads
// only the strings; app name and version are static), so --help, --version
// and a refused option work without a display.
#pragma once

#include "test_driver.h"

#include <QByteArray>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QCoreApplication;
QT_END_NAMESPACE

namespace vela::app {

// What a second `vela` on a data folder asks of the one that owns it
// (data_folder_owner.h): the options that make sense for a running window.
// Empty fields were not given. On the wire: one line of compact JSON,
// {"model": ABSOLUTE_PATH, "lang": L, "theme": T}, absent keys not given.
struct LaunchRequest {
    QString model; // absolute: the owner runs in another working directory
    QString lang;
    QString theme;

    QByteArray toJson() const;
    // nullopt when `json` is not such an object.
    static std::optional<LaunchRequest> fromJson(const QByteArray& json);
};

class CommandLine {
public:
    // The environment switch that enables the test hooks.
    static constexpr const char* kTestSwitch = "VELA_TEST_DRIVER";

    CommandLine();

    // Without an application object. False when the arguments do not parse
    // as ours: they may hold options only QGuiApplication knows (-platform,
    // -style, ...), which its constructor takes out of argv; then call
    // process() once it exists, which reports real errors.
    bool parse(const QStringList& arguments);
    // QCommandLineParser::process(): prints help, version or the error and
    // exits when asked to.
    void process(const QCoreApplication& app);
    bool wantsHelpOrVersion() const;

    // Empty, or why the run is refused: a test hook without the switch.
    QString refusal() const;

    // The data folder (absolute): --data-dir, else the app-data location.
    QString dataDir() const;
    bool hasDataDir() const;
    QString model() const; // as given; empty when not
    QString lang() const;
    QString theme() const;
    QString backend() const;
    LaunchRequest request() const;
    TestOptions testOptions() const;

private:
    bool testHooksEnabled_;
    QCommandLineParser parser_;
    QCommandLineOption help_, version_;
    QCommandLineOption model_, dataDir_, lang_, theme_, backend_, screenshot_;
    QCommandLineOption testSend_, testSendFile_, testThenSend_, testReload_, testLang_, testReadingShot_,
        testOpen_, testTimeout_, testWindowSize_, testAwaitForward_;
    std::vector<const QCommandLineOption*> testHooks_;
};

} // namespace vela::app
