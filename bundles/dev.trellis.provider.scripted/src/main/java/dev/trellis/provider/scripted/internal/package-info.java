/** The scripted provider's components: the ModelProvider, its configuration and the model definitions. */
package dev.trellis.provider.scripted.internal;
