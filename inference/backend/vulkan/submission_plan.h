// SubmissionPlan: how one step's work (a prefill chunk or a decoded token)
// is split into queue submissions ("segments") by layers, so that no single
// submission keeps a real GPU busy for long. Windows resets a GPU whose
// submission runs past about 2 s (TDR), Linux drivers have hang checks, and
// an integrated GPU shows no desktop frame while a submission runs. Segment
// i runs layers [begin, end); the first also runs the embedding, the last
// the output head (norm, logits, top-k).
//
// How many segments: each piece's work in GFLOP (stepWork) times the
// device's measured speed (SpeedEstimate: ms per GFLOP, a conservative
// guess per device class until the first measurement) predicts each
// segment's time; planSegments picks the fewest even splits whose every
// segment stays within the target. Pure functions: no Vulkan here.
#pragma once

#include "model/config.h"

#include <array>
#include <cstdint>
#include <vector>

namespace vela::backend::vulkan {

// The device time one submission aims at: well under the 2 s a driver
// allows before it resets the GPU (Windows TDR), leaving a 10× margin for
// a wrong estimate, and short enough that a desktop sharing an integrated
// GPU stutters rather than freezes; long enough that a submission's fixed
// cost (tens of µs on a GPU, a few ms on lavapipe) stays negligible.
inline constexpr double kSubmissionTargetMs = 150.0;

// Device speed guesses (ms per GFLOP) before anything was measured, on the
// slow side so that the first chunk on an unknown device is split finely
// rather than submitted whole: 25 GFLOP/s for a GPU (an old integrated GPU
// achieves about that on quantized products; a discrete one 100× more),
// 2 GFLOP/s for a CPU device (lavapipe on this project's two-core machine:
// about 3 on the tiny test models, where fixed costs dominate, and about 18
// on a 1.7B model, 128 positions in 20 s per docs/notes.md).
inline constexpr double kInitialMsPerGflopGpu = 1000.0 / 25.0;
inline constexpr double kInitialMsPerGflopCpu = 1000.0 / 2.0;

struct LayerRange {
    uint32_t begin = 0, end = 0; // layers [begin, end)
    bool operator==(const LayerRange&) const = default;
};

// One step's work in GFLOP: every layer's (the products plus attention over
// the positions before it) and the output head's (the vocabulary product
// for the rows whose logits are computed; 0 for none).
struct StepWork {
    std::vector<double> layers;
    double head = 0.0;
    double total() const;
};
StepWork stepWork(const model::Config& c, uint32_t tokens, uint32_t pos, uint32_t logitRows);

// The layers split into `segments` consecutive ranges whose sizes differ
// by at most one (the larger first). 1 ≤ segments ≤ nLayers (clamped).
std::vector<LayerRange> splitLayers(uint32_t nLayers, uint32_t segments);

// The fewest segments (1..number of layers) of splitLayers() whose every
// predicted time (its layers' work, plus the head for the last, times
// msPerGflop) is at most targetMs; every layer its own segment when even
// that does not fit (one layer is the smallest unit a submission holds).
uint32_t planSegments(const StepWork& work, double msPerGflop, double targetMs);

// The device's speed in ms per GFLOP, measured per size class of steps
// (1 token, 2-3, 4-7, ..., 128: a decoded token is bound by memory
// bandwidth, a prefill chunk by arithmetic, so their rates differ). A class
// not measured yet takes the nearest measured one's rate (the larger one's
// on a tie), or the initial guess. A slower measurement is taken at once
// (a busy or throttled GPU must not keep long submissions); a faster one
// is averaged in, so that one quick step does not lengthen every segment.
class SpeedEstimate {
public:
    explicit SpeedEstimate(double initialMsPerGflop) : initial_(initialMsPerGflop) {}
    double msPerGflop(uint32_t tokens) const;
    void record(uint32_t tokens, double gflop, double ms);

private:
    static constexpr double kFasterWeight = 0.3; // weight of a faster measurement
    static size_t sizeClass(uint32_t tokens);
    double initial_;
    std::array<double, 33> measured_{}; // by sizeClass; 0: not measured
};

} // namespace vela::backend::vulkan
