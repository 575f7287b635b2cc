#pragma once

#include <string>
#include <vector>

#include "checkworthy/clef_tsv.h"
#include "checkworthy/training.h"
#include "common/result.h"

// What the trainer and the evaluation share: the labelled debates, read in place.
namespace factdesk::checkworthy::tools {

struct Debate {
  std::string name;  // the file name without ".tsv"
  std::vector<ClefLine> lines;
};

// Every *.tsv in `dir`, in name order, each line labelled; INVALID_ARGUMENT naming the
// file and line otherwise, NOT_FOUND when there are none.
Result<std::vector<Debate>> ReadDebates(const std::string& dir);

// The lines of all debates but the one at `skip` (-1: all of them), as training examples.
std::vector<Example> ExamplesOf(const std::vector<Debate>& debates, int skip = -1);

// FNV-1a (64 bits, hex) of the files' names and bytes, in order: which data a model saw.
std::string Fingerprint(const std::string& dir, const std::vector<Debate>& debates);

// Writes a whole file; INVALID_ARGUMENT naming the path when it cannot.
Status WriteFile(const std::string& path, const std::string& contents);

}  // namespace factdesk::checkworthy::tools
