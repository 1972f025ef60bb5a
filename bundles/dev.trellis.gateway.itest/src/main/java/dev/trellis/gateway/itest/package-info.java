/** In-framework tests of the model gateway and the scripted provider: hot swap under load, drops, configuration. */
package dev.trellis.gateway.itest;
