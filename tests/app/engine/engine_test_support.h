// What the engine tests share: the random-weight models they load, and a
// recorder of one request's signals (Reply, track, runReply). Everything is
// driven from the test's (the GUI) thread through queued signals; waits are
// generous because the machine running the tests may be slow and shared.
#pragma once

#include "engine/engine_controller.h"
#include "engine/inference_worker.h"

#include "model_writer.h"
#include "worker_hold.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QtTest>

namespace vela::app::test_support {

inline constexpr int kLoadTimeoutMs = 120000;
inline constexpr int kReplyTimeoutMs = 300000;

// Large enough that a token takes milliseconds, so that a reply is still
// running when the test stops it or destroys the controller.
inline test::ModelSpec slowSpec()
{
    test::ModelSpec s;
    s.nLayers = 4;
    s.nEmbd = 384;
    s.headDim = 64;
    s.nHead = {6};
    s.nHeadKv = {2};
    s.nFf = {1536};
    s.tied = false;
    s.seed = 3;
    return s;
}

inline QList<ChatTurn> ask(const QString& text)
{
    return {ChatTurn{chat::Role::User, text, {}}};
}

inline ReplyOptions greedy(int maxTokens, bool thinking = true)
{
    ReplyOptions o;
    o.thinking = thinking;
    o.maxTokens = maxTokens;
    o.sampling = sampling::SamplingParams::greedy();
    return o;
}

// Everything the controller said about one request.
struct Reply {
    QString reasoning, content; // concatenated deltas
    int deltas = 0;
    QStringList log;            // "R" reasoning delta, "C" content delta, "P:R"/"P:A" phases
    bool done = false;
    bool failed = false;
    ReplyResult result;
    ErrorInfo error;
    Qt::HANDLE engineThread = nullptr; // the thread the worker emitted from
};

// Records the signals of request `id` into `r` until `scope` is destroyed.
inline void track(EngineController& c, quint64 id, Reply& r, const QObject* scope)
{
    QObject::connect(&c, &EngineController::replyDelta, scope, [&r, id](quint64 rid, const QString& rs, const QString& ct) {
        if (rid != id)
            return;
        ++r.deltas;
        r.reasoning += rs;
        r.content += ct;
        if (!rs.isEmpty())
            r.log << QStringLiteral("R");
        if (!ct.isEmpty())
            r.log << QStringLiteral("C");
    });
    QObject::connect(&c, &EngineController::phaseChanged, scope, [&r, id](quint64 rid, ReplyPhase p) {
        if (rid == id)
            r.log << (p == ReplyPhase::Reasoning ? QStringLiteral("P:R") : QStringLiteral("P:A"));
    });
    QObject::connect(&c, &EngineController::replyFinished, scope, [&r, id](quint64 rid, const ReplyResult& res) {
        if (rid != id)
            return;
        r.result = res;
        r.done = true;
    });
    QObject::connect(&c, &EngineController::replyFailed, scope, [&r, id](quint64 rid, const ErrorInfo& e) {
        if (rid != id)
            return;
        r.error = e;
        r.failed = true;
        r.done = true;
    });
    // Direct: runs on the thread that emits, i.e. where the engine runs.
    QObject::connect(c.worker(), &InferenceWorker::replyFinished, scope,
                     [&r, id](quint64 rid, const ReplyResult&) {
                         if (rid == id)
                             r.engineThread = QThread::currentThreadId();
                     },
                     Qt::DirectConnection);
}

inline Reply runReply(EngineController& c, quint64 id, const QList<ChatTurn>& turns, const ReplyOptions& options)
{
    Reply r;
    const QObject scope;
    track(c, id, r, &scope);
    c.generate(id, turns, options);
    if (!QTest::qWaitFor([&] { return r.done; }, kReplyTimeoutMs))
        qWarning("reply %llu did not finish", static_cast<unsigned long long>(id));
    return r;
}

inline bool load(EngineController& c, const QString& path, BackendChoice backend = {}, uint contextSize = 0)
{
    QSignalSpy loaded(&c, &EngineController::modelLoaded);
    QSignalSpy failed(&c, &EngineController::loadFailed);
    c.loadModel(path, backend, contextSize);
    return QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, kLoadTimeoutMs) &&
           !loaded.isEmpty();
}

inline BackendChoice cpu()
{
    BackendChoice b;
    b.kind = BackendChoice::Kind::Cpu;
    return b;
}


// The models in a temporary directory: chat (a small Qwen3 chat model),
// slow (tokens take milliseconds), base (no chat template) and garbage (not
// a GGUF file).
struct ModelFiles {
    QTemporaryDir dir;
    QString chat, slow, base, garbage;

    bool write()
    {
        if (!dir.isValid())
            return false;
        chat = dir.filePath(QStringLiteral("chat.gguf"));
        slow = dir.filePath(QStringLiteral("slow.gguf"));
        base = dir.filePath(QStringLiteral("base.gguf"));
        garbage = dir.filePath(QStringLiteral("garbage.gguf"));
        test::writeModel(test::chatSpec(), chat.toStdString());
        test::writeModel(slowSpec(), slow.toStdString());
        gguf::Writer baseModel = test::buildModel(test::chatSpec());
        baseModel.setString("tokenizer.chat_template", ""); // a base model: completion only
        baseModel.writeFile(base.toStdString());
        QFile file(garbage);
        return file.open(QIODevice::WriteOnly) && file.write(QByteArray(4096, 'x')) == 4096;
    }
};

} // namespace vela::app::test_support
