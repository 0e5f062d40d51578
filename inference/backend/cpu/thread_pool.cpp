#include "backend/cpu/thread_pool.h"

namespace vela::backend::cpu {

ThreadPool::ThreadPool(unsigned threads)
{
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 1; i < threads; ++i)
        workers_.emplace_back([this, i] { workerLoop(i); });
}

ThreadPool::~ThreadPool()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : workers_)
        t.join();
}

namespace {

void range(size_t n, unsigned parts, unsigned index, size_t& begin, size_t& end)
{
    begin = n * index / parts;
    end = n * (index + 1) / parts;
}

} // namespace

void ThreadPool::workerLoop(unsigned index)
{
    unsigned long seen = 0;
    for (;;) {
        const std::function<void(size_t, size_t)>* body;
        size_t n;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
            if (stopping_)
                return;
            seen = generation_;
            body = body_;
            n = n_;
        }
        size_t b, e;
        range(n, size(), index, b, e);
        std::exception_ptr err;
        try {
            if (b < e)
                (*body)(b, e);
        } catch (...) {
            err = std::current_exception();
        }
        std::lock_guard lock(mutex_);
        if (err && !error_)
            error_ = err;
        if (--pending_ == 0)
            done_.notify_one();
    }
}

void ThreadPool::parallelFor(size_t n, const std::function<void(size_t, size_t)>& body)
{
    if (workers_.empty() || n < 2) {
        if (n)
            body(0, n);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        body_ = &body;
        n_ = n;
        pending_ = unsigned(workers_.size());
        error_ = nullptr;
        ++generation_;
    }
    wake_.notify_all();
    size_t b, e;
    range(n, size(), 0, b, e);
    std::exception_ptr err;
    try {
        if (b < e)
            body(b, e);
    } catch (...) {
        err = std::current_exception();
    }
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
    if (!err)
        err = error_;
    if (err)
        std::rethrow_exception(err);
}

} // namespace vela::backend::cpu
