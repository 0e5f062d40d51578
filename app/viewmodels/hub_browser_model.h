// HubBrowserModel: any GGUF model of a Hugging Face Hub repo, for the Models
// page's "From Hugging Face" tab (App.hub). lookUp() takes what the user
// pasted (a link or OWNER/REPO, library/hub_link.h), asks the Hub which
// commit the revision is and which files it holds (library::HubClient), and
// lists its GGUF models (library::ggufModels: a split set is one row).
// Then, one at a time and in row order (the pasted file first), each
// downloadable row's GGUF header is fetched with Range requests
// (library::HeaderProbe, a few MB at most) to estimate whether it fits the
// chosen device, as the library does for its models (FitText).
//
// Properties:
//   busy    bool     a lookup is in flight
//   error   QString  why the last lookup failed, translated; "" when none
//   repo    QString  "Qwen/Qwen3-0.6B-GGUF" of the listing, "" before one
//   commit  QString  the listed commit's first 7 hex digits, "23749fe"
//   count   int      rows
//
// Roles:
//   name          QString  "Qwen3-0.6B-Q8_0" (also Qt::DisplayRole); a split
//                          set without its "-0000k-of-0000N"
//   fileName      QString  the (first) file's path in the repo
//   sizeText      QString  localized size of all its parts, "610 MB"
//   quantization  QString  "Q8_0" from the file name, "" when it names none
//   parts         int      1, or the files of a split set
//   downloadable  bool     Vela can download and load it (refusal empty)
//   refusal       QString  why not (HubGgufModel::downloadRefusal): a split
//                          set, no SHA-256 in the tree
//   fitText       QString  "Fits" / "Fits with shorter context (N)" /
//                          "Too large" for the chosen device, "Checking…"
//                          while its header is not read yet, the probe's
//                          error when that failed, "" for a refused row or
//                          before setBudget()
//   fitVerdict    QString  library::verdictName ("fits", "shorter_context",
//                          "too_large"), "" while unknown
//   named         bool     the file the pasted link pointed at
//   installed     bool     a model of that file name is in the library
//   downloadState, progress, speedText, timeLeftText, error, statusText:
//                          the download, as DownloadProgress documents
//                          (the same as App.catalog's rows); idle again
//                          once it is in the library (installed then)
//
// A new lookUp() aborts the lookup and the probe in flight. Downloads go
// on across lookups (kept by repo, commit and file) and show again when the
// same commit is listed; downloaded() says when one is in the library, with
// its repo and commit recorded (library::hubDownloadRequest).
#pragma once

#include "download_progress.h"

#include "library/header_probe.h"
#include "library/hub_client.h"
#include "library/hub_listing.h"
#include "library/memory_budgets.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <optional>

class QNetworkAccessManager;

namespace vela::library {
class ModelLibrary;
}

namespace vela::app {

class HubBrowserModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(QString repo READ repo NOTIFY listingChanged)
    Q_PROPERTY(QString commit READ commit NOTIFY listingChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY listingChanged)
public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        FileNameRole,
        SizeTextRole,
        QuantizationRole,
        PartsRole,
        DownloadableRole,
        RefusalRole,
        FitTextRole,
        FitVerdictRole,
        NamedRole,
        InstalledRole,
        StateRole, // DownloadProgress's fields from here, consecutive, in its Field order
        ProgressRole,
        SpeedTextRole,
        TimeLeftTextRole,
        ErrorRole,
        StatusTextRole,
    };
    Q_ENUM(Roles)

    explicit HubBrowserModel(library::ModelLibrary& library, QObject* parent = nullptr);
    ~HubBrowserModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool busy() const { return client_.busy(); }
    QString error() const { return error_; }
    QString repo() const { return listing_.repo; }
    QString commit() const;

    // The device the fit is computed for (AppContext: the library's).
    void setBudget(const library::MemoryBudget& budget);

public slots:
    void lookUp(const QString& text);
    void download(int row); // starts, or resumes a paused or failed download
    void pause(int row);
    void cancel(int row);
    void refreshLocalized();

signals:
    void busyChanged();
    void errorChanged();
    void listingChanged();
    void downloaded(const QString& modelPath);

private:
    struct Row {
        library::HubGgufModel model;
        bool named = false;
        enum class Probe { Waiting, Known, Failed } probe = Probe::Waiting;
        library::HeaderFacts facts;
        QString probeError;
    };
    void onListed(const library::HubRepoFiles& files);
    void setError(const QString& message);
    void probeNext();
    void stopProbe();
    QString keyOf(int row) const; // repo@commit/path: a download's key
    DownloadProgress* progressOf(int row) const;
    void changedRow(int row);
    void changedKey(const QString& key);

    library::ModelLibrary& library_;
    QNetworkAccessManager* nam_;
    library::HubClient client_;
    QUrl endpoint_; // of the current listing
    QString namedPath_;
    library::HubRepoFiles listing_;
    QList<Row> rows_;
    QPointer<library::HeaderProbe> probe_;
    int probeRow_ = -1;
    std::optional<library::MemoryBudget> budget_;
    QHash<QString, DownloadProgress*> downloads_; // children of this
    QString error_;
};

} // namespace vela::app
