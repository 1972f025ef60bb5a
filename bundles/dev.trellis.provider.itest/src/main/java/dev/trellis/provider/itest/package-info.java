/** In-framework tests of the provider bundles. */
package dev.trellis.provider.itest;
