// Makes model-written Markdown safe to hand to Qt's Markdown renderer.
//
// Qt's importer (QTextMarkdownImporter, md4c underneath) passes raw HTML —
// HTML blocks (§4.6) and inline raw HTML (§6.6) — to QTextCursor::insertHtml,
// and QML's Text has no switch for md4c's "no HTML" flags. A model (or a
// pasted user message) could therefore style the chat with <font>, hide text,
// or make the view load <img src="http://…"> — a network request from an
// offline app. Markdown images (![alt](url)) would be loaded the same way.
//
// sanitizeProse() escapes, with a backslash (§2.4), every '<' that could open
// HTML: a '<' followed by an ASCII letter, '/', '!' or '?' (every start
// condition of §4.6 and every form of §6.6 begins like that). Each such '<'
// then displays literally. It also escapes the '!' of "![" so that images
// become plain links (the text and URL stay visible; nothing is fetched).
// Autolinks (§6.5) to http, https and mailto URLs and to e-mail addresses are
// kept: they are links, not HTML.
//
// Where backslash escapes do not work — code spans (§6.1), indented code
// blocks (§4.4) — text is left alone, but only where the sanitizer is sure
// md4c sees code too; anywhere it is unsure it escapes (a stray visible
// backslash in code is a cosmetic fault, unescaped HTML would not be):
//  * a code span is kept verbatim when its closing backtick string is on the
//    same line, and the paragraph has not had an unmatched backtick string,
//    or an unclosed "](" (a link destination or title, §6.3), before it; in a
//    line that may be a table row (GFM tables), a code span containing '|'
//    ends this trust for the rest of the paragraph, since pipes may split
//    table cells before code spans are found;
//  * a line is indented code when it is indented 4+ columns, the previous
//    line was blank or indented code (or it is the first line), and no list
//    item has been seen since the last unindented line after a blank line.
//  * neither, from the first line that opens a fence (in a block quote, say)
//    to the end of the text: md4c has quirks there (see sanitize.cpp).
// Everything else — fenced code inside block quotes, indented code inside
// list items — is escaped like prose. Top-level and list-item fenced code
// never gets here: splitBlocks() hands it to the code delegate raw.
//
// Line endings become LF. Linear in the length of the text.
#pragma once

#include <QString>
#include <QStringView>

namespace vela::markdown {

QString sanitizeProse(QStringView markdown);

} // namespace vela::markdown
