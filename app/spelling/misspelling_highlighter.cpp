#include "misspelling_highlighter.h"

#include "spell_engine.h"
#include "word_splitter.h"

#include <QTextBlock>
#include <QTextDocument>

namespace vela::spelling {

namespace {
// A paragraph that has words still waiting for a verdict.
class PendingMark : public QTextBlockUserData {};
} // namespace

MisspellingHighlighter::MisspellingHighlighter(QTextDocument* document, SpellEngine* engine)
    : QSyntaxHighlighter(document), engine_(engine)
{
    debounce_.setSingleShot(true);
    debounce_.setInterval(300);
    connect(&debounce_, &QTimer::timeout, this, &MisspellingHighlighter::flush);
    connect(engine_, &SpellEngine::verdictsChanged, this, &MisspellingHighlighter::onVerdicts);
    // A dictionary that finished loading, or a language switch: everything
    // is to be looked at again.
    connect(engine_, &SpellEngine::statusChanged, this, &QSyntaxHighlighter::rehighlight);
}

void MisspellingHighlighter::setUnderlineColor(const QColor& color)
{
    if (color == color_)
        return;
    color_ = color;
    rehighlight();
}

int MisspellingHighlighter::fenceStateBefore(const QTextBlock& block)
{
    const QTextBlock previous = block.previous();
    return previous.isValid() ? qMax(previous.userState(), kOutsideFence) : kOutsideFence;
}

void MisspellingHighlighter::highlightBlock(const QString& text)
{
    int state = qMax(previousBlockState(), kOutsideFence);
    const QList<WordSpan> words = wordsInLine(text, state);
    setCurrentBlockState(state);
    setCurrentBlockUserData(nullptr);
    if (engine_->status() != SpellEngine::Status::Ready)
        return;

    // Qt Quick's text renderer (Qt 6.4) draws neither a wavy underline nor
    // an underline colour of its own: it draws a plain underline in the
    // text's colour. So the word takes the colour (the theme's errorText,
    // checked for contrast on the composer's surface) and a plain
    // underline, which also tells the word apart without relying on colour.
    // The underline colour is still set for renderers that honour it.
    QTextCharFormat misspelled;
    misspelled.setUnderlineStyle(QTextCharFormat::SingleUnderline);
    misspelled.setUnderlineColor(color_);
    misspelled.setForeground(color_);
    bool pending = false;
    for (const WordSpan& w : words) {
        const QString word = text.mid(w.start, w.length);
        switch (engine_->verdict(word)) {
        case SpellEngine::Verdict::Misspelled:
            setFormat(int(w.start), int(w.length), misspelled);
            break;
        case SpellEngine::Verdict::Unknown:
            unknown_.insert(word);
            pending = true;
            break;
        case SpellEngine::Verdict::Correct:
            break;
        }
    }
    if (pending) {
        setCurrentBlockUserData(new PendingMark);
        debounce_.start(); // restarted by every keystroke: sent once typing pauses
    }
}

void MisspellingHighlighter::flush()
{
    const QStringList words(unknown_.begin(), unknown_.end());
    unknown_.clear();
    engine_->check(words);
}

void MisspellingHighlighter::onVerdicts(const QStringList& words)
{
    QTextDocument* doc = document();
    if (!doc)
        return;
    // Paragraphs waiting for a verdict, and those holding a word whose
    // verdict changed (added to the dictionary, ignored: one word at a time).
    // A checked batch can be thousands of words (a long paste); every
    // paragraph holding one of them is marked pending, so the text is only
    // searched for the few words of an addition.
    constexpr qsizetype kSearchedWords = 8;
    const bool search = words.size() <= kSearchedWords;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        bool affected = dynamic_cast<PendingMark*>(b.userData()) != nullptr;
        for (qsizetype i = 0; search && !affected && i < words.size(); ++i)
            affected = b.text().contains(words[i]);
        if (affected)
            rehighlightBlock(b);
    }
}

} // namespace vela::spelling
