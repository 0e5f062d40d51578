#include "clipboard.h"

#include "markdown/plain_text.h"

#include <QClipboard>
#include <QGuiApplication>

namespace vela::app {

Clipboard::Clipboard(QObject* parent) : QObject(parent)
{
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, &Clipboard::textChanged);
}

QString Clipboard::text() const
{
    return QGuiApplication::clipboard()->text();
}

void Clipboard::copy(const QString& text)
{
    QGuiApplication::clipboard()->setText(text);
}

void Clipboard::copyMarkdownAsText(const QString& markdown)
{
    copy(markdown::toPlainText(markdown));
}

} // namespace vela::app
