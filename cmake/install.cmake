# What `cmake --install` and the .deb put on a machine: the binary, the man page built from
# docs/manual, the shell completions, and the user documentation.
include(GNUInstallDirs)

install(TARGETS ally RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The man page: one manual source (docs/manual/*.md, in file-name order), converted at build time.
if(ALLY_MANPAGE)
  find_program(ALLY_GO_MD2MAN go-md2man)
  if(NOT ALLY_GO_MD2MAN)
    message(FATAL_ERROR "go-md2man is needed for the man page: apt install go-md2man "
                        "(or configure with -DALLY_MANPAGE=OFF)")
  endif()
  file(GLOB ALLY_MANUAL CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/manual/*.md)
  list(SORT ALLY_MANUAL)
  string(TIMESTAMP ALLY_MAN_DATE "%Y-%m-%d" UTC) # honours SOURCE_DATE_EPOCH
  set(ALLY_MAN ${PROJECT_BINARY_DIR}/man/ally.1)
  add_custom_command(
    OUTPUT ${ALLY_MAN} ${ALLY_MAN}.gz
    # Ninja makes an output's folder itself; the Makefiles generator does not.
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/manpage ${ALLY_MAN} ${PROJECT_VERSION} ${ALLY_MAN_DATE}
            ${ALLY_MANUAL}
    COMMAND gzip -9nkf ${ALLY_MAN}
    DEPENDS ${ALLY_MANUAL} ${PROJECT_SOURCE_DIR}/scripts/manpage
    COMMENT "Building the man page ally(1)"
    VERBATIM)
  add_custom_target(manpage ALL DEPENDS ${ALLY_MAN})
  install(FILES ${ALLY_MAN}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# Completion scripts, printed by the binary itself.
set(ALLY_COMPLETIONS ${PROJECT_BINARY_DIR}/completions)
add_custom_command(
  OUTPUT ${ALLY_COMPLETIONS}/ally ${ALLY_COMPLETIONS}/_ally ${ALLY_COMPLETIONS}/ally.fish
  COMMAND ${CMAKE_COMMAND} -E make_directory ${ALLY_COMPLETIONS}
  COMMAND sh -c "\"$1\" completion bash > \"$2/ally\" && \"$1\" completion zsh > \"$2/_ally\" && \"$1\" completion fish > \"$2/ally.fish\""
          sh $<TARGET_FILE:ally> ${ALLY_COMPLETIONS}
  DEPENDS ally
  COMMENT "Writing the bash, zsh and fish completions"
  VERBATIM)
add_custom_target(completions ALL
  DEPENDS ${ALLY_COMPLETIONS}/ally ${ALLY_COMPLETIONS}/_ally ${ALLY_COMPLETIONS}/ally.fish)
install(FILES ${ALLY_COMPLETIONS}/ally DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# Debian's zsh reads /usr/share/zsh/vendor-completions; a zsh under another prefix reads
# site-functions. Decided when installing, as the .deb installs into /usr whatever was configured.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(ally_zsh_dir vendor-completions)
  else()
    set(ally_zsh_dir site-functions)
  endif()
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/\${ally_zsh_dir}\"
       TYPE FILE FILES \"${ALLY_COMPLETIONS}/_ally\")")
install(FILES ${ALLY_COMPLETIONS}/ally.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

install(FILES README.md LICENSE docs/ranking.md docs/json-format.md docs/ally-export.schema.json
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# `cpack` (in the build folder) makes ally_VERSION_ARCH.deb for Debian 12.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ally)
set(CPACK_PACKAGE_VENDOR "ally")
set(CPACK_PACKAGE_CONTACT "ally developers <dev@ally.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "keep in touch with the people you work with")
# CPack puts the summary first, then this text.
set(CPACK_PACKAGE_DESCRIPTION "ally is a terminal personal relationship manager: log \
conversations, favors and promises, shared interests and introductions, and get a ranked list \
of who to check in with.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
# Runtime libraries (libsqlite3, libfmt, libstdc++, …) as dpkg-shlibdeps finds them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "graphviz, bash-completion")
include(CPack)
