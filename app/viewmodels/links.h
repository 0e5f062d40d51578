// Links: opening a link that a message shows. A reply is untrusted text: a
// file:, smb: or javascript: link handed to the desktop's opener could reveal
// or launch something on this computer with one click (xdg-open runs a
// .desktop file it is given). Only web and mail links leave the app; others
// are refused, and the reader can still select and copy them.
#pragma once

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace vela::app {

class Links : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    explicit Links(QObject* parent = nullptr) : QObject(parent) {}

    // http, https or mailto, with something after the scheme.
    static bool isOpenable(const QUrl& url);
    // isOpenable for QML (the link dialog is offered only then).
    Q_INVOKABLE bool canOpen(const QString& link) const { return isOpenable(QUrl(link, QUrl::StrictMode)); }
    // Opens an openable link with the desktop's handler; false (nothing
    // opened) for any other.
    Q_INVOKABLE bool open(const QString& link);
};

} // namespace vela::app
