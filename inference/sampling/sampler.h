// The sampler chain: turns one position's logits into the next token.
//
// Order (each step sees the previous step's output):
//   1. penalties over the last `penaltyLastN` tokens of the history:
//      repetition (logit / r if positive, * r if negative, once per distinct
//      token), then presence (- p once per distinct token) and frequency
//      (- f × count), as in llama.cpp's penalties sampler;
//   2. temperature ≤ 0 → greedy: the argmax, nothing else applies;
//   3. temperature: logits / T;
//   4. mirostat v2 when enabled: instead of 5–7, keep the tokens whose
//      surprise -log2 p ≤ mu, sample, and move mu by eta × (surprise - tau);
//   5. top-k: keep the k most likely (k ≤ 0: all);
//   6. top-p: keep the smallest prefix whose probability reaches p;
//   7. min-p: drop tokens whose probability is below min_p × the best;
//   8. sample from the renormalized distribution with the seeded generator.
// Temperature before the truncations follows Hugging Face transformers'
// warper order, which the Qwen3 model card's recommended settings assume.
#pragma once

#include "common/token.h"

#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace vela::sampling {

using vela::TokenId;
using vela::TokenLogit;

// The defaults of the fields in sampling/fields.h are its non-thinking preset
// (tst_sampler checks they agree); validate() checks those fields against the
// table's ranges.
struct SamplingParams {
    float temperature = 0.7f; // 0: greedy
    int topK = 20;            // 0: disabled
    float topP = 0.8f;        // 1: disabled
    float minP = 0.0f;        // 0: disabled
    float repeatPenalty = 1.0f;
    float presencePenalty = 0.0f;
    float frequencyPenalty = 0.0f;
    int penaltyLastN = 64;
    bool mirostat = false;    // mirostat v2
    float mirostatTau = 5.0f;
    float mirostatEta = 0.1f;
    uint64_t seed = 0;

    // The Qwen3 model card's presets, from the table in sampling/fields.h.
    static SamplingParams thinking();
    static SamplingParams nonThinking();
    static SamplingParams greedy();

    // Throws vela::InvalidInput naming the first parameter out of range.
    void validate() const;
};

class Sampler {
public:
    explicit Sampler(const SamplingParams& params);

    // history: the tokens before this position (prompt and generated), for penalties.
    TokenId sample(std::span<const float> logits, std::span<const TokenId> history);

    // The same choice from only the position's best logits (descending, as
    // backend::Backend::forwardTop returns them), which must number at least
    // candidatesNeeded(history): then the result, and the random draws, are
    // exactly those of sample(all logits).
    TokenId sample(std::span<const TokenLogit> best, std::span<const TokenId> history);

    // How many best logits suffice: 1 for greedy, top-k otherwise, plus the
    // distinct penalized tokens (a penalty only lowers a logit, so the top
    // after penalties lies within the top k + penalized before them). 0 when
    // every logit is needed: mirostat, top-k off, or a penalty that can
    // raise a logit (repeat < 1, negative presence or frequency).
    size_t candidatesNeeded(std::span<const TokenId> history) const;

    const SamplingParams& params() const { return params_; }
    float mirostatMu() const { return mu_; }

private:
    struct Candidate {
        TokenId id;
        float logit;
        float p;
    };
    // fullVocabulary: c[i].id == i for every token (penalties index directly).
    void applyPenalties(std::vector<Candidate>& c, std::span<const TokenId> history, bool fullVocabulary) const;
    bool penaltiesActive(std::span<const TokenId> history) const;
    TokenId choose(); // steps 2-8 over candidates_

    SamplingParams params_;
    std::mt19937_64 rng_;
    float mu_;
    std::vector<Candidate> candidates_;
};

} // namespace vela::sampling
