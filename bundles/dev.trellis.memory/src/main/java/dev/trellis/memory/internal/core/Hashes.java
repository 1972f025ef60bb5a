package dev.trellis.memory.internal.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes as defined by {@link dev.trellis.api.memory.Block#contentHash()}. */
public final class Hashes {

    private Hashes() {
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes. */
    public static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // every JDK ships SHA-256
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}
