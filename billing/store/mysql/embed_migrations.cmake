# Writes a C++ source holding every sql/NNN_*.sql migration (cmake -P script).
#   -DSQL_DIR=<dir with NNN_*.sql> -DOUTPUT=<generated .cc>
file(GLOB files "${SQL_DIR}/[0-9][0-9][0-9]_*.sql")
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  get_filename_component(name "${f}" NAME)
  string(SUBSTRING "${name}" 0 3 num)
  math(EXPR version "${num}")
  file(READ "${f}" text)
  string(APPEND body "    {${version}, \"${name}\", R\"prepaid_sql(${text})prepaid_sql\"},\n")
endforeach()
set(out "// Generated from sql/*.sql by billing/store/mysql/embed_migrations.cmake. Do not edit.
#include \"billing/store/mysql/migrations.h\"

namespace prepaid::mysql {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
${body}  };
  return list;
}

}  // namespace prepaid::mysql
")
include("${CMAKE_CURRENT_LIST_DIR}/../../../cmake/write_if_changed.cmake")
write_if_changed("${OUTPUT}" "${out}")
