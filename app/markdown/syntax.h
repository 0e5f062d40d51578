// Line-level CommonMark recognisers for the block splitter (internal to
// vela_markdown; not installed, not for QML).
//
// Section numbers refer to the CommonMark spec 0.31.2
// (https://spec.commonmark.org/0.31.2/). Every function looks at one line and
// at nothing else, in time linear in the line's length.
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace vela::markdown::syntax {

inline bool isSpaceOrTab(QChar c) { return c == u' ' || c == u'\t'; }

// §2.1: a line containing no characters, or only spaces and tabs.
bool isBlank(QStringView line);

// §2.1 line endings: LF, CR, or CR LF. [begin, end) is the line's content,
// next where the following line starts; terminated is false for a last line
// without a line ending (the one that is still growing while a reply streams).
struct LineRange {
    qsizetype begin = 0;
    qsizetype end = 0;
    qsizetype next = 0;
    bool terminated = false;
};
LineRange lineAt(QStringView text, qsizetype pos);

// Leading spaces and tabs: their width in columns (§2.2: tabs advance to the
// next multiple of 4) and how many characters they take.
struct Indent {
    int columns = 0;
    qsizetype length = 0;
};
Indent leadingIndent(QStringView line);

// Appends `line` to `out` without its first `stripColumns` columns of
// indentation (§4.5 content lines; §2.2: a tab that is only partly removed
// leaves the rest of its width as spaces, so content keeps its alignment),
// replacing U+0000 with U+FFFD (§2.3).
void appendLine(QString& out, QStringView line, int stripColumns = 0);

// §4.5 code fence, the one rule for opening and closing fences. A fence is
// a run of at least three backticks or tildes (not mixed). It opens a fenced
// code block when followed by an info string (trimmed of spaces and tabs;
// after backticks it may not contain a backtick). It closes one when the
// character is the opening fence's, the run is at least as long, and only
// spaces and tabs follow (no info string). Both may be indented up to 3
// columns; where the line is (a list item) may allow more, which the caller
// decides: `indent` is the fence's indentation in columns.
struct Fence {
    QChar ch;         // '`' or '~'
    int length = 0;   // the run's length, 3 or more
    int indent = 0;
    QStringView info; // opening fences: the info string

    // The opening fence `line` starts with, if any.
    static std::optional<Fence> opening(QStringView line);
    // Whether `line` closes a code block this fence opened, when the closing
    // fence may be indented up to maxIndent columns.
    bool isClosedBy(QStringView line, int maxIndent) const;
};

// The language of a fenced code block: the first word of its info string,
// with backslash escapes (§2.4) and character references (§2.5) decoded.
QString infoLanguage(QStringView info);

// §4.1 thematic break: up to 3 columns of indentation, then three or more of
// one of - _ * with only spaces and tabs between them.
bool isThematicBreak(QStringView line);

// §5.2 list item start: indentation, a bullet (- + *) or an ordered marker
// (1–9 digits then . or )), then spaces/tabs or the end of the line. The
// content column follows the spec: marker width plus 1–4 columns of spaces,
// or marker width plus 1 when the item is empty or its content starts with
// 5 or more columns of spaces (indented code). A thematic break is not a
// list item (§4.1 takes precedence).
struct ListMarker {
    int indent = 0;            // columns before the marker
    qsizetype markerEnd = 0;   // offset just past the marker
    qsizetype contentOffset = 0; // offset of the content (when not empty)
    int contentColumn = 0;     // §5.2 content column
    bool ordered = false;
    bool startsAtOne = false;  // ordered and numbered 1 (may interrupt a paragraph)
    bool empty = false;        // nothing but whitespace after the marker
};
std::optional<ListMarker> listMarker(QStringView line);

} // namespace vela::markdown::syntax
