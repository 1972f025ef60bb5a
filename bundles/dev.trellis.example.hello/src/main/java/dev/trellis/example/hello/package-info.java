/**
 * Example plugin: a {@code hello} tool that greets whoever the model names. It shows the smallest
 * useful plugin: one DS component registering a {@link dev.trellis.api.tool.Tool} service, with a
 * Metatype-described greeting ({@code dev.trellis.example.hello} PID). Nothing imports this bundle.
 */
package dev.trellis.example.hello;
