/** The script format: parsed, validated, immutable models with the location of every part. */
package dev.trellis.provider.scripted.internal.script;
