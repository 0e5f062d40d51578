#include "sampling/sampler.h"

#include "sampling/fields.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace vela::sampling {

namespace {

SamplingParams preset(std::optional<double> Field::* mode)
{
    SamplingParams p;
    for (const Field& f : fields())
        if (f.inSampler() && f.*mode)
            set(p, f, *(f.*mode));
    return p;
}

} // namespace

SamplingParams SamplingParams::thinking() { return preset(&Field::thinking); }

SamplingParams SamplingParams::nonThinking() { return preset(&Field::nonThinking); }

SamplingParams SamplingParams::greedy()
{
    SamplingParams p;
    p.temperature = 0.0f;
    return p;
}

void SamplingParams::validate() const
{
    auto bad = [](const std::string& what) { throw InvalidInput("sampling: " + what); };
    for (const Field& f : fields())
        if (f.inSampler())
            if (auto e = valueError(f, get(*this, f)))
                bad(*e);
    // Engine-only parameters, not in the table (no user stores them).
    if (penaltyLastN < 0)
        bad("penalty window is negative");
    if (mirostat && !(mirostatTau > 0.0f && mirostatEta > 0.0f && mirostatEta <= 1.0f))
        bad("mirostat needs tau > 0 and 0 < eta ≤ 1");
}

Sampler::Sampler(const SamplingParams& params) : params_(params), rng_(params.seed), mu_(2.0f * params.mirostatTau)
{
    params_.validate();
}

bool Sampler::penaltiesActive(std::span<const TokenId> history) const
{
    const bool any = params_.repeatPenalty != 1.0f || params_.presencePenalty != 0.0f || params_.frequencyPenalty != 0.0f;
    return any && params_.penaltyLastN > 0 && !history.empty();
}

void Sampler::applyPenalties(std::vector<Candidate>& c, std::span<const TokenId> history, bool fullVocabulary) const
{
    if (!penaltiesActive(history))
        return;
    const size_t n = std::min(history.size(), size_t(params_.penaltyLastN));
    std::unordered_map<TokenId, int> counts;
    for (TokenId t : history.subspan(history.size() - n))
        ++counts[t];
    auto penalize = [&](float& l, int count) {
        l = l > 0.0f ? l / params_.repeatPenalty : l * params_.repeatPenalty;
        l -= float(count) * params_.frequencyPenalty + params_.presencePenalty;
    };
    if (fullVocabulary) {
        for (const auto& [id, count] : counts)
            if (id >= 0 && size_t(id) < c.size())
                penalize(c[size_t(id)].logit, count);
        return;
    }
    for (Candidate& cand : c)
        if (auto it = counts.find(cand.id); it != counts.end())
            penalize(cand.logit, it->second);
}

size_t Sampler::candidatesNeeded(std::span<const TokenId> history) const
{
    if (params_.mirostat || (params_.temperature > 0.0f && params_.topK <= 0))
        return 0;
    const size_t base = params_.temperature <= 0.0f ? 1 : size_t(params_.topK);
    if (!penaltiesActive(history))
        return base;
    if (params_.repeatPenalty < 1.0f || params_.presencePenalty < 0.0f || params_.frequencyPenalty < 0.0f)
        return 0;
    const size_t n = std::min(history.size(), size_t(params_.penaltyLastN));
    std::vector<TokenId> window(history.end() - ptrdiff_t(n), history.end());
    std::sort(window.begin(), window.end());
    return base + size_t(std::unique(window.begin(), window.end()) - window.begin());
}

namespace {

// Sorts by logit (descending) and fills p with the softmax.
void softmaxSorted(std::vector<float>& p, std::vector<std::pair<float, TokenId>>& order)
{
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    p.resize(order.size());
    const float max = order.front().first;
    double sum = 0.0;
    for (size_t i = 0; i < order.size(); ++i) {
        p[i] = std::exp(order[i].first - max);
        sum += p[i];
    }
    for (float& x : p)
        x = float(x / sum);
}

} // namespace

TokenId Sampler::sample(std::span<const float> logits, std::span<const TokenId> history)
{
    if (logits.empty())
        throw InvalidInput("sampling: no logits");
    candidates_.resize(logits.size());
    for (size_t i = 0; i < logits.size(); ++i)
        candidates_[i] = {TokenId(i), logits[i], 0.0f};
    applyPenalties(candidates_, history, true);
    return choose();
}

TokenId Sampler::sample(std::span<const TokenLogit> best, std::span<const TokenId> history)
{
    if (best.empty())
        throw InvalidInput("sampling: no logits");
    candidates_.resize(best.size());
    for (size_t i = 0; i < best.size(); ++i)
        candidates_[i] = {best[i].id, best[i].logit, 0.0f};
    applyPenalties(candidates_, history, false);
    return choose();
}

TokenId Sampler::choose()
{
    if (params_.temperature <= 0.0f) {
        // Ties go to the lower id, whatever the candidates' order.
        auto best = std::max_element(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
            return a.logit < b.logit || (a.logit == b.logit && a.id > b.id);
        });
        return best->id;
    }

    // Work on (logit / T, id), sorted by likelihood.
    std::vector<std::pair<float, TokenId>> order;
    order.reserve(candidates_.size());
    for (const Candidate& c : candidates_)
        if (std::isfinite(c.logit))
            order.push_back({c.logit / params_.temperature, c.id});
    if (order.empty())
        throw RuntimeFailure("sampling: every logit is infinite or NaN");
    std::vector<float> p;

    if (params_.mirostat) {
        softmaxSorted(p, order);
        size_t keep = 0;
        while (keep < p.size() && -std::log2(p[keep]) <= mu_)
            ++keep;
        keep = std::max<size_t>(keep, 1);
        std::discrete_distribution<size_t> dist(p.begin(), p.begin() + ptrdiff_t(keep));
        const size_t chosen = dist(rng_);
        double kept = 0.0;
        for (size_t i = 0; i < keep; ++i)
            kept += p[i];
        const float surprise = float(-std::log2(p[chosen] / kept));
        mu_ -= params_.mirostatEta * (surprise - params_.mirostatTau);
        return order[chosen].second;
    }

    if (params_.topK > 0 && size_t(params_.topK) < order.size()) {
        std::partial_sort(order.begin(), order.begin() + params_.topK, order.end(), [](const auto& a, const auto& b) {
            return a.first > b.first || (a.first == b.first && a.second < b.second);
        });
        order.resize(size_t(params_.topK));
    }
    softmaxSorted(p, order);
    size_t keep = p.size();
    if (params_.topP < 1.0f) {
        double cum = 0.0;
        for (size_t i = 0; i < p.size(); ++i) {
            cum += p[i];
            if (cum >= params_.topP) {
                keep = i + 1;
                break;
            }
        }
    }
    if (params_.minP > 0.0f) {
        const float floor = params_.minP * p[0];
        size_t k = 1;
        while (k < keep && p[k] >= floor)
            ++k;
        keep = k;
    }
    std::discrete_distribution<size_t> dist(p.begin(), p.begin() + ptrdiff_t(keep));
    return order[dist(rng_)].second;
}

} // namespace vela::sampling
