// CodeHighlighter: syntax highlighting of code blocks with Debian's
// highlight.js (9.18.5, bundled into the resources at build time) running
// in a QJSEngine on a worker thread of its own.
//
// The engine is created, used and destroyed by that thread only (started on
// the first request, so a chat without code never pays for loading the
// 850 KB script); the GUI thread only queues requests and receives
// finished() (a queued signal for receivers on other threads). Every result
// covers the code exactly (spans, see hljs_spans.h); when highlighting is
// not possible or not worth it the result is the code as one plain span:
//   * the script is missing or does not load (status() Unavailable, never a
//     crash, every result plain);
//   * the code is empty or longer than kMaxCodeLength;
//   * the language is not one highlight.js knows and the code is longer than
//     kMaxAutoLength (auto-detection runs every candidate language over the
//     code: seconds for a few tens of KB), or the fence says "text".
// Results are cached by (language, code hash), bounded (kCacheCost); cached()
// answers from the cache on any thread, so a recreated delegate shows its
// colours at once.
//
//   auto* h = CodeHighlighter::shared();
//   const quint64 id = h->request(code, "python");
//   connect(h, &CodeHighlighter::finished, this, [id](quint64 done, const HighlightResult& r) {
//       if (done == id) … r.spans …
//   });
#pragma once

#include "highlight/hljs_spans.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace vela::highlight {

struct HighlightResult {
    QString code;     // as requested
    QString language; // as requested, or the one highlight.js detected
    QList<Span> spans; // cover `code` exactly once
    bool highlighted = false; // false: `spans` is the code as one plain span
};

class CodeHighlighter : public QObject {
    Q_OBJECT
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)

public:
    enum class Status {
        Idle,        // no request yet: the script is not loaded
        Loading,     // the worker is loading the script
        Ready,       // highlight.js is loaded
        Unavailable, // the script is missing or failed to load: all plain
    };
    Q_ENUM(Status)

    static constexpr qsizetype kMaxCodeLength = 200 * 1024;
    static constexpr qsizetype kMaxAutoLength = 4 * 1024;
    // The cache's bound in UTF-16 code units of code (plus a little per span).
    static constexpr qsizetype kCacheCost = 4 * 1024 * 1024;

    // The bundled highlight.js (":/vela/highlight/highlight.min.js").
    static QString bundledScriptPath();
    // The application's highlighter (created on first use, on the GUI
    // thread; deleted when the QCoreApplication is).
    static CodeHighlighter* shared();

    explicit CodeHighlighter(QObject* parent = nullptr);
    // A highlighter that loads highlight.js from `scriptPath` (tests).
    explicit CodeHighlighter(const QString& scriptPath, QObject* parent = nullptr);
    // Interrupts a highlight in progress and joins the worker.
    ~CodeHighlighter() override;

    Status status() const { return status_.load(); }

    // Queues (code, language) for the worker and returns the id finished()
    // will carry. Requests are served in order; the caller coalesces (a
    // streaming code block asks again only when its previous answer came).
    quint64 request(const QString& code, const QString& language);
    // The cached result for (code, language), if any; thread-safe.
    std::optional<HighlightResult> cached(const QString& code, const QString& language) const;

signals:
    // Emitted from the worker thread.
    void finished(quint64 id, const vela::highlight::HighlightResult& result);
    void statusChanged();

private:
    friend class HighlightWorker;
    void setStatus(Status status);

    struct Shared;
    std::unique_ptr<Shared> shared_;
    std::atomic<Status> status_{Status::Idle};
};

} // namespace vela::highlight

Q_DECLARE_METATYPE(vela::highlight::HighlightResult)
