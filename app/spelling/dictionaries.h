// Where Hunspell dictionaries are, and how their words are encoded.
//
// Distributions install them as <locale>.aff/<locale>.dic under
// /usr/share/hunspell (Debian's hunspell-en-us, hunspell-es) or the older
// /usr/share/myspell; DICPATH (Hunspell's own variable) is looked at first
// so that a user can point at dictionaries of their own.
#pragma once

#include <QString>
#include <QStringConverter>
#include <QStringList>

#include <string>

namespace vela::spelling {

struct DictionaryFiles {
    QString locale; // en_US, es_ES, es_MX…
    QString aff;
    QString dic;
    bool isValid() const { return !aff.isEmpty() && !dic.isEmpty(); }
};

QStringList defaultDictionaryDirs();

// The dictionary for a UI language ("en", "es"): the preferred locale
// (en_US, es_ES) in the first folder that has it, else any other variant of
// the language (es_MX, en_GB…), else an invalid DictionaryFiles.
DictionaryFiles findDictionary(const QString& language, const QStringList& dirs = defaultDictionaryDirs());

// The encoding named by an .aff file's SET line ("UTF-8", "ISO8859-1"…);
// ISO8859-1 when there is none, as Hunspell assumes.
QByteArray affEncoding(const QString& affPath);

// Converts words between QString and the bytes Hunspell compares, in a
// dictionary's encoding. isValid() is false for an encoding Qt cannot
// convert: such a dictionary is not used at all rather than fed garbage.
class WordCodec {
public:
    explicit WordCodec(const QByteArray& encodingName);
    bool isValid() const { return valid_; }
    // False when the word has characters the encoding lacks (a Latin-1
    // dictionary and "œuvre"): no such word can be in that dictionary.
    bool encode(const QString& word, std::string& bytes) const;
    QString decode(const std::string& bytes) const;

private:
    QByteArray name_;
    bool valid_ = false;
};

} // namespace vela::spelling
