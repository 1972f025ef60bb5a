package dev.trellis.deploy.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Re-reads every {@code .config} file File Install applies and warns, with file, line and key, when
 * its typed syntax is broken. File Install itself applies such a file as plain properties without a
 * word, so the component would otherwise run with a value like {@code "unterminated}.
 */
@Component(service = ConfigurationListener.class)
public final class ConfigFileChecker implements ConfigurationListener {

    /** Set by File Install on every configuration it created from a file. */
    static final String FILENAME_PROPERTY = "felix.fileinstall.filename";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private ConfigurationAdmin configAdmin;

    @Activate
    void checkFilesAppliedBeforeUs() {
        try {
            Configuration[] existing = configAdmin.listConfigurations("(" + FILENAME_PROPERTY + "=*)");
            if (existing != null) {
                for (Configuration c : existing) {
                    check(c.getProperties());
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("config: could not list configurations to check their files: {}", e.toString());
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() != ConfigurationEvent.CM_UPDATED) {
            return;
        }
        try {
            Configuration[] matches = configAdmin.listConfigurations("(service.pid=" + event.getPid() + ")");
            if (matches != null) {
                for (Configuration c : matches) {
                    check(c.getProperties());
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("config: could not read configuration {} to check its file: {}", event.getPid(), e.toString());
        }
    }

    private void check(Dictionary<String, Object> properties) {
        if (properties == null || !(properties.get(FILENAME_PROPERTY) instanceof String name) || !name.endsWith(".config")) {
            return;
        }
        Path file;
        try {
            file = Path.of(URI.create(name));
        } catch (IllegalArgumentException e) {
            file = Path.of(name);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return; // deleted or renamed since; File Install reports the removal itself
        }
        for (ConfigSyntaxProblem p : TypedConfigChecker.check(text)) {
            log.warn("config: {} line {}, key '{}': {}. File Install applied this file as plain properties, "
                    + "so the raw text is the value now; fix the line and the file is re-applied.",
                    file, p.line(), p.key(), p.reason());
        }
    }
}
