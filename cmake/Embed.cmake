# satdan_embed(TARGET NAME FILES...) compiles the given files into TARGET as a table
# name -> contents (migrations, the OpenAPI document), so the binary needs nothing beside it at run time.
set(SATDAN_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/EmbedGenerate.cmake")

function(satdan_embed target name)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE=${CMAKE_SOURCE_DIR}
            "-DFILES=${ARGN}" -P "${SATDAN_EMBED_SCRIPT}"
    DEPENDS ${ARGN} "${SATDAN_EMBED_SCRIPT}"
    COMMENT "Embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
