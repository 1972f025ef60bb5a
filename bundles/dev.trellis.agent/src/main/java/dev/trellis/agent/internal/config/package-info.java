/** Agent configuration: properties to a checked {@code AgentSettings}, with located errors. */
package dev.trellis.agent.internal.config;
