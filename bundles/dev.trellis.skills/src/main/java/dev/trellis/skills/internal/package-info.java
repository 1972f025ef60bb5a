/** Implementation of the skills bundle (private). */
package dev.trellis.skills.internal;
