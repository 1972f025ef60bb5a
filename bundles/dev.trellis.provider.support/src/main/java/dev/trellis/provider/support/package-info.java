/**
 * What the HTTP model providers share, embedded privately into each provider bundle with bnd's
 * {@code -conditionalpackage} (never exported, never a bundle of its own):
 * {@link dev.trellis.provider.support.SseDecoder} (SSE framing),
 * {@link dev.trellis.provider.support.ProviderStream} (the {@code StreamHandle} state machine: ordered,
 * one-thread-at-a-time delivery, exactly one terminal call, cancel),
 * {@link dev.trellis.provider.support.StreamingClient} (JDK {@code HttpClient}, one exchange per stream,
 * idle watchdog, drain on close), {@link dev.trellis.provider.support.HttpErrors} (status and vendor error
 * kinds to {@code ModelError}), {@link dev.trellis.provider.support.RetryHints},
 * {@link dev.trellis.provider.support.Redactor} and {@link dev.trellis.provider.support.Credentials}.
 */
package dev.trellis.provider.support;
