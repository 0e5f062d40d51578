#include "markdown/sanitize.h"

#include "markdown/syntax.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace vela::markdown {

namespace {

using namespace syntax;

bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

bool isAsciiDigit(QChar c) { return c.unicode() >= u'0' && c.unicode() <= u'9'; }

bool isAsciiPunctuation(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'!' && u <= u'/') || (u >= u':' && u <= u'@') || (u >= u'[' && u <= u'`') ||
        (u >= u'{' && u <= u'~');
}

// A '<' followed by one of these may start raw HTML (§4.6, §6.6).
bool opensHtml(QChar next) { return isAsciiLetter(next) || next == u'/' || next == u'!' || next == u'?'; }

// §6.5 URI autolink with an allowed scheme: "<scheme:chars>", where chars
// exclude spaces, controls, '<' and '>'. Returns its length from `pos`, or 0.
qsizetype uriAutolinkLength(QStringView s, qsizetype pos)
{
    qsizetype i = pos + 1;
    const qsizetype schemeBegin = i;
    if (i >= s.size() || !isAsciiLetter(s[i]))
        return 0;
    while (i < s.size() && i - schemeBegin <= 32 &&
           (isAsciiLetter(s[i]) || isAsciiDigit(s[i]) || s[i] == u'+' || s[i] == u'.' || s[i] == u'-'))
        ++i;
    if (i >= s.size() || s[i] != u':')
        return 0;
    const QStringView scheme = s.sliced(schemeBegin, i - schemeBegin);
    if (scheme.compare(u"http", Qt::CaseInsensitive) != 0 && scheme.compare(u"https", Qt::CaseInsensitive) != 0 &&
        scheme.compare(u"mailto", Qt::CaseInsensitive) != 0)
        return 0;
    for (++i; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        if (u == u'>')
            return i + 1 - pos;
        if (u <= 0x20 || u == 0x7F || u == u'<')
            return 0;
    }
    return 0;
}

// §6.5 e-mail autolink: "<local@domain>". Returns its length from `pos`, or 0.
qsizetype emailAutolinkLength(QStringView s, qsizetype pos)
{
    static constexpr QStringView kLocalExtra = u".!#$%&'*+/=?^_`{|}~-";
    qsizetype i = pos + 1;
    const qsizetype localBegin = i;
    while (i < s.size() && (isAsciiLetter(s[i]) || isAsciiDigit(s[i]) || kLocalExtra.contains(s[i])))
        ++i;
    if (i == localBegin || i >= s.size() || s[i] != u'@')
        return 0;
    ++i;
    // One or more labels: [A-Za-z0-9] ([A-Za-z0-9-]{0,61} [A-Za-z0-9])?, separated by '.'.
    while (true) {
        const qsizetype labelBegin = i;
        while (i < s.size() && (isAsciiLetter(s[i]) || isAsciiDigit(s[i]) || s[i] == u'-') && i - labelBegin < 63)
            ++i;
        const qsizetype len = i - labelBegin;
        if (len == 0 || s[labelBegin] == u'-' || s[i - 1] == u'-')
            return 0;
        if (i < s.size() && s[i] == u'.') {
            ++i;
            continue;
        }
        break;
    }
    return i < s.size() && s[i] == u'>' ? i + 1 - pos : 0;
}

// The maximal backtick strings of one line, for finding a code span's
// closing string (§6.1: the next string of exactly the same length) in
// O(log n) per opening string.
class BacktickRuns {
public:
    explicit BacktickRuns(QStringView line)
    {
        for (qsizetype i = 0; i < line.size();) {
            if (line[i] != u'`') {
                ++i;
                continue;
            }
            qsizetype j = i;
            while (j < line.size() && line[j] == u'`')
                ++j;
            runs_.emplace_back(j - i, i);
            i = j;
        }
        std::sort(runs_.begin(), runs_.end());
    }
    // Start of the first run of exactly `length` backticks at or after `from`, or -1.
    qsizetype closer(qsizetype length, qsizetype from) const
    {
        const auto it = std::lower_bound(runs_.begin(), runs_.end(), std::pair{length, from});
        return it != runs_.end() && it->first == length ? it->second : -1;
    }

private:
    std::vector<std::pair<qsizetype, qsizetype>> runs_; // (length, start), sorted
};

// What the inline scan carries from one line of a paragraph to the next.
struct InlineState {
    // An unmatched backtick string (or an untrusted code span) was seen: md4c
    // may pair backtick strings across lines differently from a line-by-line
    // scan, so no later code span in this paragraph is trusted.
    bool untrustedSpans = false;
    // Inside "](…": maybe a link destination or title, where backticks are
    // not code span delimiters — or maybe not a link at all. A backtick
    // string there is of unknown meaning, so it distrusts the paragraph.
    int parenDepth = 0;

    void reset() { *this = {}; }
};

// Escapes one line of inline content (see sanitize.h).
void sanitizeInline(QStringView s, bool mayBeTableRow, InlineState& st, QString& out)
{
    const BacktickRuns runs(s);
    bool afterBracket = false; // the previous character was an unescaped ']'
    qsizetype i = 0;
    while (i < s.size()) {
        const QChar c = s[i];
        if (c == u'\\' && i + 1 < s.size() && isAsciiPunctuation(s[i + 1])) { // §2.4
            out += c;
            out += s[i + 1];
            i += 2;
            afterBracket = false;
            continue;
        }
        if (c == u'`') {
            qsizetype length = 0;
            while (i + length < s.size() && s[i + length] == u'`')
                ++length;
            if (!st.untrustedSpans) {
                const qsizetype close = st.parenDepth > 0 ? -1 : runs.closer(length, i + length);
                if (close < 0) {
                    st.untrustedSpans = true;
                } else if (mayBeTableRow && s.sliced(i + length, close - i - length).contains(u'|')) {
                    st.untrustedSpans = true;
                } else { // a code span (§6.1): verbatim
                    out += s.sliced(i, close + length - i);
                    i = close + length;
                    afterBracket = false;
                    continue;
                }
            }
            out += s.sliced(i, length);
            i += length;
            afterBracket = false;
            continue;
        }
        if (c == u'<') {
            qsizetype autolink = uriAutolinkLength(s, i);
            if (autolink == 0)
                autolink = emailAutolinkLength(s, i);
            if (autolink > 0) {
                const QStringView link = s.sliced(i, autolink);
                if (link.contains(u'`')) // never rely on autolinks outranking code spans
                    st.untrustedSpans = true;
                out += link;
                i += autolink;
                afterBracket = false;
                continue;
            }
            if (i + 1 < s.size() && opensHtml(s[i + 1]))
                out += u'\\';
            out += c;
            ++i;
            afterBracket = false;
            continue;
        }
        if (c == u'!' && i + 1 < s.size() && s[i + 1] == u'[') {
            out += u'\\';
            out += c;
            ++i;
            afterBracket = false;
            continue;
        }
        if (c == u'(' && (afterBracket || st.parenDepth > 0))
            ++st.parenDepth;
        else if (c == u')' && st.parenDepth > 0)
            --st.parenDepth;
        afterBracket = c == u']';
        out += c.isNull() ? QChar(QChar::ReplacementCharacter) : c;
        ++i;
    }
}

// A line of '>' markers and whitespace only: a blank line inside block
// quotes, which ends any paragraph (§5.1).
bool isQuoteOnly(QStringView line)
{
    const Indent ind = leadingIndent(line);
    if (ind.columns > 3 || ind.length >= line.size() || line[ind.length] != u'>')
        return false;
    for (qsizetype i = ind.length; i < line.size(); ++i)
        if (line[i] != u'>' && !isSpaceOrTab(line[i]))
            return false;
    return true;
}

// The line without leading whitespace and block quote markers.
QStringView withoutQuoteMarkers(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && (isSpaceOrTab(line[i]) || line[i] == u'>'))
        ++i;
    return line.sliced(i);
}

// Could be a GFM table delimiter row ("| --- | :-: |"), inside block quotes
// or not. Deliberately loose: it only widens where code spans are distrusted.
bool mayBeDelimiterRow(QStringView line)
{
    const QStringView rest = withoutQuoteMarkers(line);
    bool dash = false;
    for (QChar c : rest) {
        if (c == u'-')
            dash = true;
        else if (c != u'|' && c != u':' && !isSpaceOrTab(c))
            return false;
    }
    return dash;
}

// A line that opens a fenced code block after any block quote markers and
// list markers: "```", "> ~~~", "- ```js", "1. > ```".
bool mayOpenFenceInContainer(QStringView line)
{
    qsizetype i = 0;
    int markers = 0;
    while (i < line.size()) {
        if (isSpaceOrTab(line[i]) || line[i] == u'>') {
            ++i;
            continue;
        }
        if (const auto marker = listMarker(line.sliced(i)); marker && !marker->empty) {
            if (++markers > 16) // each look is linear: bound them; and assume the worst
                return true;
            i += marker->contentOffset;
            continue;
        }
        break;
    }
    return openingFence(line.sliced(i)).has_value();
}

} // namespace

QString sanitizeProse(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 32 + 8);

    InlineState inlineState;
    bool previousBlank = true; // the start of the text counts as after a blank line
    bool previousIndentedCode = false;
    bool inList = false;
    bool tableRows = false; // a possible delimiter row was seen in this paragraph
    // From the first fence on, nothing is trusted to be code: md4c 0.4.8 has
    // quirks around fenced code inside containers (after "- ```" and a blank
    // line, a line "`1. x" loses its backtick and becomes a list item), so
    // after a fence the sanitizer cannot be sure how later lines are parsed.
    // Fences at the top level and in list items are split off before prose
    // gets here; the rest (block quotes, deep nesting) is rare.
    bool afterFence = false;

    qsizetype pos = 0;
    LineRange r = lineAt(text, 0);
    while (pos < text.size()) {
        const QStringView line = text.sliced(r.begin, r.end - r.begin);
        const bool hasNext = r.next < text.size();
        const LineRange next = hasNext ? lineAt(text, r.next) : LineRange{};

        afterFence = afterFence || mayOpenFenceInContainer(line);
        if (isBlank(line)) {
            out += line;
            previousBlank = true;
            inlineState.reset();
            tableRows = false;
        } else {
            const Indent ind = leadingIndent(line);
            if (ind.columns >= 4 && !inList && !afterFence && (previousBlank || previousIndentedCode)) {
                // §4.4 indented code: a paragraph cannot be interrupted by it, so
                // it needs a blank line (or the start of the text) before it.
                appendLine(out, line);
                previousIndentedCode = true;
                inlineState.reset();
                tableRows = false;
            } else {
                previousIndentedCode = false;
                // Conservative list tracking, only to rule out indented code: any
                // list marker (in block quotes too) opens; only an unindented
                // non-item line after a blank line surely closes every list (§5.2:
                // an item's content column is at least 2).
                if (listMarker(withoutQuoteMarkers(line)))
                    inList = true;
                else if (ind.length == 0 && previousBlank)
                    inList = false;

                // Lines that surely end the paragraph before them (§4.1, §4.2, §5.1,
                // §5.2: bullet items, and ordered items from 1, that are not empty
                // can interrupt a paragraph).
                const auto marker = listMarker(line);
                if (isAtxHeading(line) || isThematicBreak(line) || isQuoteOnly(line) ||
                    (marker && marker->indent <= 3 && !marker->empty && (!marker->ordered || marker->startsAtOne))) {
                    inlineState.reset();
                    tableRows = false;
                }
                if (mayBeDelimiterRow(line))
                    tableRows = true;
                const bool mayBeTableRow =
                    tableRows || (hasNext && mayBeDelimiterRow(text.sliced(next.begin, next.end - next.begin)));
                if (afterFence)
                    inlineState.untrustedSpans = true;
                sanitizeInline(line, mayBeTableRow, inlineState, out);
            }
            previousBlank = false;
        }
        if (r.terminated)
            out += u'\n';
        pos = r.next;
        r = next;
    }
    return out;
}

} // namespace vela::markdown
