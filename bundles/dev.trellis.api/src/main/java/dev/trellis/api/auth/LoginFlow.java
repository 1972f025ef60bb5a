package dev.trellis.api.auth;

/** How to run an OAuth login. */
public enum LoginFlow {
    /** Loopback if a callback port can be bound, otherwise device code. */
    AUTO,
    /** Browser redirect to a local callback port (1455, then 1457). */
    LOOPBACK,
    /** Code typed on another device; for headless hosts. */
    DEVICE_CODE
}
