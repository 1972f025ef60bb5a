/** Trellis pages for the Felix Web Console and the console's security. */
package dev.trellis.console;
