#pragma once

#include <string>

#include "common/result.h"
#include "import/transcript.h"

namespace factdesk::import {

// Speech that no label attributes to anyone: a speech pasted as plain text without
// "Name:" turns, narration where nobody introduces themselves, captions without voice
// tags. Such segments keep an empty speaker: a claim in them names no claimant unless
// it is given one, and never a made-up "Narrator".

// Speech segments whose speaker is empty.
int CountUnattributedSpeech(const Transcript& transcript);

// Gives `speaker` every speech segment that has none, and lists the speakers again.
void AttributeUnlabelledSpeech(Transcript& transcript, const std::string& speaker);

// INVALID_ARGUMENT naming `speaker` for plain text in which nobody is named at all:
// every claim in it would lack a claimant, so the import asks who speaks instead.
Status RequireNamedSpeaker(const Transcript& transcript);

// What a preview says about unattributed speech ("No speaker labels were found: ...");
// empty when every speech segment has a speaker.
std::string UnattributedNote(const Transcript& transcript);

}  // namespace factdesk::import
