/**
 * The model gateway: the one entry point agents use to talk to models. It routes by provider id,
 * applies rate limits, retries, timeouts and cancellation, and drains a replaced provider's in-flight
 * streams before letting it go.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.trellis.api.gateway;
