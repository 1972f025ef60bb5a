/**
 * The model gateway: the one entry point agents use to talk to models. It routes by provider id,
 * applies rate limits, retries, timeouts and cancellation, and drains a replaced provider's in-flight
 * streams before letting it go. Since 1.1 it also names the default model for agents that name none
 * ({@link dev.trellis.api.gateway.ModelGateway#defaultModel()}) and offers a detailed
 * {@link dev.trellis.api.gateway.GatewaySnapshot} for consoles and shells.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.trellis.api.gateway;
