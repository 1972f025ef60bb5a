/**
 * The OpenAI provider: {@link dev.trellis.provider.openai.internal.OpenAiProvider} (the DS component),
 * {@link dev.trellis.provider.openai.internal.OpenAiRouting} (model and credential to endpoint),
 * the Chat Completions and Responses wire formats (request encoders and SSE protocols). Private.
 */
package dev.trellis.provider.openai.internal;
