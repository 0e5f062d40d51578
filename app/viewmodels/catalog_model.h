// CatalogModel: the recommended models (library::Catalog, the bundled
// catalog) with their downloads, for the Models page (App.catalog).
//
// Roles:
//   name          QString  "Qwen3 0.6B (Q8_0)" (also Qt::DisplayRole)
//   fileName      QString  the file it becomes in the library
//   goodFor       QString  what it is good for, in the UI language
//   sizeText      QString  localized size ("610 MB"; approximate when not exact)
//   license       QString  "Apache-2.0"
//   kind          QString  translated "Chat" / "Base model" / "Embeddings"
//   repo          QString  the Hub repository, "Qwen/Qwen3-0.6B-GGUF"
//   revision      QString  the pinned commit's first 7 hex digits, or the one an
//                          unpinned entry was resolved to; "" before that
//   pinned        bool     commit, size and SHA-256 known (CatalogEntry::pinned)
//   downloadable  bool     a download is offered: every entry (an unpinned one is
//                          resolved from the Hub first: CatalogResolution)
//   installed     bool     a model of that file name is in the library
//   downloadState QString  "idle" | "running" | "paused" | "failed" | "done"
//   progress      double   0…1, -1 when the size is unknown
//   speedText     QString  "3.2 MB/s", "" when idle
//   timeLeftText  QString  "2 min left", "" when unknown
//   error         QString  why the download failed
//   statusText    QString  "Paused — 42 % downloaded", "" unless paused
//   (the last six are DownloadProgress's, as HubBrowserModel shows them too)
//
// A download left unfinished by an earlier run (library::DownloadState::
// pending) shows as paused with the part's progress; download() resumes it.
// A pinned entry downloads from hubFileUrl(hubEndpoint(), repo, revision,
// file) (HF_ENDPOINT honoured); an unpinned one is first resolved from the
// Hub's metadata (state "resolving"), which must agree with what the catalog
// pins. An HF_ENDPOINT that is not trusted fails at once, translated.
#pragma once

#include "download_progress.h"

#include "library/catalog.h"
#include "library/catalog_resolution.h"

#include <QAbstractListModel>
#include <QMap>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace vela::library {
class ModelLibrary;
}

namespace vela::app {

class CatalogModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(int count READ rowCount CONSTANT)
public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        FileNameRole,
        GoodForRole,
        SizeTextRole,
        LicenseRole,
        KindRole,
        RepoRole,
        RevisionRole,
        PinnedRole,
        DownloadableRole,
        InstalledRole,
        StateRole, // DownloadProgress's fields from here, consecutive, in its Field order
        ProgressRole,
        SpeedTextRole,
        TimeLeftTextRole,
        ErrorRole,
        StatusTextRole,
    };
    Q_ENUM(Roles)

    // An unreadable catalog leaves the list empty (the reason is logged).
    CatalogModel(library::ModelLibrary& library, library::Catalog catalog, QObject* parent = nullptr);
    ~CatalogModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setLanguage(const QString& language);

public slots:
    void download(int row); // starts, or resumes a paused or failed download
    void pause(int row);
    void cancel(int row);
    void refreshLocalized();

signals:
    void downloaded(const QString& modelPath);

private:
    DownloadProgress* progressOf(int row); // created on first use
    void changedRow(int row);
    void refuse(int row, const QString& message); // a download that cannot start
    void restorePending(); // rows of unfinished downloads left in the library

    library::ModelLibrary& library_;
    library::Catalog catalog_;
    QString language_ = QStringLiteral("en");
    QMap<int, DownloadProgress*> live_; // children of this
    QMap<int, QPointer<library::CatalogResolution>> resolving_; // unpinned rows being looked up
    QMap<int, QString> resolvedCommit_;                         // what they were resolved to
};

} // namespace vela::app
