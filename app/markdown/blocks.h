// A chat message's Markdown, split into the blocks the chat view shows.
//
// The view renders a message as a column of blocks: prose as rich text made by
// proseHtml() (render.h: Qt's md4c importer without HTML; headings, lists,
// emphasis, links, tables, inline code), and fenced code blocks through
// Vela's own delegate (monospace, language label, a Copy button that copies
// exactly the code). splitBlocks() finds the fenced code blocks.
//
// What counts as a fence (CommonMark 0.31.2, §4.5; syntax::Fence is the one
// rule, for the one-pass and the streaming split alike):
//  * ``` or ~~~ (three or more, not mixed) with up to 3 columns of
//    indentation (tabs count to the next multiple of 4, §2.2); after
//    backticks the info string may not contain a backtick. The language is
//    the info string's first word.
//  * The closing fence uses the same character, is at least as long, and is
//    followed only by spaces and tabs. Content lines lose up to as many
//    columns of indentation as the opening fence had.
//  * A fence that is never closed runs to the end of the text (closed is
//    false): that is the normal state of a code block while a reply streams.
//  * Fences inside list items are split out too (models indent code under
//    "1. Step" items). Open list items are tracked approximately (§5.2:
//    marker, content column; items close at a less indented item or fence, or
//    at a less indented line after a blank line). A fence indented up to 3
//    columns past the content column of the innermost item that holds it
//    opens a code block whose content lines lose the fence's whole
//    indentation; its closing fence may be indented anything up to that
//    content column + 3, less included (models often outdent the closing
//    fence; the spec would end the item there and open a new fence). An item
//    that starts with a fence ("1. ```bash") leaves its marker ("1.") in the
//    prose. Prose lines that continue the item after the code lose the item's
//    content column of indentation (until the first less indented line), so
//    that Qt does not take them for an indented code block.
//    The list itself is then cut in two: with Qt 6.4 the second part restarts
//    its numbering ("2. Run" shows as "1. Run"; QTextListFormat has no start
//    number before Qt 6.6).
//  * Everything else stays prose, including indented code blocks (§4.4) and
//    fences inside block quotes: Qt's renderer draws those itself.
//
// Prose blocks hold the message's Markdown as written, except that line
// endings are LF, U+0000 is U+FFFD (§2.3) and blank lines at either end are
// dropped (a prose block that would be blank is not emitted). Code blocks hold
// the raw code: lines joined by LF, no trailing line ending.
#pragma once

#include <QString>
#include <QStringView>

#include <vector>

namespace vela::markdown {

struct Block {
    enum class Kind : quint8 { Prose, Code };

    Kind kind = Kind::Prose;
    // Prose: the block's Markdown (for proseHtml()). Code: the code itself.
    QString text;
    // Code: the first word of the info string ("python"), possibly empty.
    QString language;
    // Code: false while the closing fence has not arrived. Prose: true.
    bool closed = true;
    // Code: the opening fence's run ("```", "~~~~"), which only a run of the
    // same character at least as long closes. Prose: empty.
    QString fence;

    friend bool operator==(const Block&, const Block&) = default;
};

// Splits a whole message. Linear in the length of `markdown`.
std::vector<Block> splitBlocks(QStringView markdown);

namespace detail {

// The splitter's state at a line boundary: everything the lines after it
// depend on. Small and trivially copyable, so the incremental splitter can
// keep one per update without allocating.
struct ScanState {
    static constexpr int kMaxListDepth = 16; // deeper items count as the 16th
    int listContent[kMaxListDepth] = {};     // content columns of open list items (§5.2)
    int listDepth = 0;
    bool previousBlank = true; // the previous line was blank (or there was none)
    int proseDedent = 0;       // columns stripped from prose continuing a list item after code
};

struct Checkpoint {
    qsizetype offset = 0;        // a line start in the text
    std::size_t blockCount = 0;  // blocks that end before offset (final)
    ScanState state;
};

} // namespace detail

// splitBlocks() for a text that grows at its end, as a streamed reply does.
// It remembers where the last block began (the start of the last complete
// line that opened a code block, or the line after the last complete closing
// fence; complete: ended by a line ending, so appending cannot change it); when the
// next text extends the previous one, only the part from there on is scanned
// again, and the blocks before it are kept as they were (same QString data).
// Any other text is split from scratch. The result is always exactly
// splitBlocks(text).
class BlockSplitter {
public:
    // Splits `markdown`; returns the index of the first block that may differ
    // from the previous result (every block before it is unchanged).
    qsizetype update(const QString& markdown);
    const std::vector<Block>& blocks() const { return blocks_; }
    const QString& text() const { return text_; }
    void clear();

    // Where the next appending update resumes scanning (an offset into text()).
    qsizetype resumeOffset() const { return checkpoint_.offset; }

private:
    QString text_;
    std::vector<Block> blocks_;
    detail::Checkpoint checkpoint_;
};

// A short name for a block kind, as the model's "kind" role gives it:
// "prose" or "code".
QString kindName(Block::Kind kind);

} // namespace vela::markdown
