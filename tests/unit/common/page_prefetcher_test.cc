// The page prefetcher alone: an export's pages arrive in order and complete, with one
// reader or several; a failed read ends them with its status; each reader stays one page
// ahead; and a consumer that stops early (a cancelled export) is not held up by the pages
// it no longer wants.
#include "common/page_prefetcher.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace factdesk {
namespace {

using Page = std::vector<int>;

Result<Page> PageOf(std::size_t index) {
  return Page{static_cast<int>(index) * 10, static_cast<int>(index) * 10 + 1};
}

// The pages a prefetcher's readers read, in the order they read them, for a test to
// wait on and look at.
class ReadLog {
 public:
  PagePrefetcher<Page>::ReadPage Reader() {
    return [this](std::size_t i) {
      {
        const std::lock_guard lock(mu_);
        pages_.push_back(i);
      }
      read_.notify_all();
      return PageOf(i);
    };
  }
  void WaitForReads(std::size_t n) {
    std::unique_lock lock(mu_);
    read_.wait(lock, [&] { return pages_.size() >= n; });
  }
  // The pages read so far, in page order.
  std::vector<std::size_t> Sorted() {
    const std::lock_guard lock(mu_);
    std::vector<std::size_t> pages = pages_;
    std::sort(pages.begin(), pages.end());
    return pages;
  }

 private:
  std::mutex mu_;
  std::condition_variable read_;
  std::vector<std::size_t> pages_;
};

// A reader that reads on when it should wait would do so at once: give it the chance.
void LetReadersRun() {
  for (int i = 0; i < 100; ++i) std::this_thread::yield();
}

TEST(PagePrefetcherTest, EveryPageArrivesOnceInOrder) {
  PagePrefetcher<Page> prefetch(50, PageOf);
  for (std::size_t i = 0; i < 50; ++i) {
    Result<Page> page = prefetch.Next();
    ASSERT_TRUE(page.ok()) << i;
    EXPECT_EQ(*page, *PageOf(i)) << i;
  }
  const Result<Page> past = prefetch.Next();
  EXPECT_EQ(past.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(past.status().message(), "no page is left to read");
}

TEST(PagePrefetcherTest, NoPagesIsNotAnError) {
  std::atomic<int> reads = 0;
  {
    PagePrefetcher<Page> prefetch(0, [&](std::size_t i) {
      ++reads;
      return PageOf(i);
    });
    EXPECT_EQ(prefetch.Next().status().code(), Code::kFailedPrecondition);
  }
  EXPECT_EQ(reads, 0);
}

TEST(PagePrefetcherTest, AFailedReadEndsThePagesWithItsStatus) {
  std::atomic<int> reads = 0;
  PagePrefetcher<Page> prefetch(10, [&](std::size_t i) -> Result<Page> {
    ++reads;
    if (i == 3) return Status::Unavailable("the database went away");
    return PageOf(i);
  });
  for (std::size_t i = 0; i < 3; ++i) ASSERT_TRUE(prefetch.Next().ok()) << i;
  const Result<Page> failed = prefetch.Next();
  EXPECT_EQ(failed.status().code(), Code::kUnavailable);
  EXPECT_EQ(failed.status().message(), "the database went away");
  EXPECT_EQ(prefetch.Next().status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(reads, 4);
}

// The reader waits while a read page is not taken: an export holds two pages at most.
TEST(PagePrefetcherTest, ReadsOnlyOnePageAheadOfTheConsumer) {
  ReadLog log;
  PagePrefetcher<Page> prefetch(10, log.Reader());
  log.WaitForReads(1);
  ASSERT_TRUE(prefetch.Next().ok());  // page 0 taken: page 1 is read
  log.WaitForReads(2);
  ASSERT_TRUE(prefetch.Next().ok());  // page 1 taken: page 2 is read
  log.WaitForReads(3);
  // Page 2 waits for the consumer; the reader must not go on to page 3.
  LetReadersRun();
  EXPECT_EQ(log.Sorted(), (std::vector<std::size_t>{0, 1, 2}));
}

// A cancelled export: the consumer leaves after two of a thousand pages; the prefetcher
// reads at most the next one and its destruction returns.
TEST(PagePrefetcherTest, StoppingEarlyReadsNoFurtherPages) {
  std::atomic<int> reads = 0;
  {
    PagePrefetcher<Page> prefetch(1000, [&](std::size_t i) {
      ++reads;
      return PageOf(i);
    });
    ASSERT_TRUE(prefetch.Next().ok());
    ASSERT_TRUE(prefetch.Next().ok());
  }
  EXPECT_GE(reads, 2);
  EXPECT_LE(reads, 3);
}

TEST(PagePrefetcherTest, SeveralReadersStillGiveEveryPageOnceInOrder) {
  for (const std::size_t readers : {2U, 3U, 8U}) {
    SCOPED_TRACE(readers);
    ReadLog log;
    PagePrefetcher<Page> prefetch(40, log.Reader(), readers);
    for (std::size_t i = 0; i < 40; ++i) {
      Result<Page> page = prefetch.Next();
      ASSERT_TRUE(page.ok()) << i;
      EXPECT_EQ(*page, *PageOf(i)) << i;
    }
    EXPECT_EQ(prefetch.Next().status().code(), Code::kFailedPrecondition);
    std::vector<std::size_t> every(40);
    for (std::size_t i = 0; i < every.size(); ++i) every[i] = i;
    EXPECT_EQ(log.Sorted(), every);
  }
}

// Two readers, the second fails on page 3: pages 0 to 2 arrive, then page 3's error,
// then nothing, though the first reader had read on.
TEST(PagePrefetcherTest, WithSeveralReadersAFailedPageEndsThePagesThere) {
  PagePrefetcher<Page> prefetch(
      10,
      [&](std::size_t i) -> Result<Page> {
        if (i == 3) return Status::Unavailable("the database went away");
        return PageOf(i);
      },
      2);
  for (std::size_t i = 0; i < 3; ++i) {
    Result<Page> page = prefetch.Next();
    ASSERT_TRUE(page.ok()) << i;
    EXPECT_EQ(*page, *PageOf(i));
  }
  EXPECT_EQ(prefetch.Next().status().code(), Code::kUnavailable);
  EXPECT_EQ(prefetch.Next().status().code(), Code::kFailedPrecondition);
}

// Each reader holds one page the consumer has not taken: with three readers and a
// consumer that takes nothing, exactly pages 0, 1 and 2 are read.
TEST(PagePrefetcherTest, EachReaderHoldsOnePageAtMost) {
  ReadLog log;
  {
    PagePrefetcher<Page> prefetch(100, log.Reader(), 3);
    log.WaitForReads(3);
    LetReadersRun();
  }
  EXPECT_EQ(log.Sorted(), (std::vector<std::size_t>{0, 1, 2}));
}

}  // namespace
}  // namespace factdesk
