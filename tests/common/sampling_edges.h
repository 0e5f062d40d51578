// The values at and just past each end of a sampling::Field's range, with
// whether the field accepts them: what the sampler, store, settings model and
// CLI tests walk so that every layer is held to the one table.
#pragma once

#include "sampling/fields.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace vela::test {

struct SamplingEdge {
    double value;
    bool valid;
};

inline std::vector<SamplingEdge> samplingEdges(const sampling::Field& f)
{
    const bool integer = f.kind == sampling::FieldKind::Integer;
    auto step = [&](double end) { return integer ? 1.0 : std::max(1e-3, std::fabs(end) * 1e-3); };
    const sampling::Range& r = f.range;
    std::vector<SamplingEdge> e;
    if (r.minOpen)
        e.insert(e.end(), {{r.min, false}, {r.min + step(r.min), true}});
    else
        e.insert(e.end(), {{r.min, true}, {r.min - step(r.min), false}});
    if (r.maxOpen)
        e.insert(e.end(), {{r.max, false}, {r.max - step(r.max), true}});
    else
        e.insert(e.end(), {{r.max, true}, {r.max + step(r.max), false}});
    if (integer)
        e.push_back({r.min + 0.5, false});
    else if (r.minOpen && r.min == 0.0)
        e.push_back({1e-50, false}); // above 0 as a double, 0 as the sampler's float
    return e;
}

} // namespace vela::test
