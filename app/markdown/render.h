// Prose Markdown rendered for the chat view, with no raw HTML by construction.
//
// A model (or a pasted user message) may write HTML: <font> to restyle the
// chat, <img src="http://…"> to make an offline app fetch a URL. Markdown
// images (![alt](url)) would be fetched the same way. So prose is never handed
// to a renderer that honours HTML; instead:
//  1. importProse() builds a QTextDocument with Qt's Markdown importer (md4c)
//     in GitHub dialect with MarkdownNoHTML: md4c then has no HTML block
//     (§4.6) or raw HTML (§6.6) construct at all, so a '<' anywhere is text,
//     whatever else the parser decides about the line it is in. Images are
//     then replaced by "!" and a link to their URL with their alt text, so
//     the document holds no image at all.
//  2. proseHtml() serializes that document with QTextDocument::toHtml(): the
//     exporter escapes all text ('<' becomes "&lt;"), so the only elements are
//     the ones it writes for the document's own formats (p, h1–h6, ul/ol/li,
//     table/tr/td/th, pre, hr, br, a, span) and never img. The view shows it with
//     textFormat: Text.RichText (TextEdit.RichText).
// There is no second parser predicting md4c: what md4c decides is text stays
// text, because HTML is not part of the dialect it parses.
#pragma once

#include <QFont>
#include <QString>
#include <QStringView>

class QTextDocument;

namespace vela::markdown {

// Replaces the content of `doc` with `markdown` imported as described above.
// Needs a QGuiApplication (fonts), as every QTextDocument does.
void importProse(QTextDocument& doc, QStringView markdown);

// `markdown` as rich text for a view whose default font is `viewFont`. The
// exporter leaves out every character property equal to its document's
// default, so the document is given the view's font: a property left out then
// resolves in the view to the value it had (e.g. code spans keep their
// explicit fixed-pitch size, text without one takes the view's). The <body>
// element is written without the exporter's style attribute, which would
// override the view's font.
QString proseHtml(QStringView markdown, const QFont& viewFont);

} // namespace vela::markdown
