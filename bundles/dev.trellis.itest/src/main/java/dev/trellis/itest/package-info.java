/** In-framework integration tests of the Trellis host. */
package dev.trellis.itest;
