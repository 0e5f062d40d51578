#include "markdown/render.h"

#include <QGuiApplication>
#include <QPalette>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextImageFormat>
#include <QTextTable>

#include <vector>

namespace vela::markdown {

namespace {

struct Span {
    int position = 0;
    int length = 0;
    QTextCharFormat format;
};

// The fragments of `doc` (table cells included) whose format passes `keep`,
// in document order.
template <typename Keep>
std::vector<Span> spans(const QTextDocument& doc, Keep keep)
{
    std::vector<Span> out;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (const QTextFragment f = it.fragment(); f.isValid() && keep(f.charFormat()))
                out.push_back({f.position(), f.length(), f.charFormat()});
    return out;
}

QTextCursor select(QTextDocument& doc, const Span& s)
{
    QTextCursor c(&doc);
    c.setPosition(s.position);
    c.setPosition(s.position + s.length, QTextCursor::KeepAnchor);
    return c;
}

// Each image becomes "!" and a link to its URL, as the Markdown "\![alt](url)"
// would show: the reader sees that an image was there and can open it, and
// nothing is fetched. (Qt's importer inserts an image with its alt text, and
// none for an image without alt text.) Back to front, so earlier positions
// stay valid.
void replaceImages(QTextDocument& doc)
{
    const std::vector<Span> images = spans(doc, [](const QTextCharFormat& f) { return f.isImageFormat(); });
    for (auto it = images.rbegin(); it != images.rend(); ++it) {
        const QTextImageFormat image = it->format.toImageFormat();
        const QString url = image.name();
        const QString alt = image.stringProperty(QTextFormat::ImageAltText);
        QTextCharFormat text = it->format;
        text.setObjectType(QTextFormat::NoObject);
        for (const int p : {int(QTextFormat::ImageName), int(QTextFormat::ImageTitle), int(QTextFormat::ImageAltText),
                            int(QTextFormat::ImageWidth), int(QTextFormat::ImageHeight), int(QTextFormat::ImageQuality)})
            text.clearProperty(p);
        // A link as the Markdown importer makes one: the palette's link colour.
        QTextCharFormat link = text;
        link.setAnchor(true);
        link.setAnchorHref(url);
        link.setForeground(QGuiApplication::palette().link());
        QTextCursor c = select(doc, *it);
        c.insertText(QStringLiteral("!"), text);
        c.insertText(alt, link);
    }
}

// Tables as tables, not Qt's default of separated double borders: one
// collapsed hairline grid (the separators) and padded cells; the header row
// is bold already. The grey works on light and dark palettes alike (a
// translucent mid grey over whatever background the view has). No cell
// shading: Qt 6.4 exports a cell background as bgcolor="rgba(…)", which its
// own HTML reader takes for opaque black, and as CSS it fills only the
// text's block, not the cell.
void styleTables(QTextFrame* frame)
{
    for (QTextFrame* child : frame->childFrames()) {
        if (auto* table = qobject_cast<QTextTable*>(child)) {
            QTextTableFormat f = table->format();
            f.setBorderCollapse(true);
            f.setBorder(1);
            f.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
            f.setBorderBrush(QColor(128, 128, 128, 140));
            f.setCellSpacing(0);
            f.setCellPadding(0);
            table->setFormat(f);
            for (int r = 0; r < table->rows(); ++r)
                for (int c = 0; c < table->columns(); ++c) {
                    const QTextTableCell cell = table->cellAt(r, c);
                    QTextTableCellFormat cf = cell.format().toTableCellFormat();
                    cf.setTopPadding(3);
                    cf.setBottomPadding(3);
                    cf.setLeftPadding(8);
                    cf.setRightPadding(8);
                    table->cellAt(r, c).setFormat(cf);
                }
        }
        styleTables(child);
    }
}

} // namespace

void importProse(QTextDocument& doc, QStringView markdown)
{
    doc.setMarkdown(markdown.toString(),
                    QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML));
    replaceImages(doc);
    styleTables(doc.rootFrame());
}

QString proseHtml(QStringView markdown, const QFont& viewFont)
{
    QTextDocument doc;
    // Links: the Markdown importer does not underline them, the HTML reader
    // underlines every <a> unless its style says otherwise, and the exporter
    // writes text-decoration only where it differs from the default. So the
    // default is underlined here and links are explicitly not.
    QFont base = viewFont;
    base.setUnderline(true);
    doc.setDefaultFont(base);
    importProse(doc, markdown);
    QTextCharFormat plain;
    plain.setFontUnderline(false);
    for (const Span& s : spans(doc, [](const QTextCharFormat& f) { return f.isAnchor() && !f.fontUnderline(); }))
        select(doc, s).mergeCharFormat(plain);
    // The exporter writes font size adjustments -1 to 3 only (CSS "small" to
    // "xx-large"); others (h6 has -2) become the point size they stand for
    // with the view's font, which this document's formats resolve to.
    const auto unwritable = [](const QTextCharFormat& f) {
        const int adjustment = f.intProperty(QTextFormat::FontSizeAdjustment);
        return adjustment < -1 || adjustment > 3;
    };
    for (const Span& s : spans(doc, unwritable)) {
        const qreal points = s.format.font().pointSizeF();
        QTextCharFormat f = s.format;
        f.clearProperty(QTextFormat::FontSizeAdjustment);
        f.setFontPointSize(points);
        select(doc, s).setCharFormat(f);
    }

    QString html = doc.toHtml();
    // The exporter writes '<' in text as "&lt;", so the first "<body" is its own tag.
    const qsizetype body = html.indexOf(QLatin1String("<body"));
    const qsizetype bodyEnd = body < 0 ? -1 : html.indexOf(u'>', body);
    if (bodyEnd > body)
        html.replace(body, bodyEnd - body + 1, QStringLiteral("<body>"));
    return html;
}

} // namespace vela::markdown
