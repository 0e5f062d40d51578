// The user's own words ("Add to dictionary"), kept in a plain text file of
// the data folder, one word per line in UTF-8, so that a user can read and
// edit it by hand.
//
// Two Vela instances may share a data folder: add() re-reads the file under
// a lock and writes the union atomically (QSaveFile), so one instance never
// drops the words another has added, and a crash mid-write leaves the old
// file whole.
#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace vela::spelling {

class PersonalDictionary {
public:
    // path empty: the words last for the session only (tests, no data folder).
    explicit PersonalDictionary(const QString& path = QString());

    static QString defaultPath(const QString& dataFolder);

    QString path() const { return path_; }
    // The word as stored, or with its first letter lowered ("Vela" at the
    // start of a sentence when "vela" was added).
    bool contains(const QString& word) const;
    QStringList words() const;
    // Adds the word (trimmed; empty or multi-word input is refused) and
    // saves. Returns false when the file could not be written; the word is
    // still known for the session.
    bool add(const QString& word);
    void reload();

private:
    QSet<QString> read() const;
    QString path_;
    QSet<QString> words_;
};

} // namespace vela::spelling
