#include "spell_engine.h"

#include <QFile>
#include <QThread>

#include <hunspell.hxx>

#include <map>
#include <memory>
#include <optional>

namespace vela::spelling {

// Lives on the engine's thread and owns every Hunspell object: nothing else
// touches them, so they need no locking. Plain QObject: requests arrive as
// functors queued to it, answers go back as functors queued to the engine.
class SpellWorker : public QObject {
public:
    struct Dictionary {
        std::unique_ptr<Hunspell> hunspell;
        WordCodec codec;
        QString locale;
    };

    explicit SpellWorker(QStringList dirs) : dirs_(std::move(dirs)) {}

    // The loaded dictionary for a language; null when none is installed or
    // it cannot be used. Tried once per language.
    Dictionary* dictionary(const QString& language)
    {
        auto it = dictionaries_.find(language);
        if (it == dictionaries_.end())
            it = dictionaries_.emplace(language, load(language)).first;
        return it->second ? &*it->second : nullptr;
    }

    void addPersonal(const QString& word)
    {
        personal_ << word;
        for (auto& [language, d] : dictionaries_) {
            std::string bytes;
            if (d && d->codec.encode(word, bytes))
                d->hunspell->add(bytes);
        }
    }

private:
    std::optional<Dictionary> load(const QString& language)
    {
        const DictionaryFiles files = findDictionary(language, dirs_);
        if (!files.isValid())
            return std::nullopt;
        auto hunspell = std::make_unique<Hunspell>(QFile::encodeName(files.aff).constData(),
                                                   QFile::encodeName(files.dic).constData());
        // Hunspell's own reading of the SET line is what its byte
        // comparisons use; the .aff is only asked when it names none.
        const char* named = hunspell->get_dic_encoding();
        const QByteArray encoding = named && *named ? QByteArray(named) : affEncoding(files.aff);
        WordCodec codec(encoding);
        if (!codec.isValid()) {
            qWarning("vela: dictionary %s uses %s, which Qt cannot convert; not used", qPrintable(files.aff),
                     encoding.constData());
            return std::nullopt;
        }
        for (const QString& w : personal_) {
            std::string bytes;
            if (codec.encode(w, bytes))
                hunspell->add(bytes);
        }
        return Dictionary{std::move(hunspell), std::move(codec), files.locale};
    }

    QStringList dirs_;
    QStringList personal_;
    std::map<QString, std::optional<Dictionary>> dictionaries_;
};

SpellEngine::SpellEngine(const QStringList& dictionaryDirs, QObject* parent)
    : QObject(parent), dirs_(dictionaryDirs)
{
}

SpellEngine::~SpellEngine()
{
    if (thread_) {
        // Waits at most for the one request running (a dictionary load);
        // what is still queued is dropped with the thread's event loop.
        thread_->quit();
        thread_->wait();
        delete worker_;
    }
}

void SpellEngine::setStatus(Status s)
{
    if (s == status_)
        return;
    status_ = s;
    emit statusChanged();
}

void SpellEngine::setPersonalDictionaryPath(const QString& path)
{
    if (path == personal_.path())
        return;
    const QStringList before = personal_.words();
    personal_ = PersonalDictionary(path);
    // Words added before a path was known are kept in the new file too.
    for (const QString& w : before) {
        if (!personal_.contains(w))
            personal_.add(w);
    }
    if (worker_) {
        const QStringList words = personal_.words();
        QMetaObject::invokeMethod(worker_, [w = worker_, words] {
            for (const QString& word : words)
                w->addPersonal(word);
        });
    }
    emit verdictsChanged(personal_.words());
}

void SpellEngine::setLanguage(const QString& language)
{
    if (language == language_)
        return;
    language_ = language;
    locale_.clear();
    if (language.isEmpty()) {
        setStatus(Status::Off);
        return;
    }
    setStatus(Status::Loading);
    if (!thread_) {
        thread_ = new QThread(this);
        thread_->setObjectName(QStringLiteral("vela-spelling"));
        worker_ = new SpellWorker(dirs_);
        worker_->moveToThread(thread_);
        thread_->start(QThread::LowPriority);
        const QStringList words = personal_.words();
        QMetaObject::invokeMethod(worker_, [w = worker_, words] {
            for (const QString& word : words)
                w->addPersonal(word);
        });
    }
    QMetaObject::invokeMethod(worker_, [this, w = worker_, language] {
        SpellWorker::Dictionary* d = w->dictionary(language);
        const QString locale = d ? d->locale : QString();
        QMetaObject::invokeMethod(this, [this, language, ok = d != nullptr, locale] {
            if (language != language_)
                return; // switched again meanwhile
            locale_ = locale;
            setStatus(ok ? Status::Ready : Status::Missing);
        });
    });
}

SpellEngine::Verdict SpellEngine::verdict(const QString& word) const
{
    if (personal_.contains(word) || ignored_.contains(word))
        return Verdict::Correct;
    const auto cache = caches_.constFind(language_);
    if (cache == caches_.cend())
        return Verdict::Unknown;
    const auto it = cache->correct.constFind(word);
    if (it == cache->correct.cend())
        return Verdict::Unknown;
    return *it ? Verdict::Correct : Verdict::Misspelled;
}

void SpellEngine::check(const QStringList& words)
{
    if (status_ != Status::Ready)
        return;
    Cache& cache = caches_[language_];
    QStringList batch;
    for (const QString& w : words) {
        if (verdict(w) == Verdict::Unknown && !cache.inFlight.contains(w)) {
            cache.inFlight.insert(w);
            batch << w;
        }
    }
    if (batch.isEmpty())
        return;
    QMetaObject::invokeMethod(worker_, [this, w = worker_, language = language_, batch] {
        QStringList misspelled;
        if (SpellWorker::Dictionary* d = w->dictionary(language)) {
            for (const QString& word : batch) {
                std::string bytes;
                if (!d->codec.encode(word, bytes) || !d->hunspell->spell(bytes))
                    misspelled << word;
            }
        }
        QMetaObject::invokeMethod(this, [this, language, batch, misspelled] {
            Cache& c = caches_[language];
            for (const QString& word : batch) {
                c.inFlight.remove(word);
                c.correct.insert(word, !misspelled.contains(word));
            }
            if (language == language_)
                emit verdictsChanged(batch);
        });
    });
}

QStringList SpellEngine::suggestions(const QString& word) const
{
    const auto cache = caches_.constFind(language_);
    return cache == caches_.cend() ? QStringList() : cache->suggestions.value(word);
}

bool SpellEngine::hasSuggestions(const QString& word) const
{
    const auto cache = caches_.constFind(language_);
    return cache != caches_.cend() && cache->suggestions.contains(word);
}

void SpellEngine::requestSuggestions(const QString& word)
{
    if (status_ != Status::Ready || word.isEmpty() || hasSuggestions(word))
        return;
    Cache& cache = caches_[language_];
    const QString key = QStringLiteral("\x01") + word; // in flight for suggestions, not for a verdict
    if (cache.inFlight.contains(key))
        return;
    cache.inFlight.insert(key);
    QMetaObject::invokeMethod(worker_, [this, w = worker_, language = language_, word, key] {
        QStringList list;
        if (SpellWorker::Dictionary* d = w->dictionary(language)) {
            std::string bytes;
            if (d->codec.encode(word, bytes)) {
                for (const std::string& s : d->hunspell->suggest(bytes))
                    list << d->codec.decode(s);
            }
        }
        QMetaObject::invokeMethod(this, [this, language, word, key, list] {
            Cache& c = caches_[language];
            c.inFlight.remove(key);
            c.suggestions.insert(word, list);
            if (language == language_)
                emit suggestionsReady(word);
        });
    });
}

void SpellEngine::addToDictionary(const QString& word)
{
    if (!personal_.add(word) && !personal_.contains(word.trimmed()))
        return;
    if (worker_) {
        const QString w = word.trimmed();
        QMetaObject::invokeMethod(worker_, [worker = worker_, w] { worker->addPersonal(w); });
    }
    emit verdictsChanged({word.trimmed()});
}

void SpellEngine::ignore(const QString& word)
{
    if (word.isEmpty() || ignored_.contains(word))
        return;
    ignored_.insert(word);
    emit verdictsChanged({word});
}

} // namespace vela::spelling
