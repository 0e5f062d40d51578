#include "download_run.h"

#include "library_commands.h"

#include "common/error.h"
#include "library/download.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>

namespace vela::cli {

namespace {

std::string progressLine(qint64 received, qint64 total, double speed, double left)
{
    char buf[160];
    const double pct = total > 0 ? 100.0 * double(received) / double(total) : 0.0;
    const long secs = left >= 0 ? long(left) : -1;
    std::snprintf(buf, sizeof buf, "\r%5.1f%%  %s of %s  %s/s  %s   ", pct, mebibytes(received).c_str(),
                  total >= 0 ? mebibytes(total).c_str() : "?", mebibytes(qint64(speed)).c_str(),
                  secs >= 0 ? (std::to_string(secs / 60) + ":" + (secs % 60 < 10 ? "0" : "") +
                               std::to_string(secs % 60) + " left").c_str()
                            : "");
    return buf;
}

} // namespace

std::unique_ptr<QCoreApplication> ensureQtApplication()
{
    static int qtArgc = 1;
    static char qtName[] = "vela-cli";
    static char* qtArgv[] = {qtName, nullptr};
    if (QCoreApplication::instance())
        return nullptr;
    return std::make_unique<QCoreApplication>(qtArgc, qtArgv);
}

void runDownloadToEnd(library::Download& download, bool showProgress)
{
    const bool tty = showProgress && ::isatty(STDERR_FILENO) != 0;
    QEventLoop loop;
    QObject::connect(&download, &library::Download::progress, &loop, [&](qint64 r, qint64 t, double s, double l) {
        if (tty)
            std::cerr << progressLine(r, t, s, l) << std::flush;
    });
    QObject::connect(&download, &library::Download::finished, &loop, &QEventLoop::quit);
    QObject::connect(&download, &library::Download::failed, &loop, &QEventLoop::quit);
    download.start();
    if (download.state() == library::Download::State::Running)
        loop.exec();
    if (tty)
        std::cerr << "\n";
    if (download.state() != library::Download::State::Done)
        throw RuntimeFailure(download.errorString().toStdString());
}

} // namespace vela::cli
