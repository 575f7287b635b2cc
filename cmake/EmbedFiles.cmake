# Compiles text files into a C++ source as an array of {name, contents}.
# Used for migrations/*.sql so the server binary carries its own schema.
function(factdesk_embed_files out_cc symbol)
  set(files ${ARGN})
  set(script ${PROJECT_SOURCE_DIR}/cmake/embed_files_script.cmake)
  add_custom_command(
    OUTPUT ${out_cc}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cc} -DSYMBOL=${symbol} "-DFILES=${files}" -P ${script}
    DEPENDS ${files} ${script}
    COMMENT "Embedding ${symbol}"
    VERBATIM)
endfunction()
