/** The model gateway: routing, retries, rate limits, timeouts and drain-on-swap of model providers. */
package dev.trellis.gateway.internal;
