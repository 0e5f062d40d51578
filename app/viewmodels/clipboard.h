// Clipboard: copying from QML (messages, code blocks). A singleton with no
// dependencies, so the delegates that use it can be tested on their own.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace vela::app {

class Clipboard : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    // What the clipboard holds now (tests read it after a Copy click).
    Q_PROPERTY(QString text READ text NOTIFY textChanged)
public:
    explicit Clipboard(QObject* parent = nullptr);

    QString text() const;
    Q_INVOKABLE void copy(const QString& text);
    // A message's Markdown as the plain text a reader sees (markdown/plain_text.h).
    Q_INVOKABLE void copyMarkdownAsText(const QString& markdown);

signals:
    void textChanged();
};

} // namespace vela::app
