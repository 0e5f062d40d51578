// A small fixed pool of worker threads for data-parallel loops.
//
// parallelFor splits [0, n) into one contiguous range per thread (the caller
// thread takes the first) and returns when all are done. Exceptions thrown
// by the body are rethrown in the caller.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vela::backend::cpu {

class ThreadPool {
public:
    explicit ThreadPool(unsigned threads); // 0: hardware concurrency
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    unsigned size() const { return unsigned(workers_.size()) + 1; }
    void parallelFor(size_t n, const std::function<void(size_t begin, size_t end)>& body);

private:
    void workerLoop(unsigned index);

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    const std::function<void(size_t, size_t)>* body_ = nullptr;
    size_t n_ = 0;
    unsigned long generation_ = 0;
    unsigned pending_ = 0;
    bool stopping_ = false;
    std::exception_ptr error_;
};

} // namespace vela::backend::cpu
