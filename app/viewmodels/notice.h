// Notice: the outcome of the last action for the user to read ("Exported to
// …", "Could not import the model: …"), with its severity, until it is
// dismissed or replaced. The one definition of a notice: ChatController
// (storage failures, export/import, backups, recovery at start) and
// ModelLibraryModel (delete, import) each own one, and the UI shows each
// with a Banner bound to it (text, isError, dismiss()).
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace vela::app {

class Notice : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by a view model")
    Q_PROPERTY(QString text READ text NOTIFY changed)
    Q_PROPERTY(bool isError READ isError NOTIFY changed)
    // Something to show: the text is not empty.
    Q_PROPERTY(bool shown READ shown NOTIFY changed)
public:
    explicit Notice(QObject* parent = nullptr) : QObject(parent) {}

    QString text() const { return text_; }
    bool isError() const { return isError_; }
    bool shown() const { return !text_.isEmpty(); }

    // Replaces what is shown; an empty text hides the notice.
    void show(const QString& text, bool isError);
    void clear() { show({}, false); }

public slots:
    // The user closed it: hidden, and dismissed() lets the owner drop what
    // went with it (the chat's "Restore latest backup" offer).
    void dismiss();

signals:
    void changed();
    void dismissed();

private:
    QString text_;
    bool isError_ = false;
};

} // namespace vela::app
