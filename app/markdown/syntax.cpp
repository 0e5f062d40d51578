#include "markdown/syntax.h"

namespace vela::markdown::syntax {

namespace {

constexpr int kTabStop = 4; // §2.2

int nextColumn(int column, QChar c) { return c == u'\t' ? (column / kTabStop + 1) * kTabStop : column + 1; }

bool isAsciiPunctuation(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'!' && u <= u'/') || (u >= u':' && u <= u'@') || (u >= u'[' && u <= u'`') ||
        (u >= u'{' && u <= u'~');
}

QStringView trimSpacesAndTabs(QStringView s)
{
    qsizetype b = 0, e = s.size();
    while (b < e && isSpaceOrTab(s[b]))
        ++b;
    while (e > b && isSpaceOrTab(s[e - 1]))
        --e;
    return s.sliced(b, e - b);
}

// §2.5: decodes the character reference starting at text[pos] ('&') into
// `out`; returns its length, or 0 when there is none. Numeric references and
// the few named ones that appear in language names; anything else is left as
// written (it only affects the label above a code block).
qsizetype decodeReference(QStringView text, qsizetype pos, QString& out)
{
    const qsizetype semi = text.indexOf(u';', pos);
    if (semi < 0 || semi - pos > 32)
        return 0;
    const QStringView body = text.sliced(pos + 1, semi - pos - 1);
    if (body.size() >= 2 && body[0] == u'#') {
        const bool hex = body[1] == u'x' || body[1] == u'X';
        const QStringView digits = body.sliced(hex ? 2 : 1);
        if (digits.isEmpty() || digits.size() > (hex ? 6 : 7))
            return 0;
        bool ok = false;
        char32_t code = digits.toUInt(&ok, hex ? 16 : 10);
        if (!ok)
            return 0;
        if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            code = 0xFFFD;
        out += QString::fromUcs4(&code, 1);
        return semi - pos + 1;
    }
    static constexpr struct {
        const char16_t* name;
        char16_t ch;
    } kNamed[] = {{u"amp", u'&'}, {u"lt", u'<'}, {u"gt", u'>'}, {u"quot", u'"'}, {u"apos", u'\''}};
    for (const auto& n : kNamed) {
        if (body == QStringView(n.name)) {
            out += QChar(n.ch);
            return semi - pos + 1;
        }
    }
    return 0;
}

} // namespace

bool isBlank(QStringView line)
{
    for (QChar c : line)
        if (!isSpaceOrTab(c))
            return false;
    return true;
}

LineRange lineAt(QStringView text, qsizetype pos)
{
    LineRange r;
    r.begin = pos;
    qsizetype i = pos;
    const qsizetype n = text.size();
    while (i < n && text[i] != u'\n' && text[i] != u'\r')
        ++i;
    r.end = i;
    r.next = i;
    if (i < n) {
        r.terminated = true;
        r.next = (text[i] == u'\r' && i + 1 < n && text[i + 1] == u'\n') ? i + 2 : i + 1;
    }
    return r;
}

Indent leadingIndent(QStringView line)
{
    Indent ind;
    while (ind.length < line.size() && isSpaceOrTab(line[ind.length])) {
        ind.columns = nextColumn(ind.columns, line[ind.length]);
        ++ind.length;
    }
    return ind;
}

void appendLine(QString& out, QStringView line, int stripColumns)
{
    int column = 0;
    qsizetype i = 0;
    while (i < line.size() && column < stripColumns && isSpaceOrTab(line[i])) {
        const int next = nextColumn(column, line[i]);
        if (next > stripColumns) { // a tab straddling the cut: keep its remaining width
            out += QString(next - stripColumns, u' ');
            ++i;
            break;
        }
        column = next;
        ++i;
    }
    line = line.sliced(i);
    if (!line.contains(QChar(u'\0'))) {
        out += line;
        return;
    }
    for (QChar c : line)
        out += c.isNull() ? QChar(QChar::ReplacementCharacter) : c;
}

std::optional<Fence> Fence::opening(QStringView line)
{
    const Indent ind = leadingIndent(line);
    qsizetype i = ind.length;
    if (i >= line.size() || (line[i] != u'`' && line[i] != u'~'))
        return std::nullopt;
    const QChar ch = line[i];
    qsizetype run = 0;
    while (i + run < line.size() && line[i + run] == ch)
        ++run;
    if (run < 3)
        return std::nullopt;
    const QStringView info = trimSpacesAndTabs(line.sliced(i + run));
    if (ch == u'`' && info.contains(u'`'))
        return std::nullopt;
    return Fence{ch, int(run), ind.columns, info};
}

bool Fence::isClosedBy(QStringView line, int maxIndent) const
{
    const Indent ind = leadingIndent(line);
    if (ind.columns > maxIndent)
        return false;
    qsizetype i = ind.length;
    qsizetype run = 0;
    while (i < line.size() && line[i] == ch) {
        ++run;
        ++i;
    }
    return run >= length && isBlank(line.sliced(i));
}

QString infoLanguage(QStringView info)
{
    qsizetype end = 0;
    while (end < info.size() && !isSpaceOrTab(info[end]))
        ++end;
    const QStringView word = info.first(end);
    QString out;
    out.reserve(word.size());
    for (qsizetype i = 0; i < word.size(); ++i) {
        const QChar c = word[i];
        if (c == u'\\' && i + 1 < word.size() && isAsciiPunctuation(word[i + 1])) {
            out += word[++i];
        } else if (c == u'&') {
            const qsizetype len = decodeReference(word, i, out);
            if (len > 0)
                i += len - 1;
            else
                out += c;
        } else {
            out += c.isNull() ? QChar(QChar::ReplacementCharacter) : c;
        }
    }
    return out;
}

bool isThematicBreak(QStringView line)
{
    const Indent ind = leadingIndent(line);
    if (ind.columns > 3 || ind.length >= line.size())
        return false;
    const QChar ch = line[ind.length];
    if (ch != u'-' && ch != u'_' && ch != u'*')
        return false;
    int count = 0;
    for (qsizetype i = ind.length; i < line.size(); ++i) {
        if (line[i] == ch)
            ++count;
        else if (!isSpaceOrTab(line[i]))
            return false;
    }
    return count >= 3;
}

std::optional<ListMarker> listMarker(QStringView line)
{
    const Indent ind = leadingIndent(line);
    qsizetype i = ind.length;
    if (i >= line.size())
        return std::nullopt;
    ListMarker m;
    m.indent = ind.columns;
    const QChar c = line[i];
    if (c == u'-' || c == u'+' || c == u'*') {
        if (isThematicBreak(line))
            return std::nullopt;
        ++i;
    } else if (c.isDigit() && c.unicode() < 0x80) {
        qsizetype digits = 0;
        while (i + digits < line.size() && line[i + digits].unicode() >= u'0' &&
               line[i + digits].unicode() <= u'9')
            ++digits;
        if (digits > 9 || i + digits >= line.size() ||
            (line[i + digits] != u'.' && line[i + digits] != u')'))
            return std::nullopt;
        m.ordered = true;
        m.startsAtOne = line.sliced(i, digits).toInt() == 1;
        i += digits + 1;
    } else {
        return std::nullopt;
    }
    if (i < line.size() && !isSpaceOrTab(line[i]))
        return std::nullopt;
    m.markerEnd = i;
    // Columns are counted from the start of the line; the marker characters
    // are one column each.
    const int markerColumn = ind.columns + int(i - ind.length);
    int column = markerColumn;
    qsizetype j = i;
    while (j < line.size() && isSpaceOrTab(line[j])) {
        column = nextColumn(column, line[j]);
        ++j;
    }
    if (j == line.size()) {
        m.empty = true;
        m.contentColumn = markerColumn + 1;
        m.contentOffset = line.size();
    } else if (column - markerColumn >= 5) {
        m.contentColumn = markerColumn + 1;
        m.contentOffset = i + 1;
    } else {
        m.contentColumn = column;
        m.contentOffset = j;
    }
    return m;
}

} // namespace vela::markdown::syntax
