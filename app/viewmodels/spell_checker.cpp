#include "spell_checker.h"

#include "spelling/misspelling_highlighter.h"
#include "spelling/personal_dictionary.h"
#include "spelling/spell_engine.h"
#include "spelling/word_splitter.h"

#include <QQuickTextDocument>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace vela::app {

namespace {
constexpr int kMaxSuggestions = 5;
}

SpellChecker::SpellChecker(QObject* parent) : QObject(parent) {}

SpellChecker::~SpellChecker()
{
    delete highlighter_; // before the engine it listens to
}

void SpellChecker::setDocument(QQuickTextDocument* document)
{
    if (document == document_)
        return;
    document_ = document;
    update();
    emit documentChanged();
}

void SpellChecker::setLanguage(const QString& language)
{
    if (language == language_)
        return;
    language_ = language;
    update();
    emit languageChanged();
}

void SpellChecker::setEnabled(bool on)
{
    if (on == enabled_)
        return;
    enabled_ = on;
    update();
    emit enabledChanged();
}

void SpellChecker::setDataFolder(const QString& folder)
{
    if (folder == dataFolder_)
        return;
    dataFolder_ = folder;
    if (engine_)
        engine_->setPersonalDictionaryPath(spelling::PersonalDictionary::defaultPath(folder));
    emit dataFolderChanged();
}

void SpellChecker::setUnderlineColor(const QColor& color)
{
    if (color == color_)
        return;
    color_ = color;
    if (highlighter_)
        highlighter_->setUnderlineColor(color);
    emit underlineColorChanged();
}

SpellChecker::Status SpellChecker::status() const
{
    return engine_ ? Status(int(engine_->status())) : Off;
}

void SpellChecker::update()
{
    const Status before = status();
    QTextDocument* doc = document_ ? document_->textDocument() : nullptr;
    if (!enabled_ || !doc) {
        // Off: no underline left behind, and the dictionaries stay loaded
        // in case it comes back on.
        delete highlighter_;
        if (engine_)
            engine_->setLanguage(QString());
    } else {
        if (!engine_) {
            engine_ = std::make_unique<spelling::SpellEngine>();
            engine_->setPersonalDictionaryPath(spelling::PersonalDictionary::defaultPath(dataFolder_));
            connect(engine_.get(), &spelling::SpellEngine::statusChanged, this, &SpellChecker::statusChanged);
            connect(engine_.get(), &spelling::SpellEngine::suggestionsReady, this, &SpellChecker::suggestionsReady);
        }
        if (highlighter_ && highlighter_->document() != doc)
            delete highlighter_;
        if (!highlighter_) {
            // Owned by the document (QSyntaxHighlighter's parent); the
            // QPointer learns if the document goes first.
            highlighter_ = new spelling::MisspellingHighlighter(doc, engine_.get());
            highlighter_->setUnderlineColor(color_);
        }
        engine_->setLanguage(language_);
    }
    if (status() != before)
        emit statusChanged();
}

bool SpellChecker::spanAt(int position, int* start, int* length) const
{
    QTextDocument* doc = document_ ? document_->textDocument() : nullptr;
    if (!doc || !engine_)
        return false;
    const QTextBlock block = doc->findBlock(position);
    if (!block.isValid())
        return false;
    const spelling::WordSpan w = spelling::wordAt(
        block.text(), spelling::MisspellingHighlighter::fenceStateBefore(block), position - block.position());
    if (w.length == 0)
        return false;
    *start = block.position() + int(w.start);
    *length = int(w.length);
    return true;
}

QString SpellChecker::wordAt(int position) const
{
    int start = 0;
    int length = 0;
    if (!spanAt(position, &start, &length))
        return {};
    const QTextBlock block = document_->textDocument()->findBlock(position);
    return block.text().mid(start - block.position(), length);
}

bool SpellChecker::isMisspelled(int position) const
{
    const QString word = wordAt(position);
    return !word.isEmpty() && engine_->verdict(word) == spelling::SpellEngine::Verdict::Misspelled;
}

QStringList SpellChecker::suggestions(int position)
{
    if (!isMisspelled(position))
        return {};
    const QString word = wordAt(position);
    if (!engine_->hasSuggestions(word)) {
        engine_->requestSuggestions(word);
        return {};
    }
    return engine_->suggestions(word).mid(0, kMaxSuggestions);
}

void SpellChecker::replaceWord(int position, const QString& replacement)
{
    int start = 0;
    int length = 0;
    if (!spanAt(position, &start, &length))
        return;
    // One edit block: a single undo step puts the old word back.
    QTextCursor cursor(document_->textDocument());
    cursor.setPosition(start);
    cursor.setPosition(start + length, QTextCursor::KeepAnchor);
    cursor.beginEditBlock();
    cursor.insertText(replacement);
    cursor.endEditBlock();
}

void SpellChecker::addToDictionary(const QString& word)
{
    if (engine_)
        engine_->addToDictionary(word);
}

void SpellChecker::ignore(const QString& word)
{
    if (engine_)
        engine_->ignore(word);
}

} // namespace vela::app
