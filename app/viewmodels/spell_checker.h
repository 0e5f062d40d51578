// SpellChecker: spell checking of a TextArea for QML (Vela.App).
//
//   SpellChecker {
//       document: textArea.textDocument
//       language: App.settings.effectiveLanguage   // "en" | "es"
//       enabled: App.settings.spellCheck
//       dataFolder: App.settings.dataFolder        // the personal dictionary
//   }
//
// Misspelled words are underlined in underlineColor once the worker
// has checked them; wordAt / suggestions / replaceWord / addToDictionary /
// ignore serve the composer's context menu. Positions are the TextArea's
// (cursorPosition, positionAt()). Without a dictionary for the language,
// status is Missing and nothing is marked.
#pragma once

#include <QColor>
#include <QObject>
#include <QPointer>
#include <QQuickTextDocument>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace vela::spelling {
class MisspellingHighlighter;
class SpellEngine;
} // namespace vela::spelling

namespace vela::app {

class SpellChecker : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickTextDocument* document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(bool enabled READ enabled WRITE setEnabled NOTIFY enabledChanged)
    Q_PROPERTY(QString dataFolder READ dataFolder WRITE setDataFolder NOTIFY dataFolderChanged)
    Q_PROPERTY(QColor underlineColor READ underlineColor WRITE setUnderlineColor NOTIFY underlineColorChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
public:
    enum Status { Off, Loading, Ready, Missing };
    Q_ENUM(Status)

    explicit SpellChecker(QObject* parent = nullptr);
    ~SpellChecker() override;

    QQuickTextDocument* document() const { return document_; }
    void setDocument(QQuickTextDocument* document);
    QString language() const { return language_; }
    void setLanguage(const QString& language);
    bool enabled() const { return enabled_; }
    void setEnabled(bool on);
    QString dataFolder() const { return dataFolder_; }
    void setDataFolder(const QString& folder);
    QColor underlineColor() const { return color_; }
    void setUnderlineColor(const QColor& color);
    Status status() const;

    // The word at a position ("" when none: a space, code, a URL).
    Q_INVOKABLE QString wordAt(int position) const;
    // Whether the word there has been found misspelled.
    Q_INVOKABLE bool isMisspelled(int position) const;
    // Up to 5 suggestions for the misspelled word there, best first. Empty
    // until the worker has answered: suggestionsReady(word) says when to ask
    // again.
    Q_INVOKABLE QStringList suggestions(int position);
    Q_INVOKABLE void replaceWord(int position, const QString& replacement);
    Q_INVOKABLE void addToDictionary(const QString& word);
    // Accepted for the rest of the session, not remembered.
    Q_INVOKABLE void ignore(const QString& word);

    spelling::SpellEngine* engine() const { return engine_.get(); }

signals:
    void documentChanged();
    void languageChanged();
    void enabledChanged();
    void dataFolderChanged();
    void underlineColorChanged();
    void statusChanged();
    void suggestionsReady(const QString& word);

private:
    void update();
    // The paragraph and the word's span in document positions.
    bool spanAt(int position, int* start, int* length) const;

    QPointer<QQuickTextDocument> document_;
    QString language_ = QStringLiteral("en");
    bool enabled_ = true;
    QString dataFolder_;
    QColor color_{Qt::red};
    std::unique_ptr<spelling::SpellEngine> engine_;
    QPointer<spelling::MisspellingHighlighter> highlighter_;
};

} // namespace vela::app
