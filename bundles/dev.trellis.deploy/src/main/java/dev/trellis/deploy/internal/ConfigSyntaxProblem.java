package dev.trellis.deploy.internal;

/** One syntax problem in a typed {@code .config} file, located by line (1-based) and key. */
record ConfigSyntaxProblem(int line, String key, String reason) {}
