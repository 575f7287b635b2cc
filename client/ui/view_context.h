#pragma once

#include <chrono>

#include "client/model/workspace_model.h"
#include "client/ui/actions.h"
#include "client/ui/session_data.h"
#include "client/ui/ui_state.h"

namespace factdesk::ui {

// What every view gets for one frame: the replica and session data to read, the view
// state to keep, and the list to append actions to.
struct ViewContext {
  const model::WorkspaceModel& model;
  const SessionData& session;
  UiState& state;
  ActionList& actions;
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();

  template <typename A>
  void Emit(A a) {
    actions.emplace_back(std::move(a));
  }
};

}  // namespace factdesk::ui
