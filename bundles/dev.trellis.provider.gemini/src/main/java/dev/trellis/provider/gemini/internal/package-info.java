/**
 * The Gemini provider: {@link dev.trellis.provider.gemini.internal.GeminiProvider} (the DS component),
 * {@link dev.trellis.provider.gemini.internal.GeminiRequest} and
 * {@link dev.trellis.provider.gemini.internal.GeminiProtocol} (streamGenerateContent over SSE). Private.
 */
package dev.trellis.provider.gemini.internal;
