package dev.trellis.provider.scripted.internal;

/** Where the catalog reports what it loaded and what it could not use (the OSGi log in the host). */
interface Problems {

    void warn(String message);

    void info(String message);
}
