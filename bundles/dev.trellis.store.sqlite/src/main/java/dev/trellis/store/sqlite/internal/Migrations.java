package dev.trellis.store.sqlite.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the numbered migrations listed in {@code migrations/index} from this bundle's resources. An
 * index file (rather than a directory listing) works the same on a class path and inside a bundle.
 *
 * <p>Numbers increase down the index but may leave gaps: parallel branches each take a number (tasks
 * V006, skills V007, ...) and the index of one branch may lack another's. {@link SqliteDatabase}
 * records every applied migration in {@code schema_migrations}, so a migration merged in later with a
 * lower number than the file's {@code user_version} is still applied once.
 */
final class Migrations {

    static final String FOLDER = "/dev/trellis/store/sqlite/migrations/";
    private static final Pattern NAME = Pattern.compile("V(\\d{3})__[a-z0-9_]+\\.sql");
    /** Java steps, by the migration they complete. */
    private static final Map<String, Migration.Step> STEPS = Map.of("V005__block_chunks.sql", BlockChunks::rebuildAll);

    private Migrations() {
    }

    /**
     * @return all migrations, version 1 first, versions increasing (gaps allowed, see above)
     * @throws IllegalStateException if the index or a listed file is missing or misnumbered (a
     *                               packaging bug, not a runtime condition)
     */
    static List<Migration> load() {
        String index = resource("index");
        List<Migration> result = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            int previous = result.isEmpty() ? 0 : result.getLast().version();
            int version = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (version <= previous || (result.isEmpty() && version != 1)) {
                throw new IllegalStateException("migrations/index: line '" + name + "' must be V<nnn>__<name>.sql with"
                        + " a number above " + String.format("%03d", previous) + " (versions start at V001 and increase)");
            }
            result.add(new Migration(version, name, resource(name), STEPS.getOrDefault(name, Migration.Step.NONE)));
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("migrations/index lists no migrations");
        }
        return List.copyOf(result);
    }

    /** The schema version a file has once every migration of {@code migrations} is applied. */
    static int newest(List<Migration> migrations) {
        return migrations.getLast().version();
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + FOLDER + name, e);
        }
    }
}
