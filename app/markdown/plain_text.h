// A message as plain text, for "copy message as plain text".
#pragma once

#include <QString>
#include <QStringView>

namespace vela::markdown {

// The text a reader sees, without Markdown syntax: emphasis markers, heading
// hashes, code span backticks and fences go; code blocks are copied exactly;
// list items keep a marker ("- ", "1. ", "[x] ") and are indented two spaces
// per nesting level; block quotes keep "> "; links become "text (url)" when
// the URL is not the text; table cells are separated by tabs, rows by line
// breaks. Blocks are separated by a blank line (list items, quoted lines and
// code lines by a single line break). Raw HTML shows as written and images as
// "!" and their alt text, as in the chat view.
//
// Prose goes through importProse() (render.h), the same import the chat view
// shows, so it needs a QGuiApplication (fonts), as the app and QTEST_MAIN
// tests have.
QString toPlainText(QStringView markdown);

} // namespace vela::markdown
