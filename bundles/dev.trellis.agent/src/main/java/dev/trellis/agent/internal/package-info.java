/** The agent runtime: engine, bundle-scoped runtime facade and the agents' factory configuration. */
package dev.trellis.agent.internal;
