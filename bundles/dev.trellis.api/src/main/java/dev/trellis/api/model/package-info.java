/**
 * Model requests and streamed answers, and the SPI that provider bundles implement.
 * A {@link dev.trellis.api.model.ChatRequest} names its model as {@code provider/model}; the answer
 * arrives as a sequence of sealed {@link dev.trellis.api.model.StreamEvent}s ending with a
 * {@link dev.trellis.api.model.StreamEvent.Stop} or a {@link dev.trellis.api.model.ModelException}.
 * Agents do not call providers directly: they go through {@code dev.trellis.api.gateway.ModelGateway}.
 *
 * <p>1.1.0: {@code ModelError.RateLimited.NO_HINT} and {@code hinted()}; the cache-segment layout of
 * a {@code ChatRequest} is spelled out on {@code CacheProfile}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.trellis.api.model;
