/**
 * The Anthropic provider: {@link dev.trellis.provider.anthropic.internal.AnthropicProvider} (the DS
 * component), {@link dev.trellis.provider.anthropic.internal.MessagesRequest} (request body and cache
 * breakpoints), {@link dev.trellis.provider.anthropic.internal.MessagesProtocol} (the SSE events). Private.
 */
package dev.trellis.provider.anthropic.internal;
