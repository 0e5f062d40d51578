// MisspellingHighlighter: underlines the misspelled words of a QTextDocument
// (the composer's), in the underline colour, as SpellEngine's verdicts come in.
//
// QSyntaxHighlighter re-runs highlightBlock() only for the paragraphs an
// edit touched (and those after it whose fence state changed), so only the
// changed text is looked at again. Words without a verdict yet are gathered
// and sent to the engine in one batch once typing pauses (the debounce
// timer); when their verdicts arrive, only the paragraphs that were waiting
// for them are highlighted again. The GUI thread never waits for Hunspell.
#pragma once

#include <QColor>
#include <QSet>
#include <QSyntaxHighlighter>
#include <QTimer>

namespace vela::spelling {

class SpellEngine;

class MisspellingHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    // The engine is not owned and must outlive the highlighter.
    MisspellingHighlighter(QTextDocument* document, SpellEngine* engine);

    void setUnderlineColor(const QColor& color);
    QColor underlineColor() const { return color_; }
    // How long typing must pause before unknown words go to the engine.
    void setDebounceInterval(int ms) { debounce_.setInterval(ms); }

    // The fence state before the given paragraph (for word lookups).
    static int fenceStateBefore(const QTextBlock& block);

protected:
    void highlightBlock(const QString& text) override;

private:
    void onVerdicts(const QStringList& words);
    void flush();

    SpellEngine* engine_;
    QColor color_{Qt::red};
    QTimer debounce_;
    QSet<QString> unknown_;
};

} // namespace vela::spelling
