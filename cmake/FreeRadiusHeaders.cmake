# FreeRADIUS 3.2 module headers, prepared at configure time.
#
# Debian's libfreeradius-dev lacks headers a module needs; scripts/lib/freeradius-headers.sh
# completes them from the Debian source package of the same version (downloaded once into
# PREPAID_CACHE_DIR) and writes the tree into the build directory. It reruns only when the
# installed libfreeradius-dev version changes.
#
# Defines the INTERFACE target prepaid::freeradius_headers: the include tree (as SYSTEM) and
# the forced includes upstream's Make.inc uses for C (autoconf.h, build.h, features.h,
# radpaths.h). Only C sources may use it: the headers are not valid C++.
include_guard(GLOBAL)

set(PREPAID_FREERADIUS_INCLUDE_DIR "${CMAKE_BINARY_DIR}/freeradius-include")
execute_process(
  COMMAND bash "${PROJECT_SOURCE_DIR}/scripts/lib/freeradius-headers.sh"
          "${PREPAID_FREERADIUS_INCLUDE_DIR}" "${PREPAID_CACHE_DIR}"
  RESULT_VARIABLE _prepaid_frh_result
  ERROR_VARIABLE _prepaid_frh_stderr)
if(NOT _prepaid_frh_result EQUAL 0)
  message(FATAL_ERROR "Preparing the FreeRADIUS headers failed (${_prepaid_frh_result}):\n"
                      "${_prepaid_frh_stderr}")
endif()
# Rerun the configure step when the installed FreeRADIUS development package changes.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             "${PROJECT_SOURCE_DIR}/scripts/lib/freeradius-headers.sh"
             "/usr/include/freeradius/radiusd.h")

find_path(PREPAID_TALLOC_INCLUDE_DIR talloc.h REQUIRED)

add_library(prepaid_freeradius_headers INTERFACE)
add_library(prepaid::freeradius_headers ALIAS prepaid_freeradius_headers)
target_include_directories(prepaid_freeradius_headers SYSTEM INTERFACE
                           "${PREPAID_FREERADIUS_INCLUDE_DIR}" "${PREPAID_TALLOC_INCLUDE_DIR}")
foreach(_prepaid_forced autoconf.h build.h features.h radpaths.h)
  target_compile_options(prepaid_freeradius_headers INTERFACE
                         "$<$<COMPILE_LANGUAGE:C>:SHELL:-include freeradius/${_prepaid_forced}>")
endforeach()
