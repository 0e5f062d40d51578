#include "personal_dictionary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>

#include <algorithm>

namespace vela::spelling {

PersonalDictionary::PersonalDictionary(const QString& path) : path_(path)
{
    reload();
}

QString PersonalDictionary::defaultPath(const QString& dataFolder)
{
    return dataFolder.isEmpty() ? QString() : QDir(dataFolder).filePath(QStringLiteral("dictionary.txt"));
}

bool PersonalDictionary::contains(const QString& word) const
{
    if (words_.contains(word))
        return true;
    if (!word.isEmpty() && word[0].isUpper()) {
        QString lowered = word;
        lowered[0] = lowered[0].toLower();
        return words_.contains(lowered);
    }
    return false;
}

QStringList PersonalDictionary::words() const
{
    QStringList list(words_.begin(), words_.end());
    std::sort(list.begin(), list.end());
    return list;
}

void PersonalDictionary::reload()
{
    if (!path_.isEmpty())
        words_ = read();
}

QSet<QString> PersonalDictionary::read() const
{
    QSet<QString> words;
    QFile f(path_);
    if (!f.open(QIODevice::ReadOnly))
        return words; // none yet
    for (const QByteArray& line : f.readAll().split('\n')) {
        const QString w = QString::fromUtf8(line).trimmed();
        if (!w.isEmpty() && !w.startsWith(u'#'))
            words.insert(w);
    }
    return words;
}

bool PersonalDictionary::add(const QString& word)
{
    const QString w = word.trimmed();
    if (w.isEmpty() || w.contains(u' ') || w.contains(u'\n') || w.contains(u'\t'))
        return false;
    words_.insert(w);
    if (path_.isEmpty())
        return true;
    QDir().mkpath(QFileInfo(path_).absolutePath());
    // The lock orders this read-merge-write against another instance's; a
    // lock left by a crashed instance goes stale after a few seconds.
    QLockFile lock(path_ + QStringLiteral(".lock"));
    lock.setStaleLockTime(5000);
    if (!lock.tryLock(2000))
        qWarning("vela: personal dictionary %s is locked; writing anyway", qPrintable(path_));
    words_.unite(read());
    QSaveFile out(path_);
    if (!out.open(QIODevice::WriteOnly)) {
        qWarning("vela: cannot write %s: %s", qPrintable(path_), qPrintable(out.errorString()));
        return false;
    }
    for (const QString& s : words())
        out.write(s.toUtf8() + '\n');
    if (!out.commit()) {
        qWarning("vela: cannot write %s: %s", qPrintable(path_), qPrintable(out.errorString()));
        return false;
    }
    return true;
}

} // namespace vela::spelling
