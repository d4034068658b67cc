# Embeds every engine's .sql files into the binary: one generated C++ file that
# defines sparkify::embedded_sql(), a table of (name, text). Names are paths
# relative to src/warehouse/, e.g. "sqlite/sql/transform/10_d_artist.sql".
function(sparkify_embed_sql target root)
  file(GLOB_RECURSE sql_files CONFIGURE_DEPENDS RELATIVE ${root} ${root}/*.sql ${root}/*.json)
  list(SORT sql_files)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_sql.cpp)
  set(abs_files)
  foreach(f IN LISTS sql_files)
    list(APPEND abs_files ${root}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DROOT=${root} "-DFILES=${sql_files}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_sql_generate.cmake
    DEPENDS ${abs_files} ${PROJECT_SOURCE_DIR}/cmake/embed_sql_generate.cmake
    COMMENT "Embedding warehouse SQL files"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
