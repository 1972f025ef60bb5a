/**
 * Deploy diagnostics: reports files in the File Install watched directories that would otherwise be
 * skipped or misread without a log line. Private package; the bundle offers no API.
 */
package dev.trellis.deploy.internal;
