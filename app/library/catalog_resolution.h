// CatalogResolution: the download of a catalog entry the catalog does not
// pin completely (catalog.h: no revision, size or SHA-256), completed from
// the Hub's metadata with HubClient: the commit of the pinned revision (or
// of main), then that commit's tree for the file's size and lfs.oid. What
// the catalog does pin must agree with the Hub — a pinned SHA-256 or size
// that differs is refused, never overridden — and the request names the
// commit it resolved, which the library records and the Models page shows.
// A pinned entry needs no lookup: resolved() follows start() with
// CatalogEntry::downloadRequest.
#pragma once

#include "catalog.h"
#include "download_state.h"
#include "hub_client.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace vela::library {

class CatalogResolution : public QObject {
    Q_OBJECT
public:
    // `endpoint`: hubEndpoint().
    CatalogResolution(CatalogEntry entry, QUrl endpoint, QObject* parent = nullptr);

    void setNetworkAccessManager(QNetworkAccessManager* nam) { client_.setNetworkAccessManager(nam); }
    // Reports resolved() or failed() later (never inside this call), once.
    void start();
    void abort() { client_.abort(); }

Q_SIGNALS:
    void resolved(const vela::library::DownloadRequest& request);
    // In the UI language.
    void failed(const QString& message);

private:
    void onListed(const HubRepoFiles& files);

    CatalogEntry entry_;
    QUrl endpoint_;
    HubClient client_;
};

} // namespace vela::library
