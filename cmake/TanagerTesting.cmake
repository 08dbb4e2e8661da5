# SPDX-License-Identifier: GPL-3.0-or-later
# tanager_add_test(NAME tst_Foo SOURCES tst_Foo.cpp LIBS tanager_http [GUI] [LABELS integration] [TIMEOUT s]
#                  [WRAPPER command [args...]])
# GUI tests run on the offscreen platform so they need no display. WRAPPER runs the test binary
# through a command, e.g. tests/support/with-secret-service.sh for a real keychain.
function(tanager_add_test)
    cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;WRAPPER" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        TANAGER_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
        TANAGER_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        TANAGER_BINARY_DIR="${PROJECT_BINARY_DIR}")
    if(T_WRAPPER)
        add_test(NAME ${T_NAME} COMMAND ${T_WRAPPER} $<TARGET_FILE:${T_NAME}>)
    else()
        add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    endif()
    set(env "QT_QPA_PLATFORM=offscreen")
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "${env}" TIMEOUT ${T_TIMEOUT})
    if(T_LABELS)
        set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
    endif()
endfunction()
