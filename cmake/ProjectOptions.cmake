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

# Every project target: warnings, C++20 and repo-root includes.
function(factdesk_target target)
  target_link_libraries(${target} PRIVATE factdesk_options)
endfunction()
