package dev.trellis.provider.scripted.internal;

/**
 * Models defined by factory configurations, handed to the provider by {@link ScriptedModelDefinition}.
 * Private to this bundle (its package is not exported).
 */
interface ScriptCatalog {

    /** Defines (or redefines) the model of configuration {@code pid}. */
    void define(String pid, String name, String script);

    /** Forgets the model of configuration {@code pid}. */
    void undefine(String pid);
}
