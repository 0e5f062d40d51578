// Running one library::Download to its end from vela-cli, with the progress
// line on a terminal: shared by catalog downloads and Hub downloads, so both
// show the same progress and resume the same way.
#pragma once

#include <QCoreApplication>

#include <memory>

namespace vela::library {
class Download;
}

namespace vela::cli {

// QNetworkAccessManager needs an event loop, hence an application object:
// a QCoreApplication unless one exists (then null). Keep it while Qt
// network objects live; it must go before exit (Qt's statics do).
[[nodiscard]] std::unique_ptr<QCoreApplication> ensureQtApplication();

// Starts `download` and returns once it is done; RuntimeFailure with its
// error when it fails. `showProgress`: a progress line on stderr when it is
// a terminal.
void runDownloadToEnd(library::Download& download, bool showProgress);

} // namespace vela::cli
