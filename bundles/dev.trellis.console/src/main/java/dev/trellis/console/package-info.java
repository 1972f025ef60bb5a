/**
 * Trellis pages for the Felix Web Console and the console's security. Nothing is exported: the bundle only
 * registers services (a Web Console {@code SecurityProvider}, the {@code trellis} page servlet, a log relay).
 * See README.md next to pom.xml.
 */
package dev.trellis.console;
