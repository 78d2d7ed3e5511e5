# SOCI ships neither a CMake config nor a pkg-config file on Debian 12: wrap it in imported targets.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_path(PQ_INCLUDE_DIR libpq-fe.h PATHS /usr/include/postgresql REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
find_library(SQLITE3_LIBRARY sqlite3 REQUIRED)
find_library(PQ_LIBRARY pq REQUIRED)

add_library(soci::core UNKNOWN IMPORTED)
set_target_properties(soci::core PROPERTIES IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
                      INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
                      INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS}")
add_library(soci::sqlite3 UNKNOWN IMPORTED)
set_target_properties(soci::sqlite3 PROPERTIES IMPORTED_LOCATION "${SOCI_SQLITE3_LIBRARY}"
                      INTERFACE_LINK_LIBRARIES "soci::core;${SQLITE3_LIBRARY}")
add_library(soci::postgresql UNKNOWN IMPORTED)
set_target_properties(soci::postgresql PROPERTIES IMPORTED_LOCATION "${SOCI_POSTGRESQL_LIBRARY}"
                      INTERFACE_INCLUDE_DIRECTORIES "${PQ_INCLUDE_DIR}"
                      INTERFACE_LINK_LIBRARIES "soci::core;${PQ_LIBRARY}")
