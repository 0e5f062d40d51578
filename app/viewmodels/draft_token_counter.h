// DraftTokenCounter: the composer's text and its size, for the composer:
// "N tokens" counted with the loaded model's tokenizer, "≈ N tokens" (about
// 4 characters a token) without a model. Recounted 150 ms after the last
// change, so that typing stays smooth, and on a thread of the global pool: a
// pasted 2 MB draft takes the tokenizer a second or more, which the window
// must not wait for. One count runs at a time; the last request wins.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace vela::app {

class EngineController;

class DraftTokenCounter : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ChatController")
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(QString tokenText READ tokenText NOTIFY tokenTextChanged)
public:
    // Counts with `engine`'s tokenizer, again whenever its model changes.
    explicit DraftTokenCounter(EngineController& engine, QObject* parent = nullptr);

    QString text() const { return text_; }
    void setText(const QString& text);
    QString tokenText() const { return tokenText_; }
    // The delay between the last change and the count (default 150 ms).
    void setDelay(int ms) { timer_.setInterval(ms); }

public slots:
    // Counts now (another model, another UI language).
    void recount();

signals:
    void textChanged();
    void tokenTextChanged();

private:
    void startCount();
    void onCounted();
    void setTokenText(const QString& text);

    EngineController& engine_;
    QString text_;
    QString tokenText_;
    QTimer timer_;
    QFutureWatcher<int> watcher_;
    quint64 request_ = 0; // bumped by every recount(): what the shown count should answer
    quint64 running_ = 0; // the request the running count answers
};

} // namespace vela::app
