package dev.trellis.deploy.internal;

import java.io.File;
import java.util.Optional;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Claims {@code *.jar} files that File Install cannot open. Without it, File Install swallows the
 * error, logs nothing and retries the file on every poll; with it, the user gets one WARN naming the
 * file and the reason, and the next one only when the file changes.
 */
@Component(service = ArtifactInstaller.class)
public final class UnusableJarReporter implements ArtifactInstaller {

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && JarProblem.of(artifact.toPath()).isPresent();
    }

    @Override
    public void install(File artifact) {
        report(artifact);
    }

    @Override
    public void update(File artifact) {
        report(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        log.info("deploy: {} removed (it was never installed: not a usable bundle)", artifact);
    }

    private void report(File artifact) {
        Optional<String> problem = JarProblem.of(artifact.toPath());
        // The file may have been fixed between canHandle and now; then File Install's next scan installs it.
        problem.ifPresent(reason -> log.warn(
                "deploy: {} was not installed: {}. Nothing else was changed; replace the file with a valid bundle jar.",
                artifact, reason));
    }
}
