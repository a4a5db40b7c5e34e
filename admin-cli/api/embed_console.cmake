# Writes a C++ source holding every file of the web console (web/, recursively) with its
# content type and an ETag (cmake -P script). Text files only (HTML, JS, CSS, SVG, JSON).
#   -DWEB_DIR=<the repository's web/> -DOUTPUT=<generated .cc>
file(GLOB_RECURSE files RELATIVE "${WEB_DIR}" "${WEB_DIR}/*")
list(SORT files)
set(body "")
foreach(rel IN LISTS files)
  get_filename_component(ext "${rel}" LAST_EXT)
  string(TOLOWER "${ext}" ext)
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  elseif(ext STREQUAL ".svg")
    set(type "image/svg+xml")
  elseif(ext STREQUAL ".json")
    set(type "application/json")
  elseif(ext STREQUAL ".txt")
    set(type "text/plain; charset=utf-8")
  else()
    message(FATAL_ERROR "web/${rel}: unknown kind of file (embed_console.cmake knows .html .js .css .svg .json .txt)")
  endif()
  file(READ "${WEB_DIR}/${rel}" text)
  string(FIND "${text}" ")prepaid_web\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "web/${rel} contains the embedding's delimiter")
  endif()
  file(SHA256 "${WEB_DIR}/${rel}" digest)
  string(SUBSTRING "${digest}" 0 20 etag)
  string(APPEND body "    {\"/${rel}\", \"${type}\", \"\\\"${etag}\\\"\", R\"prepaid_web(${text})prepaid_web\"},\n")
endforeach()
set(out "// Generated from web/ by admin-cli/api/embed_console.cmake. Do not edit.
#include \"admin-cli/api/console_assets.h\"

namespace prepaid::cli {

const std::vector<ConsoleAsset>& console_assets() {
  static const std::vector<ConsoleAsset> list = {
${body}  };
  return list;
}

}  // namespace prepaid::cli
")
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/write_if_changed.cmake")
write_if_changed("${OUTPUT}" "${out}")
