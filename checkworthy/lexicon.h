#pragma once

#include <cstdint>
#include <string_view>

// The word lists behind the scorer's named features: one lookup per token gives every
// class the word belongs to.
namespace factdesk::checkworthy::lexicon {

enum WordClass : std::uint32_t {
  kNumberWord = 1U << 0U,   // two, fifty, hundred, million, dozen
  kLargeNumber = 1U << 1U,  // thousand(s), million(s), billion(s), trillion(s)
  kMoney = 1U << 2U,        // dollars, cents, euros
  kPercent = 1U << 3U,      // percent, percentage
  kComparative = 1U << 4U,  // more, less, fewer, higher, bigger, cheaper
  kCompare = 1U << 5U,      // compared, versus, twice, triple (always a comparison)
  kChange = 1U << 6U,       // increased, fell, doubled, cut, soared
  kSuperlative = 1U << 7U,  // most, highest, biggest, record, ever
  kCausal = 1U << 8U,       // because, caused, therefore, blame
  kStatistic = 1U << 9U,    // jobs, unemployment, taxes, deficit, crime, wages
  kTimeUnit = 1U << 10U,    // year(s), month(s), decade(s), week(s)
  kTimeAnchor = 1U << 11U,  // since, ago, annually, last, past, per, every, each
  kReport = 1U << 12U,      // said, says, told, reported, according
  kLaw = 1U << 13U,         // bill, law, voted, signed, treaty, deal
  kFuture = 1U << 14U,      // will, 'll, gonna, shall
  kModal = 1U << 15U,       // should, must, ought
  kCourtesy = 1U << 16U,    // thank, welcome, applause, congratulations
  kNegation = 1U << 17U,    // not, n't, no, never, nothing
  kDenial = 1U << 18U,      // wrong, false, lie, untrue, fake
  kPastVerb = 1U << 19U,    // did, had, was, made, took, gave (irregular past tenses)
  kSubject = 1U << 20U,     // i, we, he, she, they, you
  kOpinion = 1U << 21U,     // think, believe, feel, hope, guess
  kMonth = 1U << 22U,       // january .. december
};

// The classes of a lower-cased word (0 when it is in no list). Past tenses ending in
// "-ed" and superlatives ending in "-est" are recognised by their ending too.
std::uint32_t ClassesOf(std::string_view word);

}  // namespace factdesk::checkworthy::lexicon
