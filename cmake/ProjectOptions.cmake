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

# The dev preset compiles tests and the clients without optimisation. Most of a test's or
# a CLI command's compile time is GCC optimising the gRPC, protobuf, CLI11 and JSON
# templates it instantiates (71% of claim_commands.cc's), code the tests barely run; the
# server and the libraries under test keep -O1, where the tests spend their time.
option(FACTDESK_QUICK_CODEGEN "Compile tests/ and client/ at -O0 (the dev preset)" OFF)

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
    if(rel MATCHES "^(tests|client)(/|$)")
      target_compile_options(${target} PRIVATE -O0)
    endif()
  endif()
endfunction()
