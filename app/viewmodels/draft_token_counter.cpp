#include "draft_token_counter.h"

#include "engine/engine_controller.h"
#include "engine/inference_worker.h" // engine_controller.h needs the complete type (QPointer)
#include "tokenizer/tokenizer.h"

#include <QLocale>
#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace vela::app {

DraftTokenCounter::DraftTokenCounter(EngineController& engine, QObject* parent) : QObject(parent), engine_(engine)
{
    timer_.setInterval(150);
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &DraftTokenCounter::recount);
    connect(&watcher_, &QFutureWatcher<int>::finished, this, &DraftTokenCounter::onCounted);
    // Another tokenizer (or none): count again.
    connect(&engine_, &EngineController::modelInfoChanged, this, &DraftTokenCounter::recount);
    recount();
}

void DraftTokenCounter::setText(const QString& text)
{
    if (text == text_)
        return;
    text_ = text;
    emit textChanged();
    timer_.start();
}

void DraftTokenCounter::recount()
{
    timer_.stop();
    ++request_; // a count still running answers an older request
    if (!engine_.isLoaded() || !engine_.modelInfo().tokenizer) {
        setTokenText(tr("≈ %1 tokens").arg(QLocale().toString(qlonglong((text_.size() + 3) / 4))));
        return;
    }
    if (!watcher_.isRunning())
        startCount(); // else onCounted() starts the newer one
}

void DraftTokenCounter::startCount()
{
    running_ = request_;
    // The tokenizer is immutable and shared (LoadedModelInfo::tokenizer); the text
    // is an implicitly shared copy, converted on the pool's thread too.
    auto promise = std::make_shared<QPromise<int>>();
    QFuture<int> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, tokenizer = engine_.modelInfo().tokenizer, text = text_] {
        promise->addResult(int(tokenizer->encode(text.toStdString(), false).size()));
        promise->finish();
    });
    watcher_.setFuture(future);
}

void DraftTokenCounter::onCounted()
{
    if (running_ != request_) {
        // The text or the model changed while it ran: count again, unless
        // the model is gone (recount() showed the estimate then).
        if (engine_.isLoaded() && engine_.modelInfo().tokenizer)
            startCount();
        return;
    }
    const int n = watcher_.future().resultCount() > 0 ? watcher_.result() : -1;
    if (n >= 0)
        setTokenText(tr("%1 tokens").arg(QLocale().toString(n)));
}

void DraftTokenCounter::setTokenText(const QString& text)
{
    if (text == tokenText_)
        return;
    tokenText_ = text;
    emit tokenTextChanged();
}

} // namespace vela::app
