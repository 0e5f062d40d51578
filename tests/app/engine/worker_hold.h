// Holds the inference worker's thread at a known point, so that a test acts
// while the engine is certainly there, on a machine of any speed (a test
// that raced the engine instead failed about one run in ten on a busy
// machine; see docs/notes.md, "Stop-timing tests"):
//  * holdQueue(): a blocking call queued to the worker; nothing queued after
//    it starts before release();
//  * holdAtFirstDelta(): inside the first replyDelta the worker emits from
//    then on, i.e. mid-reply, with some text streamed and the reply's end
//    not yet reached.
// The destructor releases it, so that a failed check never leaves the worker
// waiting (its thread, and so the controller's destructor, would never end).
#pragma once

#include "engine/inference_worker.h"

#include <QObject>
#include <QSemaphore>
#include <QtTest/QtTest>

#include <atomic>
#include <memory>

namespace vela::app::test_support {

class WorkerHold {
public:
    WorkerHold() = default;
    ~WorkerHold() { release(); }
    WorkerHold(const WorkerHold&) = delete;
    WorkerHold& operator=(const WorkerHold&) = delete;

    void holdQueue(InferenceWorker* worker)
    {
        QMetaObject::invokeMethod(worker, [g = gate_] { g->enter(); }, Qt::QueuedConnection);
    }

    void holdAtFirstDelta(InferenceWorker* worker)
    {
        auto armed = std::make_shared<std::atomic<bool>>(true);
        QObject::connect(worker, &InferenceWorker::replyDelta, &scope_,
                         [g = gate_, armed] {
                             if (armed->exchange(false))
                                 g->enter();
                         },
                         Qt::DirectConnection);
    }

    // True once the worker waits in the hold (runs this thread's event loop meanwhile).
    bool waitHeld(int timeoutMs)
    {
        return QTest::qWaitFor([this] { return gate_->held.load(); }, timeoutMs);
    }

    // Lets the worker go on (at once if it has not reached the hold yet). Once.
    void release()
    {
        if (released_)
            return;
        released_ = true;
        gate_->resume.release();
    }

private:
    // Shared with the worker's side, which may still be in it when this object is gone.
    struct Gate {
        QSemaphore resume;
        std::atomic<bool> held{false};
        void enter()
        {
            held = true;
            resume.acquire();
        }
    };
    std::shared_ptr<Gate> gate_ = std::make_shared<Gate>();
    bool released_ = false;
    QObject scope_; // ends holdAtFirstDelta's connection with this object
};

} // namespace vela::app::test_support
