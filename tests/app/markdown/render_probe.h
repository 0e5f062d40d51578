// Probes for what the chat view makes of a prose block, shared by the
// Markdown tests: whether message text took effect as HTML, and what text the
// reader sees.
#pragma once

#include "markdown/render.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QTextBlock>
#include <QTextDocument>

namespace probe {

// True when raw HTML from the message took effect (the probes in the tests
// use <sub>, which Markdown cannot produce, and links to "probe:" URLs, which
// the tests' Markdown never writes) or an image would be loaded.
inline bool showsHtmlOrImages(const QTextDocument& doc)
{
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat cf = it.fragment().charFormat();
            if (cf.isImageFormat() || cf.verticalAlignment() == QTextCharFormat::AlignSubScript ||
                cf.anchorHref().startsWith(QLatin1String("probe:")))
                return true;
        }
    }
    return false;
}

// What Qt's importer makes of raw Markdown with HTML allowed (QML's
// Text.MarkdownText): shows the probes work.
inline bool rawShowsHtmlOrImages(const QString& markdown)
{
    QTextDocument doc;
    doc.setMarkdown(markdown);
    return showsHtmlOrImages(doc);
}

// The elements of rich text that are not among those QTextDocument::toHtml()
// writes for a document made by the Markdown importer (img is not one of them).
inline QStringList unexpectedTags(const QString& html)
{
    static const QSet<QString> allowed = {
        QStringLiteral("!DOCTYPE"), QStringLiteral("html"), QStringLiteral("head"), QStringLiteral("meta"), QStringLiteral("style"), QStringLiteral("body"), QStringLiteral("p"), QStringLiteral("h1"), QStringLiteral("h2"),
        QStringLiteral("h3"), QStringLiteral("h4"), QStringLiteral("h5"), QStringLiteral("h6"), QStringLiteral("ul"), QStringLiteral("ol"), QStringLiteral("li"), QStringLiteral("table"), QStringLiteral("thead"),
        QStringLiteral("tbody"), QStringLiteral("tr"), QStringLiteral("td"), QStringLiteral("th"), QStringLiteral("pre"), QStringLiteral("hr"), QStringLiteral("br"), QStringLiteral("a"), QStringLiteral("span")};
    static const QRegularExpression tag(QStringLiteral("<(/?)([!A-Za-z][A-Za-z0-9]*)"));
    QStringList out;
    for (auto it = tag.globalMatch(html); it.hasNext();) {
        const QString name = it.next().captured(2);
        if (!allowed.contains(name))
            out << name;
    }
    return out;
}

// The chat view's document for a prose block: proseHtml() read as rich text.
struct View {
    explicit View(const QString& markdown) : html(vela::markdown::proseHtml(markdown, QFont()))
    {
        doc.setHtml(html);
    }
    QString text() const { return doc.toPlainText(); }
    bool safe() const { return !showsHtmlOrImages(doc) && unexpectedTags(html).isEmpty(); }

    QString html;
    QTextDocument doc;
};

} // namespace probe
