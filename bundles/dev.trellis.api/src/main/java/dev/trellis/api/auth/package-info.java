/**
 * Credentials for model providers: resolving the best available credential per provider (OAuth
 * tokens, then environment key, then stored key), interactive login (PKCE loopback or device code),
 * and status for the console. Secrets never appear in {@code toString()} output.
 *
 * <p>1.1: {@link AuthStatus#source()}, {@link AuthStatus#problem()}, {@link LoginService#clear} and
 * {@link ClearResult}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.trellis.api.auth;
