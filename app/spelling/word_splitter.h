// The words of a composer's text that a spell checker should look at.
//
// Chat messages are Markdown and often technical, so much of what is typed
// is not prose: inline `code spans` and fenced ``` / ~~~ blocks, URLs,
// e-mail addresses, numbers and identifiers (3rd, mp3, snake_case), and
// ALL-CAPS acronyms (GPU, URL). None of these is a misspelling, and flagging
// them would teach the user to ignore the underline — so they are skipped.
//
// Lines are split one at a time because QSyntaxHighlighter sees one text
// block (paragraph) at a time; whether a line starts inside a fenced block is
// carried from line to line in an int (QTextBlock's user state).
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace vela::spelling {

struct WordSpan {
    qsizetype start = 0;  // in the text passed in (UTF-16 code units)
    qsizetype length = 0;
    friend bool operator==(const WordSpan&, const WordSpan&) = default;
};

// Fence state between lines: kOutsideFence, or positive while inside a fence
// (it encodes the fence's character and length: a fence closes only with the
// same character, at least as many times, as CommonMark says).
inline constexpr int kOutsideFence = 0;

// The words to check in one line (no line break inside). fenceState is the
// state before the line (a negative value, QSyntaxHighlighter's "no state",
// counts as outside) and is updated to the state after it.
QList<WordSpan> wordsInLine(QStringView line, int& fenceState);

// The same for several lines ('\n' separated); spans index into text.
QList<WordSpan> wordsInText(QStringView text);

// The span of the word at position (a cursor just before, inside or just
// after it), or an empty span (length 0) if none — in the same sense as
// wordsInLine, so a URL or a code span has no word.
WordSpan wordAt(QStringView line, int fenceState, qsizetype position);

} // namespace vela::spelling
