package dev.trellis.skills.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * Reads the skill files of a folder inside a bundle ({@code <folder>/*.md} and
 * {@code <folder>/<name>/SKILL.md}) from the bundle's own entries (not its class path, so fragments and
 * imports do not leak in). Must run while the bundle is installed: entries of an uninstalled bundle
 * cannot be read.
 */
final class BundleFolder {

    private BundleFolder() {
    }

    /**
     * @param folder entry path such as {@code skills} (leading and trailing '/' ignored)
     * @return the files, each named {@code <bsn>:/<folder>/<path>} in errors; empty if the folder is absent
     */
    static List<SourceScan.File> read(Bundle bundle, String folder) {
        String dir = strip(folder);
        List<SourceScan.File> files = new ArrayList<>();
        for (URL url : entries(bundle, dir)) {
            String entry = strip(url.getPath());
            if (!entry.startsWith(dir + "/")) {
                continue;
            }
            String path = entry.substring(dir.length() + 1);
            if (!SourceScan.isSkillPath(path)) {
                continue;
            }
            String location = bundle.getSymbolicName() + ":/" + entry;
            files.add(readOne(url, path, location));
        }
        return files;
    }

    /** True if the bundle has an entry folder {@code folder}. */
    static boolean exists(Bundle bundle, String folder) {
        return bundle.getEntry(strip(folder) + "/") != null;
    }

    private static List<URL> entries(Bundle bundle, String dir) {
        List<URL> out = new ArrayList<>();
        Enumeration<URL> flat = bundle.findEntries(dir, "*.md", false);
        if (flat != null) {
            out.addAll(Collections.list(flat));
        }
        Enumeration<URL> nested = bundle.findEntries(dir, "SKILL.md", true);
        if (nested != null) {
            out.addAll(Collections.list(nested));
        }
        return out;
    }

    private static SourceScan.File readOne(URL url, String path, String location) {
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readNBytes(SourceScan.MAX_FILE_BYTES + 1);
            if (bytes.length > SourceScan.MAX_FILE_BYTES) {
                return SourceScan.File.unreadable(path, location, "the file is larger than "
                        + SourceScan.MAX_FILE_BYTES + " bytes; skills are instructions, not data");
            }
            return SourceScan.File.read(path, location, utf8(bytes));
        } catch (CharacterCodingException e) {
            return SourceScan.File.unreadable(path, location, "the file is not UTF-8 text");
        } catch (IOException e) {
            return SourceScan.File.unreadable(path, location, "cannot read the file: " + e.getMessage());
        }
    }

    /** Strict UTF-8: a file in another encoding is reported instead of read as garbage. */
    static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static String strip(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
