#include "highlight/code_highlighter.h"

#include <QCache>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJSEngine>
#include <QJSValue>
#include <QLoggingCategory>
#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QWaitCondition>

namespace vela::highlight {

Q_LOGGING_CATEGORY(lcHighlight, "vela.highlight")

namespace {

struct Job {
    quint64 id = 0;
    QString code;
    QString language;
};

struct CacheKey {
    QString language;
    size_t codeHash = 0;
    friend bool operator==(const CacheKey&, const CacheKey&) = default;
};

size_t qHash(const CacheKey& key, size_t seed = 0)
{
    return qHashMulti(seed, key.language, key.codeHash);
}

// Fence languages that ask for no highlighting (highlight.js 9 treats
// "plain", "text", "nohighlight" the same way in highlightBlock()).
bool isPlainLanguage(const QString& language)
{
    static const QStringList plain = {QStringLiteral("text"), QStringLiteral("txt"), QStringLiteral("plain"),
                                      QStringLiteral("plaintext"), QStringLiteral("nohighlight"),
                                      QStringLiteral("no-highlight")};
    return plain.contains(language, Qt::CaseInsensitive);
}

// The languages auto-detection chooses among: what a chat reply without a
// fence language is likely to hold. All 185 of highlight.js 9.18.5 would be
// slower and guess worse (short snippets "look like" obscure languages).
const QStringList& autoLanguages()
{
    static const QStringList languages = {
        QStringLiteral("bash"),     QStringLiteral("c"),          QStringLiteral("cpp"),
        QStringLiteral("csharp"),   QStringLiteral("css"),        QStringLiteral("go"),
        QStringLiteral("java"),     QStringLiteral("javascript"), QStringLiteral("json"),
        QStringLiteral("kotlin"),   QStringLiteral("lua"),        QStringLiteral("makefile"),
        QStringLiteral("markdown"), QStringLiteral("php"),        QStringLiteral("python"),
        QStringLiteral("ruby"),     QStringLiteral("rust"),       QStringLiteral("shell"),
        QStringLiteral("sql"),      QStringLiteral("swift"),      QStringLiteral("typescript"),
        QStringLiteral("xml"),      QStringLiteral("yaml"),       QStringLiteral("cmake"),
        QStringLiteral("diff"),     QStringLiteral("ini"),        QStringLiteral("dockerfile"),
    };
    return languages;
}

// Qt 6.4's JavaScript compiler warns about every variable highlight.js's
// minified code uses before its `var` (55 lines on each load, all harmless
// hoisting). Its category is switched off around evaluate() only: the
// filter is process-wide, so loads are serialised to restore it in order.
QMutex loadMutex;
QLoggingCategory::CategoryFilter filterBeforeLoad = nullptr;

void quietJsCompiler(QLoggingCategory* category)
{
    if (filterBeforeLoad)
        filterBeforeLoad(category);
    if (qstrcmp(category->categoryName(), "qt.qml.compiler") == 0)
        category->setEnabled(QtWarningMsg, false);
}

QJSValue evaluateQuietly(QJSEngine& engine, const QString& source, const QString& fileName)
{
    QMutexLocker lock(&loadMutex);
    filterBeforeLoad = QLoggingCategory::installFilter(quietJsCompiler);
    QJSValue result = engine.evaluate(source, fileName);
    QLoggingCategory::installFilter(filterBeforeLoad);
    filterBeforeLoad = nullptr;
    return result;
}

HighlightResult plainResult(const QString& code, const QString& language)
{
    return HighlightResult{code, language, plainSpans(code), false};
}

} // namespace

struct CodeHighlighter::Shared {
    QString scriptPath;
    mutable QMutex mutex; // guards everything below
    QWaitCondition wake;
    QList<Job> queue;
    bool stop = false;
    quint64 nextId = 0;
    QJSEngine* engine = nullptr; // the worker's, published for setInterrupted()
    QCache<CacheKey, HighlightResult> cache{kCacheCost};
    std::unique_ptr<QThread> thread;
};

// The worker thread's side: owns the engine for the thread's lifetime.
class HighlightWorker {
public:
    HighlightWorker(CodeHighlighter* owner, CodeHighlighter::Shared& shared) : owner_(owner), shared_(shared) {}

    void run()
    {
        {
            QMutexLocker lock(&shared_.mutex);
            if (shared_.stop)
                return;
            shared_.engine = &engine_;
        }
        owner_->setStatus(CodeHighlighter::Status::Loading);
        const bool loaded = load(engine_);
        owner_->setStatus(loaded ? CodeHighlighter::Status::Ready : CodeHighlighter::Status::Unavailable);
        for (;;) {
            Job job;
            {
                QMutexLocker lock(&shared_.mutex);
                while (!shared_.stop && shared_.queue.isEmpty())
                    shared_.wake.wait(&shared_.mutex);
                if (shared_.stop)
                    break;
                job = shared_.queue.takeFirst();
            }
            const HighlightResult result = loaded ? highlight(job) : plainResult(job.code, job.language);
            emit owner_->finished(job.id, result);
        }
        QMutexLocker lock(&shared_.mutex);
        shared_.engine = nullptr;
    }

private:
    bool load(QJSEngine& engine)
    {
        QFile file(shared_.scriptPath);
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcHighlight) << "no highlight.js at" << shared_.scriptPath << ": code is shown plain";
            return false;
        }
        const QString source = QString::fromUtf8(file.readAll());
        // highlight.js 9.18.5's UMD prologue assigns `hljs` to `window` or
        // `self` when it finds one (and to `exports` under CommonJS); a bare
        // QJSEngine has none of them, so give it `self`.
        engine.globalObject().setProperty(QStringLiteral("self"), engine.globalObject());
        const QJSValue evaluated = evaluateQuietly(engine, source, shared_.scriptPath);
        if (evaluated.isError()) {
            qCWarning(lcHighlight) << "highlight.js failed to load:" << evaluated.toString();
            return false;
        }
        hljs_ = engine.globalObject().property(QStringLiteral("hljs"));
        highlight_ = hljs_.property(QStringLiteral("highlight"));
        highlightAuto_ = hljs_.property(QStringLiteral("highlightAuto"));
        getLanguage_ = hljs_.property(QStringLiteral("getLanguage"));
        if (!highlight_.isCallable() || !highlightAuto_.isCallable() || !getLanguage_.isCallable()) {
            qCWarning(lcHighlight) << shared_.scriptPath << "does not define hljs.highlight: code is shown plain";
            return false;
        }
        // 9.18.5 prints an end-of-life notice through console.log on the
        // first highlight() unless told not to; QJSEngine has no console
        // here, so the call would throw.
        const QJSValue configure = hljs_.property(QStringLiteral("configure"));
        if (configure.isCallable()) {
            QJSValue options = engine.newObject();
            options.setProperty(QStringLiteral("hideUpgradeWarningAcceptNoSupportOrSecurityUpdates"), true);
            configure.callWithInstance(hljs_, {options});
        }
        autoSubset_ = engine.newArray();
        quint32 n = 0;
        for (const QString& language : autoLanguages()) {
            if (knows(language))
                autoSubset_.setProperty(n++, language);
        }
        return true;
    }

    bool knows(const QString& language) const
    {
        const QJSValue found = getLanguage_.callWithInstance(hljs_, {language});
        return found.isObject() && !found.isError();
    }

    HighlightResult highlight(const Job& job)
    {
        const QString& code = job.code;
        if (code.isEmpty() || code.size() > CodeHighlighter::kMaxCodeLength || isPlainLanguage(job.language))
            return plainResult(code, job.language);
        const CacheKey key{job.language, qHash(code)};
        {
            QMutexLocker lock(&shared_.mutex);
            if (const HighlightResult* hit = shared_.cache.object(key); hit && hit->code == code)
                return *hit;
        }
        QJSValue out;
        if (!job.language.isEmpty() && knows(job.language))
            out = highlight_.callWithInstance(hljs_, {job.language, code, true});
        else if (code.size() <= CodeHighlighter::kMaxAutoLength)
            out = highlightAuto_.callWithInstance(hljs_, {code, autoSubset_});
        else
            return plainResult(code, job.language);
        // An error: an exception inside highlight.js, or setInterrupted().
        if (out.isError() || !out.isObject())
            return plainResult(code, job.language);
        const QString html = out.property(QStringLiteral("value")).toString();
        std::optional<QList<Span>> spans = spansFromHljsHtml(html, code);
        if (!spans) {
            qCWarning(lcHighlight) << "unexpected highlight.js output for" << job.language << ": shown plain";
            return plainResult(code, job.language);
        }
        const QJSValue detected = out.property(QStringLiteral("language"));
        HighlightResult result{code, detected.isString() ? detected.toString() : job.language, std::move(*spans), true};
        QMutexLocker lock(&shared_.mutex);
        shared_.cache.insert(key, new HighlightResult(result), code.size() + result.spans.size() * 8);
        return result;
    }

    CodeHighlighter* owner_;
    CodeHighlighter::Shared& shared_;
    // Created on the worker thread with this object; declared before the
    // values it owns, so they go first.
    QJSEngine engine_;
    QJSValue hljs_, highlight_, highlightAuto_, getLanguage_, autoSubset_;
};

QString CodeHighlighter::bundledScriptPath()
{
    return QStringLiteral(":/vela/highlight/highlight.min.js");
}

CodeHighlighter* CodeHighlighter::shared()
{
    static QPointer<CodeHighlighter> instance;
    if (!instance) {
        instance = new CodeHighlighter(QCoreApplication::instance());
        // Joined while the application is still whole: post routines run
        // first in ~QCoreApplication, its children are deleted only after
        // it has torn itself down.
        qAddPostRoutine([] { delete instance; });
    }
    return instance;
}

CodeHighlighter::CodeHighlighter(QObject* parent) : CodeHighlighter(bundledScriptPath(), parent) {}

CodeHighlighter::CodeHighlighter(const QString& scriptPath, QObject* parent)
    : QObject(parent), shared_(std::make_unique<Shared>())
{
    qRegisterMetaType<HighlightResult>();
    shared_->scriptPath = scriptPath;
}

CodeHighlighter::~CodeHighlighter()
{
    {
        QMutexLocker lock(&shared_->mutex);
        shared_->stop = true;
        // setInterrupted() is thread-safe: a long highlight() returns an
        // error at once instead of holding up the application's exit.
        if (shared_->engine)
            shared_->engine->setInterrupted(true);
        shared_->wake.wakeAll();
    }
    if (shared_->thread)
        shared_->thread->wait();
}

quint64 CodeHighlighter::request(const QString& code, const QString& language)
{
    QMutexLocker lock(&shared_->mutex);
    const quint64 id = ++shared_->nextId;
    shared_->queue.append(Job{id, code, language});
    if (!shared_->thread) {
        // `this` and its state outlive the thread: the destructor joins it.
        shared_->thread.reset(QThread::create([this] { HighlightWorker(this, *shared_).run(); }));
        shared_->thread->setObjectName(QStringLiteral("vela-highlight"));
        shared_->thread->start(QThread::LowPriority);
    }
    shared_->wake.wakeOne();
    return id;
}

std::optional<HighlightResult> CodeHighlighter::cached(const QString& code, const QString& language) const
{
    QMutexLocker lock(&shared_->mutex);
    const HighlightResult* hit = shared_->cache.object(CacheKey{language, qHash(code)});
    if (!hit || hit->code != code)
        return std::nullopt;
    return *hit;
}

void CodeHighlighter::setStatus(Status status)
{
    if (status_.exchange(status) != status)
        emit statusChanged();
}

} // namespace vela::highlight
