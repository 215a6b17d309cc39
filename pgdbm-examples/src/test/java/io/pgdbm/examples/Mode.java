package io.pgdbm.examples;

/**
 * The two ways a dual-mode module runs; tests of the library and the HTTP service run once per mode with the same
 * assertions ({@code @ParameterizedTest @EnumSource(Mode.class)}, to become {@code @DualModeTest}).
 */
public enum Mode {
    /** The module opens and closes its own pool. */
    STANDALONE,
    /** The module borrows a manager of a shared pool, in a schema chosen by the application. */
    LIBRARY
}
