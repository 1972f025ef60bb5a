package dev.trellis.example.inbox;

import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.HostMessaging;
import dev.trellis.api.messaging.Message;
import dev.trellis.api.messaging.MessageChannel;
import dev.trellis.api.messaging.MessagingException;
import dev.trellis.api.messaging.Recipient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The inbox channel. Outgoing: {@link #deliver} writes one Markdown file per message into
 * {@code outbox/} (written to a temporary name and moved, so a reader never sees half a file).
 * Incoming: every poll, each {@code *.txt} / {@code *.md} file in {@code incoming/} that has not
 * changed for a poll interval is sent (authored {@code plugin dev.trellis.example.inbox}) and moved to
 * {@code incoming/sent/}; if sending fails it goes to {@code incoming/failed/} with a {@code .error}
 * file saying why. The channel service carries the configured {@code channel.name}.
 */
@Component(service = MessageChannel.class, configurationPid = Inbox.PID, property = MessageChannel.NAME + "=inbox")
@Designate(ocd = InboxConfig.class)
public final class Inbox implements MessageChannel {

    static final String PID = "dev.trellis.example.inbox";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path outbox;
    private final Path incoming;
    private final Recipient to;
    private final Duration settle;
    private final Logger log;
    private final Clock clock;
    // optional and dynamic: the plugin stays active while messaging is updated or stopped
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HostMessaging messaging;
    private final ScheduledExecutorService timer;

    @Activate
    public Inbox(BundleContext context, InboxConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this(directory(config.directory(), context.getProperty("trellis.home")), config.channel_name(), config.to(),
                Duration.ofMillis(Math.max(100, config.poll_ms())), log, Clock.systemUTC(), true);
    }

    /** @param poll false for tests, which call {@link #scan()} themselves */
    Inbox(Path directory, String channelName, String to, Duration settle, Logger log, Clock clock, boolean poll) {
        new Recipient.Channel(channelName); // checks the name
        this.to = Recipient.parse(Objects.requireNonNull(to, "to").strip());
        this.outbox = directory.resolve("outbox");
        this.incoming = directory.resolve("incoming");
        this.settle = settle;
        this.log = log;
        this.clock = clock;
        try {
            Files.createDirectories(outbox);
            Files.createDirectories(incoming.resolve("sent"));
            Files.createDirectories(incoming.resolve("failed"));
        } catch (IOException e) {
            throw new UncheckedIOException(PID + ": cannot create the inbox directories under " + directory, e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inbox " + directory);
            t.setDaemon(true);
            return t;
        });
        if (poll) {
            timer.scheduleWithFixedDelay(this::scanQuietly, settle.toMillis(), settle.toMillis(), TimeUnit.MILLISECONDS);
        }
        log.info("inbox: channel {} writes to {}; files dropped into {} go to {}", channelName, outbox, incoming, this.to.format());
    }

    static Path directory(String configured, String home) {
        if (!configured.isBlank()) {
            return Path.of(configured.strip()).toAbsolutePath();
        }
        String base = home != null && !home.isBlank() ? home
                : System.getenv("TRELLIS_HOME") != null ? System.getenv("TRELLIS_HOME")
                : Path.of(System.getProperty("user.home"), ".trellis").toString();
        return Path.of(base, "inbox").toAbsolutePath();
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public void deliver(Message message) {
        String name = STAMP.format(message.sentAt()) + "-" + safe(message.id()) + ".md";
        String text = "From: " + message.author().render() + "\nTo: " + message.to().format() + "\nDate: "
                + DateTimeFormatter.ISO_INSTANT.format(message.sentAt()) + "\nId: " + message.id() + "\n\n" + message.body()
                + (message.body().endsWith("\n") ? "" : "\n");
        try {
            write(outbox.resolve(name), text);
        } catch (IOException e) {
            throw new MessagingException(MessagingException.Reason.CHANNEL_FAILED,
                    "inbox: cannot write " + outbox.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.error("inbox: scanning " + incoming + " failed", e);
        }
    }

    /** Sends every settled file in {@code incoming/}. @return the files handled, by name */
    List<String> scan() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(incoming, p -> Files.isRegularFile(p) && readable(p))) {
            dir.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        List<String> handled = new ArrayList<>();
        for (Path f : files) {
            try {
                if (Files.getLastModifiedTime(f).toInstant().plus(settle).isAfter(clock.instant())) {
                    continue; // may still be written; next poll
                }
                handle(f);
                handled.add(f.getFileName().toString());
            } catch (IOException e) {
                log.warn("inbox: {} could not be handled: {}", f, e.getMessage());
            }
        }
        return handled;
    }

    private static boolean readable(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".txt") || n.endsWith(".md"));
    }

    private void handle(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Recipient recipient = to;
        String body = text;
        if (text.startsWith("To:")) {
            int nl = text.indexOf('\n');
            String line = (nl < 0 ? text : text.substring(0, nl)).substring(3).strip();
            body = nl < 0 ? "" : text.substring(nl + 1).stripLeading();
            try {
                recipient = Recipient.parse(line);
            } catch (IllegalArgumentException e) {
                fail(file, "line 1: " + e.getMessage());
                return;
            }
        }
        HostMessaging m = messaging;
        if (m == null) {
            return; // stays in incoming/ until messaging is back
        }
        try {
            Delivery d = m.send(recipient, body.strip());
            move(file, incoming.resolve("sent").resolve(file.getFileName()));
            log.info("inbox: {} sent to {}: {} ({})", file.getFileName(), recipient.format(), d.outcome(), d.messageId());
        } catch (MessagingException e) {
            if (e.reason() == MessagingException.Reason.AGENTS_UNAVAILABLE) {
                return; // try again at the next poll
            }
            fail(file, e.getMessage());
        }
    }

    private void fail(Path file, String why) throws IOException {
        Path failed = incoming.resolve("failed").resolve(file.getFileName());
        move(file, failed);
        write(failed.resolveSibling(file.getFileName() + ".error"), why + "\n");
        log.warn("inbox: {} was not sent: {} (moved to {})", file.getFileName(), why, failed);
    }

    private static void write(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        move(tmp, target);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
