// DownloadProgress: one list row's download (library::Download) and what the
// row shows of it, shared by CatalogModel (App.catalog) and HubBrowserModel
// (App.hub) so that both lists show a download the same way. The values, by
// Field (each list maps them to its roles of the same names):
//
//   State         QString  "idle" | "resolving" | "running" | "paused" | "failed" | "done"
//                          (resolving: the Hub is asked which file to fetch first)
//   Progress      double   0…1, -1 when the size is unknown
//   SpeedText     QString  "3.2 MB/s", "" unless running
//   TimeLeftText  QString  "2 min left", "" unless running with a known rate
//   Error         QString  why the download failed (or was refused)
//   StatusText    QString  "Paused — 42 % downloaded", "Looking it up on the Hugging
//                          Face Hub…" while resolving, else ""
//
// idleValue() is what a row without a download shows. Destroying a
// DownloadProgress pauses a running download: its part is kept and resumes
// next time (Download picks up the state file of the same request).
#pragma once

#include "library/download.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QVariant>

#include <optional>

namespace vela::library {
class ModelLibrary;
}

namespace vela::app {

class DownloadProgress : public QObject {
    Q_OBJECT
public:
    enum class Field { State, Progress, SpeedText, TimeLeftText, Error, StatusText };

    explicit DownloadProgress(QObject* parent = nullptr);
    ~DownloadProgress() override;

    QVariant value(Field field) const;
    static QVariant idleValue(Field field);

    // A list shows the fields as six consecutive roles from `firstRole`, in
    // Field order, named "downloadState", "progress", "speedText",
    // "timeLeftText", "error" and "statusText" (the names QML binds to).
    static constexpr int kFieldCount = 6;
    static void addRoleNames(QHash<int, QByteArray>& names, int firstRole);
    // The value of `role` for a row whose download is `progress` (null:
    // none yet); nothing when `role` is not one of the six.
    static std::optional<QVariant> roleValue(const DownloadProgress* progress, int role, int firstRole);

    // A part left by an earlier run: shown paused at `received` of `total`
    // (-1 unknown) until start() resumes it.
    void restorePaused(qint64 received, qint64 total);
    // Starts, or resumes a paused or failed download; the first call creates
    // the Download of `request` in `library` (which must outlive this).
    // `total`: the size to show until the server tells it (-1 unknown).
    void start(library::ModelLibrary& library, const library::DownloadRequest& request, qint64 total);
    void pause();
    // Cancels the download (its part is deleted) and shows idle again.
    void cancel();
    // A download that cannot start: shown failed with `message`.
    void refuse(const QString& message);
    // What to download is being asked of the Hub (CatalogResolution); start()
    // or refuse() follows.
    void resolving();

    bool hasDownload() const { return download_ != nullptr; }
    bool running() const;
    QString state() const { return live_.state; }

signals:
    void changed();
    void finished(const QString& modelPath); // verified and in the library

private:
    struct Live {
        qint64 received = 0;
        qint64 total = -1;
        double speed = 0;
        double secondsLeft = -1;
        QString state = QStringLiteral("idle");
        QString error;
    };
    static QVariant valueOf(const Live& l, Field field);
    void onStateChanged(library::Download::State s);

    QPointer<library::Download> download_;
    Live live_;
};

} // namespace vela::app
