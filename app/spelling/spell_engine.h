// SpellEngine: Hunspell behind a worker thread, for the GUI thread.
//
// Loading a dictionary takes a noticeable moment (es_ES's affix rules) and a
// suggestion search can take tens of milliseconds a word, so the Hunspell
// objects live on a thread of their own and the GUI thread only ever posts
// requests and reads answers already cached: verdict() and suggestions()
// never wait. What comes back is announced with verdictsChanged() and
// suggestionsReady(); the highlighter re-colours what was pending then.
//
// Words the user added (PersonalDictionary) or ignored for the session count
// as correct whatever the dictionary says.
#pragma once

#include "dictionaries.h"
#include "personal_dictionary.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace vela::spelling {

class SpellWorker;

class SpellEngine : public QObject {
    Q_OBJECT
public:
    enum class Status { Off, Loading, Ready, Missing };
    Q_ENUM(Status)
    enum class Verdict { Unknown, Correct, Misspelled };

    explicit SpellEngine(const QStringList& dictionaryDirs = defaultDictionaryDirs(), QObject* parent = nullptr);
    ~SpellEngine() override;

    // "en" or "es" (or any language a dictionary is installed for); "" stops
    // checking. Loading happens on the worker; status() says when it is Ready
    // or Missing (no dictionary: nothing is ever marked).
    void setLanguage(const QString& language);
    QString language() const { return language_; }
    Status status() const { return status_; }
    QString locale() const { return locale_; } // the dictionary in use: es_ES…

    // The personal dictionary file ("" for one that lasts the session).
    void setPersonalDictionaryPath(const QString& path);
    const PersonalDictionary& personalDictionary() const { return personal_; }

    Verdict verdict(const QString& word) const;
    // Posts the words whose verdict is Unknown to the worker.
    void check(const QStringList& words);
    // The cached suggestions, best first; empty until suggestionsReady(word).
    QStringList suggestions(const QString& word) const;
    bool hasSuggestions(const QString& word) const;
    void requestSuggestions(const QString& word);

    void addToDictionary(const QString& word);
    void ignore(const QString& word);

signals:
    void statusChanged();
    // Verdicts for these words are now known or have changed.
    void verdictsChanged(const QStringList& words);
    void suggestionsReady(const QString& word);

private:
    struct Cache {
        QHash<QString, bool> correct;
        QHash<QString, QStringList> suggestions;
        QSet<QString> inFlight;
    };
    void setStatus(Status s);

    QThread* thread_ = nullptr;
    SpellWorker* worker_ = nullptr;
    QStringList dirs_;
    QString language_;
    QString locale_;
    Status status_ = Status::Off;
    QHash<QString, Cache> caches_; // per language: switching back is free
    PersonalDictionary personal_;
    QSet<QString> ignored_;
};

} // namespace vela::spelling
