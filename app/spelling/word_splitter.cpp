#include "word_splitter.h"

#include <QRegularExpression>

#include <vector>

namespace vela::spelling {

namespace {

bool isWordChar(QChar c)
{
    // Letters of any script (á, ñ, ü), combining accents typed as a separate
    // code point, digits (so that "mp3" stays one token and is skipped as a
    // whole) and '_' (snake_case identifiers, skipped likewise).
    return c.isLetterOrNumber() || c.isMark() || c == u'_';
}

bool isJoiner(QChar c)
{
    // Inside a word: don't, l’eau, well-known. Not at its ends: quotes.
    return c == u'\'' || c == QChar(0x2019) || c == u'-';
}

// Returns the fence's encoded state if line is a fence line (``` or ~~~,
// three or more, after at most three spaces), else kOutsideFence.
int fenceOf(QStringView line, QStringView* rest)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line[i] == u' ')
        ++i;
    if (i >= line.size() || (line[i] != u'`' && line[i] != u'~'))
        return kOutsideFence;
    const QChar mark = line[i];
    qsizetype n = 0;
    while (i + n < line.size() && line[i + n] == mark)
        ++n;
    if (n < 3)
        return kOutsideFence;
    if (rest)
        *rest = line.mid(i + n);
    return int(n) * 2 + (mark == u'~' ? 1 : 0);
}

// Marks inline code spans: a run of N backticks up to the next run of
// exactly N (CommonMark); an unmatched run is literal text.
void maskCodeSpans(QStringView line, std::vector<bool>& mask)
{
    qsizetype i = 0;
    while (i < line.size()) {
        if (line[i] != u'`') {
            ++i;
            continue;
        }
        qsizetype n = 0;
        while (i + n < line.size() && line[i + n] == u'`')
            ++n;
        qsizetype j = i + n;
        qsizetype close = -1;
        while (j < line.size()) {
            if (line[j] != u'`') {
                ++j;
                continue;
            }
            qsizetype m = 0;
            while (j + m < line.size() && line[j + m] == u'`')
                ++m;
            if (m == n) {
                close = j;
                break;
            }
            j += m;
        }
        if (close < 0) {
            i += n; // literal backticks
            continue;
        }
        for (qsizetype k = i; k < close + n; ++k)
            mask[size_t(k)] = true;
        i = close + n;
    }
}

void maskMatches(QStringView line, const QRegularExpression& re, std::vector<bool>& mask)
{
    auto it = re.globalMatch(line);
    while (it.hasNext()) {
        const auto m = it.next();
        for (qsizetype k = m.capturedStart(); k < m.capturedEnd(); ++k)
            mask[size_t(k)] = true;
    }
}

const QRegularExpression& urlPattern()
{
    // scheme://…, www.…, mailto:…, and file paths (/usr/share, ~/notes, ./a)
    // up to the next white space.
    static const QRegularExpression re(
        QStringLiteral(R"((?:\b[A-Za-z][A-Za-z0-9+.\-]*://|\bwww\.|\bmailto:|(?<!\S)(?:~|\.{1,2})?/(?=\S))\S*)"));
    return re;
}

const QRegularExpression& emailPattern()
{
    static const QRegularExpression re(QStringLiteral(R"([\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)"),
                                       QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// Longer than any word of a dictionary (Hunspell gives up at 100 bytes):
// a hash, base64, a pasted blob — not prose.
constexpr qsizetype kMaxWordLength = 64;

bool worthChecking(QStringView word)
{
    if (word.size() > kMaxWordLength)
        return false;
    int letters = 0;
    bool lower = false;
    for (QChar c : word) {
        if (c.isDigit() || c == u'_')
            return false; // 3rd, mp3, 2024, snake_case
        if (c.isLetter()) {
            ++letters;
            lower = lower || c.isLower();
        }
    }
    // ALL-CAPS of two letters or more is an acronym (GPU, NASA); "I" and "A"
    // are words.
    return letters > 0 && (lower || letters < 2);
}

} // namespace

QList<WordSpan> wordsInLine(QStringView line, int& fenceState)
{
    QList<WordSpan> words;
    if (fenceState > kOutsideFence) {
        // Inside a fence: code, whatever it says. A closing fence has the
        // opening's character, at least as many, and nothing after.
        QStringView rest;
        const int fence = fenceOf(line, &rest);
        if (fence > kOutsideFence && (fence & 1) == (fenceState & 1) && fence >= fenceState
            && rest.trimmed().isEmpty())
            fenceState = kOutsideFence;
        return words;
    }
    fenceState = kOutsideFence;
    if (const int fence = fenceOf(line, nullptr); fence > kOutsideFence) {
        fenceState = fence; // the opening line's info string is not prose either
        return words;
    }

    std::vector<bool> mask(size_t(line.size()), false);
    maskCodeSpans(line, mask);
    maskMatches(line, urlPattern(), mask);
    maskMatches(line, emailPattern(), mask);

    qsizetype i = 0;
    while (i < line.size()) {
        if (mask[size_t(i)] || !isWordChar(line[i])) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < line.size() && !mask[size_t(i)]) {
            if (isWordChar(line[i])) {
                ++i;
            } else if (isJoiner(line[i]) && i + 1 < line.size() && !mask[size_t(i + 1)]
                       && line[i + 1].isLetterOrNumber()) {
                i += 2;
            } else {
                break;
            }
        }
        const QStringView word = line.mid(start, i - start);
        if (worthChecking(word))
            words.append({start, i - start});
    }
    return words;
}

QList<WordSpan> wordsInText(QStringView text)
{
    QList<WordSpan> words;
    int state = kOutsideFence;
    qsizetype lineStart = 0;
    while (lineStart <= text.size()) {
        qsizetype end = text.indexOf(u'\n', lineStart);
        if (end < 0)
            end = text.size();
        for (const WordSpan& w : wordsInLine(text.mid(lineStart, end - lineStart), state))
            words.append({lineStart + w.start, w.length});
        lineStart = end + 1;
    }
    return words;
}

WordSpan wordAt(QStringView line, int fenceState, qsizetype position)
{
    for (const WordSpan& w : wordsInLine(line, fenceState)) {
        if (position >= w.start && position <= w.start + w.length)
            return w;
    }
    return {};
}

} // namespace vela::spelling
