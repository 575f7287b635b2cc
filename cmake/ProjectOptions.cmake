# Warning and sanitizer flags for project code only (generated and system code is exempt).
add_library(factdesk_options INTERFACE)
target_compile_options(factdesk_options INTERFACE -Wall -Wextra -Werror)
target_compile_features(factdesk_options INTERFACE cxx_std_20)
target_include_directories(factdesk_options INTERFACE ${PROJECT_SOURCE_DIR})
# GCC 12's middle-end warnings misfire in optimised builds on libstdc++'s own string and
# optional code (GCC bugs 105329, 105651, 106297, 107138): they stay warnings, not errors.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(factdesk_options INTERFACE
    -Wno-error=restrict -Wno-error=maybe-uninitialized -Wno-error=stringop-overflow
    -Wno-error=array-bounds -Wno-error=free-nonheap-object)
endif()

if(FACTDESK_SANITIZE)
  set(_fd_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_compile_options(${_fd_san})
  add_link_options(${_fd_san})
endif()

# LLVM's lld links the sanitised test binaries about 2.5 times faster than GNU ld
# (workflow_tests: 5.7 s against 14.8 s here), and there are some forty of them.
include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=lld" FACTDESK_HAVE_LLD)
if(FACTDESK_HAVE_LLD)
  add_link_options(-fuse-ld=lld)
endif()

# Top-level directories compiled without optimisation. Most of a test's, a CLI command's
# or a service's compile time is GCC optimising the gRPC, protobuf, CLI11 and JSON
# templates it instantiates (71% of claim_commands.cc's), code the tests barely run. The
# dev preset lists tests, client, server and proto (the generated code too): at -O0 the
# last two compile in 40% less time (about 190 s of CPU) and ctest took 21 s longer
# (284 s against 263 s, two jobs; see docs/architecture.md). The pure libraries keep -O1
# (the importers and the scorer chew through whole transcripts); the tsan preset lists
# tests and client only, so the server is also compiled with optimisation under -Werror
# (GCC's flow warnings need it) and TSan's tests run faster.
set(FACTDESK_QUICK_CODEGEN "" CACHE STRING
  "Top-level directories compiled at -O0, a list (the dev preset: tests;client;server;proto)")

# Unity builds: each target's sources are compiled eight to a file. A command file alone
# spends 18 s of CPU on the gRPC, protobuf, CLI11 and JSON headers and templates it shares
# with its neighbours; eight of them together take 33 s instead of 130 s (scripts/clang_tidy.sh
# checks the same batches). -DFACTDESK_UNITY=OFF compiles file by file.
option(FACTDESK_UNITY "Compile each target's sources in batches (unity build)" ON)

# Every project target: warnings, C++20 and repo-root includes.
function(factdesk_target target)
  target_link_libraries(${target} PRIVATE factdesk_options)
  if(FACTDESK_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
  if(FACTDESK_QUICK_CODEGEN)
    get_target_property(dir ${target} SOURCE_DIR)
    file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${dir})
    string(REGEX MATCH "^[^/]+" top "${rel}")
    if(top IN_LIST FACTDESK_QUICK_CODEGEN)
      target_compile_options(${target} PRIVATE -O0)
    endif()
  endif()
endfunction()
