// LruCache: a map that keeps its `capacity` most recently used entries.
// The Vulkan backend keeps recorded command buffers in one (a decode step and
// the full prefill chunk are reused all the time; the tail of every prompt
// has its own length and is seldom seen twice).
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <utility>

namespace vela::backend::vulkan {

template <typename Key, typename Value>
class LruCache {
public:
    explicit LruCache(size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

    // The entry for `key` (now the most recently used), or null.
    Value* find(const Key& key)
    {
        auto it = index_.find(key);
        if (it == index_.end())
            return nullptr;
        order_.splice(order_.begin(), order_, it->second);
        return &it->second->second;
    }
    // Adds (or replaces) the entry for `key` as the most recently used;
    // drops the least recently used ones past the capacity.
    Value& insert(const Key& key, Value value)
    {
        if (auto it = index_.find(key); it != index_.end()) {
            order_.erase(it->second);
            index_.erase(it);
        }
        order_.emplace_front(key, std::move(value));
        index_[key] = order_.begin();
        while (order_.size() > capacity_) {
            index_.erase(order_.back().first);
            order_.pop_back();
        }
        return order_.front().second;
    }
    bool contains(const Key& key) const { return index_.count(key) != 0; }
    size_t size() const { return order_.size(); }
    size_t capacity() const { return capacity_; }

private:
    size_t capacity_;
    std::list<std::pair<Key, Value>> order_; // most recently used first
    std::map<Key, typename std::list<std::pair<Key, Value>>::iterator> index_;
};

} // namespace vela::backend::vulkan
