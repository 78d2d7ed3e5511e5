// Vietnamese text as people search and sort it: a search for "nguyen" finds "Nguyễn", and "Đặng" sorts after
// "Dương" and before "Hà", as in a Vietnamese dictionary (the tone marks and đ counted, not byte order).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace satdan::core {

// Lower case without tone marks or vowel marks, đ as d, any white space as a space: "Nguyễn Thị Đào" →
// "nguyen thi dao". Both sides of a
// search go through it, so a query typed with or without marks finds the same names. Input must be UTF-8.
std::string search_fold(std::string_view text);

// True when every word of `query` (folded) begins a word of `text` (folded), in any order: "nguyen" and "ngu"
// find "Nguyễn Văn An", "an" finds "An" but not "Văn". An empty query matches everything.
bool search_matches(std::string_view text, std::string_view query);

// A key that orders strings the Vietnamese way when compared bytewise (ICU's "vi" collation).
std::string vi_sort_key(std::string_view text);

// Sorts `items` by the Vietnamese order of `name_of(item)`, stable for equal names.
template <class T, class NameOf>
void sort_vi(std::vector<T>& items, NameOf name_of);

}  // namespace satdan::core

#include <algorithm>
#include <utility>

template <class T, class NameOf>
void satdan::core::sort_vi(std::vector<T>& items, NameOf name_of) {
  std::vector<std::pair<std::string, std::size_t>> keys;
  keys.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) keys.emplace_back(vi_sort_key(name_of(items[i])), i);
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (const auto& k : keys) sorted.push_back(std::move(items[k.second]));
  items = std::move(sorted);
}
