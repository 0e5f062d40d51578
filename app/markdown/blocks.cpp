#include "markdown/blocks.h"

#include "markdown/syntax.h"

#include <utility>

namespace vela::markdown {

namespace {

using namespace syntax;
using detail::Checkpoint;
using detail::ScanState;

// Open list items, approximately as §5.2 has them: enough to tell a fence
// inside a list item from an indented code block. Items are closed by a list
// item or fence that is less indented than their content, or by any line less
// indented than their content after a blank line (without a blank line such a
// line may be a lazy continuation, §5.2, so the item is kept).
int listBase(const ScanState& s, int indent)
{
    // The innermost open item whose content column is at most `indent`.
    for (int d = s.listDepth; d > 0; --d)
        if (s.listContent[d - 1] <= indent)
            return s.listContent[d - 1];
    return 0;
}

void closeItemsDeeperThan(ScanState& s, int indent)
{
    while (s.listDepth > 0 && s.listContent[s.listDepth - 1] > indent)
        --s.listDepth;
}

void openItem(ScanState& s, int contentColumn)
{
    if (s.listDepth < ScanState::kMaxListDepth)
        s.listContent[s.listDepth++] = contentColumn;
    else
        s.listContent[ScanState::kMaxListDepth - 1] = contentColumn;
}

// One pass over the text from a checkpoint; appends to `blocks`.
class Splitter {
public:
    Splitter(QStringView text, std::vector<Block>& blocks, const Checkpoint& from)
        : text_(text), blocks_(blocks), state_(from.state), checkpoint_(from)
    {
        blocks_.resize(from.blockCount);
    }

    // Splits the rest of the text; returns where a later, longer text can
    // resume (the start of the last block that may still change).
    Checkpoint run()
    {
        qsizetype pos = checkpoint_.offset;
        // A checkpoint taken after a CR at the very end of the text: if LF
        // follows now, it belongs to that line ending (§2.1).
        if (pos > 0 && pos < text_.size() && text_[pos - 1] == u'\r' && text_[pos] == u'\n')
            ++pos;
        while (pos < text_.size()) {
            const LineRange r = lineAt(text_, pos);
            const QStringView line = text_.sliced(r.begin, r.end - r.begin);
            if (inFence_)
                codeLine(r, line);
            else
                proseLine(r, line);
            pos = r.next;
        }
        if (inFence_) {
            code_.closed = false; // still open: the reply is streaming, or the model forgot
            blocks_.push_back(std::move(code_));
        } else {
            flushProse();
        }
        return checkpoint_;
    }

private:
    void codeLine(const LineRange& r, QStringView line)
    {
        // §4.5: the closing fence may be indented up to 3 columns (inside a list
        // item: up to 3 past the item's content column, or less — models often
        // put it back at the margin).
        if (fence_.isClosedBy(line, fenceBase_ + 3)) {
            code_.closed = true;
            blocks_.push_back(std::move(code_));
            code_ = {};
            inFence_ = false;
            state_.previousBlank = false;
            state_.proseDedent = fenceBase_;
            if (r.terminated)
                checkpoint_ = {r.next, blocks_.size(), state_};
            return;
        }
        if (codeLines_++ > 0)
            code_.text += u'\n';
        // §4.5: up to the opening fence's indentation is removed from content lines.
        appendLine(code_.text, line, fenceIndent_);
    }

    void proseLine(const LineRange& r, QStringView line)
    {
        const ScanState before = state_;
        if (isBlank(line)) {
            prose_ += u'\n';
            state_.previousBlank = true;
            return;
        }
        const Indent ind = leadingIndent(line);
        if (state_.proseDedent > 0 && ind.columns < state_.proseDedent)
            state_.proseDedent = 0; // the list item (or at least its content) has ended

        // A fence may interrupt a paragraph (§4.5) and is never a lazy
        // continuation line, so it closes the list items it is not indented into.
        if (const auto fence = Fence::opening(line)) {
            const int base = listBase(state_, fence->indent);
            if (fence->indent - base <= 3) {
                closeItemsDeeperThan(state_, fence->indent);
                openCode(*fence, fence->indent, base);
                if (r.terminated) // its line cannot change any more
                    checkpoint_ = {r.begin, blocks_.size(), before};
                return;
            }
        }

        if (const auto marker = listMarker(line)) {
            const int base = listBase(state_, marker->indent);
            if (marker->indent - base <= 3) { // §5.2; deeper, it is indented code or paragraph text
                closeItemsDeeperThan(state_, marker->indent);
                openItem(state_, marker->contentColumn);
                // An item that starts with a fence ("1. ```bash"): the marker stays
                // in the prose as an empty item, the code becomes a code block.
                if (!marker->empty) {
                    const auto fence = Fence::opening(line.sliced(marker->contentOffset));
                    if (fence && fence->indent == 0) {
                        appendLine(prose_, line.first(marker->markerEnd), state_.proseDedent);
                        prose_ += u'\n';
                        openCode(*fence, marker->contentColumn, marker->contentColumn);
                        return;
                    }
                }
                appendProse(line);
                return;
            }
        }

        if (state_.previousBlank)
            closeItemsDeeperThan(state_, ind.columns);
        appendProse(line);
    }

    void appendProse(QStringView line)
    {
        appendLine(prose_, line, state_.proseDedent);
        prose_ += u'\n';
        state_.previousBlank = false;
    }

    void openCode(const Fence& fence, int stripColumns, int base)
    {
        flushProse();
        inFence_ = true;
        fence_ = fence;
        fence_.info = {}; // points into the text; only the language is kept
        fenceIndent_ = stripColumns;
        fenceBase_ = base;
        codeLines_ = 0;
        code_ = Block{Block::Kind::Code, QString(), infoLanguage(fence.info), false, QString(fence.length, fence.ch)};
        state_.previousBlank = false;
        state_.proseDedent = 0;
    }

    // Emits the pending prose without the blank lines at either end; nothing
    // when it is all blank.
    void flushProse()
    {
        const QStringView p = prose_;
        qsizetype begin = 0;
        while (begin < p.size()) { // skip leading blank lines
            const qsizetype eol = p.indexOf(u'\n', begin);
            const qsizetype end = eol < 0 ? p.size() : eol;
            if (!isBlank(p.sliced(begin, end - begin)))
                break;
            begin = end + 1;
        }
        qsizetype end = p.size();
        while (end > begin) { // drop trailing blank lines
            const qsizetype lineStart = p.lastIndexOf(u'\n', end - 1) + 1;
            const QStringView last = p.sliced(lineStart, end - lineStart);
            if (!isBlank(last))
                break;
            end = lineStart > 0 ? lineStart - 1 : 0;
        }
        if (begin < end)
            blocks_.push_back(Block{Block::Kind::Prose, p.sliced(begin, end - begin).toString(), QString(), true, QString()});
        prose_.clear();
    }

    QStringView text_;
    std::vector<Block>& blocks_;
    ScanState state_;
    Checkpoint checkpoint_;

    QString prose_; // pending prose, lines ended by LF

    bool inFence_ = false;
    Fence fence_; // the open code block's
    int fenceIndent_ = 0; // columns stripped from content lines
    int fenceBase_ = 0;   // content column of the list item holding the fence (0: none)
    int codeLines_ = 0;
    Block code_;
};

} // namespace

std::vector<Block> splitBlocks(QStringView markdown)
{
    std::vector<Block> blocks;
    Splitter(markdown, blocks, Checkpoint{}).run();
    return blocks;
}

qsizetype BlockSplitter::update(const QString& markdown)
{
    Checkpoint from;
    if (!text_.isEmpty() && markdown.size() >= text_.size() && QStringView(markdown).startsWith(text_))
        from = checkpoint_;
    text_ = markdown;
    checkpoint_ = Splitter(text_, blocks_, from).run();
    return qsizetype(from.blockCount);
}

void BlockSplitter::clear()
{
    text_.clear();
    blocks_.clear();
    checkpoint_ = {};
}

QString kindName(Block::Kind kind)
{
    return kind == Block::Kind::Code ? QStringLiteral("code") : QStringLiteral("prose");
}

} // namespace vela::markdown
