#include "engine/delta_coalescer.h"

#include <utility>

namespace vela::app {

DeltaCoalescer::Batch DeltaCoalescer::take(Clock::time_point now)
{
    lastTake_ = now;
    Batch b{std::move(reasoning_), std::move(content_)};
    reasoning_.clear();
    content_.clear();
    return b;
}

} // namespace vela::app
