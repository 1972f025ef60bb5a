package dev.trellis.skills.internal;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.TrustTier;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One watched project skills directory (factory configuration {@code dev.trellis.skills.project}): its
 * {@code <name>.md} files and {@code <name>/SKILL.md} folders are the project-local skills of scope
 * {@code local:<project>}, stored at {@code skills/<name>}. A virtual thread waits on a
 * {@link WatchService} for the directory and its sub-directories; after a change and
 * {@code debounce.ms} of quiet it scans the whole directory again and the core writes only what changed.
 *
 * <p>Deleting the configuration deletes the project's skill blocks; stopping the host keeps them (the
 * next start finds them unchanged). A changed configuration re-creates the component, which scans the
 * new directory.
 */
@Component(configurationPid = "dev.trellis.skills.project", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ProjectConfig.class, factory = true)
public final class ProjectSkills {

    private final SkillsCore core;
    private final Scope.Local project;
    private final Path directory;
    private final long debounceMillis;
    private final WatchService watcher;
    private final Thread thread;

    @Activate
    public ProjectSkills(@Reference(name = "core") SkillsCore core, BundleContext context, ProjectConfig config)
            throws IOException {
        this(core, project(config.project()), Homes.resolve(config.directory(), context.getProperty("trellis.home"),
                System.getenv("TRELLIS_HOME"), System.getProperty("user.home")), config.debounce_ms());
    }

    ProjectSkills(SkillsCore core, Scope.Local project, Path directory, long debounceMillis) throws IOException {
        this.core = core;
        this.project = project;
        this.directory = directory;
        if (debounceMillis < 0) {
            throw new IllegalArgumentException("dev.trellis.skills.project: debounce.ms must be >= 0, was " + debounceMillis);
        }
        this.debounceMillis = debounceMillis;
        core.claimProject(project.id(), directory.toString());
        try {
            Files.createDirectories(directory);
            this.watcher = directory.getFileSystem().newWatchService();
            register(directory);
        } catch (IOException | RuntimeException e) {
            core.releaseProject(project.id(), directory.toString());
            throw e;
        }
        this.thread = Thread.ofVirtual().name("trellis-skills-watch-" + project.id()).start(this::watch);
    }

    static Scope.Local project(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("dev.trellis.skills.project: 'project' is required (the project id;"
                    + " skills go to scope local:<project>)");
        }
        return new Scope.Local(id.strip());
    }

    static String sourceId(Scope.Local project) {
        return "project:" + project.id();
    }

    @Deactivate
    void deactivate(int reason) throws IOException, InterruptedException {
        watcher.close();
        thread.join(5_000);
        core.releaseProject(project.id(), directory.toString());
        if (reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED) {
            core.withdraw(sourceId(project));
        }
    }

    private void register(Path dir) throws IOException {
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
    }

    private void watch() {
        try {
            scan();
            while (true) {
                WatchKey key = watcher.take();
                handle(key);
                // wait for quiet: editors save in several steps (temp file, rename, chmod)
                while ((key = watcher.poll(debounceMillis, TimeUnit.MILLISECONDS)) != null) {
                    handle(key);
                }
                scan();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // deactivated
        }
    }

    private void handle(WatchKey key) {
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name
                    && key.watchable() instanceof Path parent && parent.equals(directory)) {
                Path child = directory.resolve(name);
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        register(child);
                    } catch (IOException e) {
                        core.log().warn("skills: cannot watch " + child + ": " + e.getMessage());
                    }
                }
            }
        }
        key.reset();
    }

    /** Reads the directory and hands the result to the core. */
    void scan() {
        List<SourceScan.File> files = new ArrayList<>();
        List<SkillParseError> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add(new SkillParseError(directory.toString(), 0, 0, "the skills directory does not exist any more;"
                    + " its skills were removed (create it again, or change the configuration)"));
        } else {
            try (DirectoryStream<Path> top = Files.newDirectoryStream(directory)) {
                for (Path p : top) {
                    String name = p.getFileName().toString();
                    if (Files.isDirectory(p)) {
                        Path skill = p.resolve("SKILL.md");
                        register(p);
                        if (Files.isRegularFile(skill)) {
                            files.add(read(name + "/SKILL.md", skill));
                        }
                    } else if (SourceScan.isSkillPath(name) && Files.isRegularFile(p)) {
                        files.add(read(name, p));
                    }
                }
            } catch (IOException e) {
                problems.add(new SkillParseError(directory.toString(), 0, 0, "cannot list the directory: " + e));
            }
        }
        SourceScan.Result scan = SourceScan.scan(files);
        problems.addAll(scan.problems());
        core.submit(new SourceRegistry.Source(sourceId(project), TrustTier.PROJECT_LOCAL, directory.toString(),
                SkillNames.project(project), scan.wanted(), scan.keep(), problems, scan.paths()));
    }

    private static SourceScan.File read(String path, Path file) {
        String location = file.toString();
        try {
            long size = Files.size(file);
            if (size > SourceScan.MAX_FILE_BYTES) {
                return SourceScan.File.unreadable(path, location, "the file is larger than " + SourceScan.MAX_FILE_BYTES
                        + " bytes; skills are instructions, not data");
            }
            return SourceScan.File.read(path, location, BundleFolder.utf8(Files.readAllBytes(file)));
        } catch (CharacterCodingException e) {
            return SourceScan.File.unreadable(path, location, "the file is not UTF-8 text");
        } catch (NoSuchFileException e) {
            return SourceScan.File.unreadable(path, location, "the file disappeared while it was read");
        } catch (IOException e) {
            return SourceScan.File.unreadable(path, location, "cannot read the file: " + e.getMessage());
        }
    }
}
