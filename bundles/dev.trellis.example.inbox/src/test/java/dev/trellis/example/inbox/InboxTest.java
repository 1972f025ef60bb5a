package dev.trellis.example.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.agent.AgentId;
import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.HostMessaging;
import dev.trellis.api.messaging.Message;
import dev.trellis.api.messaging.MessageAuthor;
import dev.trellis.api.messaging.MessagingException;
import dev.trellis.api.messaging.Recipient;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.Logger;

class InboxTest {

    static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    record Sent(Recipient to, String body) {
    }

    @TempDir
    Path dir;
    final List<Sent> sent = new ArrayList<>();
    final Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (p, m, a) -> m.getReturnType() == boolean.class ? Boolean.TRUE : null);
    final HostMessaging messaging = (to, body) -> {
        if (to instanceof Recipient.Agent a && a.id().value().equals("zed")) {
            throw new MessagingException(MessagingException.Reason.UNKNOWN_RECIPIENT, "no agent zed");
        }
        sent.add(new Sent(to, body));
        return new Delivery("t" + sent.size(), Delivery.Outcome.QUEUED);
    };
    Inbox inbox;

    @BeforeEach
    void open() {
        inbox = new Inbox(dir, "inbox", "agent:ada", Duration.ofSeconds(1), log, Clock.fixed(NOW, ZoneOffset.UTC), false);
        inbox.messaging = messaging;
    }

    @AfterEach
    void close() {
        inbox.deactivate();
    }

    Path drop(String name, String text, Instant modified) throws Exception {
        Path f = Files.writeString(dir.resolve("incoming").resolve(name), text);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void anAgentMessageBecomesAFileInTheOutbox() throws Exception {
        inbox.deliver(new Message("msg-01", new Recipient.Channel("inbox"), new MessageAuthor.Agent(AgentId.of("ada")),
                "The beans need water.", NOW));
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("20260304-050607-msg-01.md");
        }
        assertThat(Files.readString(dir.resolve("outbox/20260304-050607-msg-01.md"))).isEqualTo("""
                From: agent ada
                To: channel:inbox
                Date: 2026-03-04T05:06:07Z
                Id: msg-01

                The beans need water.
                """);
    }

    @Test
    void droppedFilesAreSentAndMovedOnceSettled() throws Exception {
        drop("a.txt", "water the beans\n", NOW.minusSeconds(5));
        drop("b.md", "To: agent:bob\n\nfor bob", NOW.minusSeconds(5));
        drop("fresh.txt", "still being written", NOW);
        drop("ignored.pdf", "binary", NOW.minusSeconds(5));
        assertThat(inbox.scan()).containsExactly("a.txt", "b.md");
        assertThat(sent).containsExactly(new Sent(Recipient.parse("agent:ada"), "water the beans"),
                new Sent(Recipient.parse("agent:bob"), "for bob"));
        assertThat(dir.resolve("incoming/sent/a.txt")).exists();
        assertThat(dir.resolve("incoming/sent/b.md")).exists();
        assertThat(dir.resolve("incoming/fresh.txt")).exists();
        assertThat(dir.resolve("incoming/ignored.pdf")).exists();
        assertThat(inbox.scan()).isEmpty();
    }

    @Test
    void aFileThatCannotBeSentGoesToFailedWithTheReason() throws Exception {
        drop("zed.txt", "To: agent:zed\nhello", NOW.minusSeconds(5));
        drop("bad.txt", "To: nowhere\nhello", NOW.minusSeconds(5));
        inbox.scan();
        assertThat(sent).isEmpty();
        assertThat(Files.readString(dir.resolve("incoming/failed/zed.txt.error"))).isEqualTo("no agent zed\n");
        assertThat(Files.readString(dir.resolve("incoming/failed/bad.txt.error")))
                .isEqualTo("line 1: recipient 'nowhere' must be 'agent:<id>', 'group:<id>' or 'channel:<name>'\n");
        assertThat(dir.resolve("incoming/failed/zed.txt")).exists();
    }

    @Test
    void withoutMessagingFilesWait() throws Exception {
        inbox.messaging = null;
        drop("later.txt", "hello", NOW.minusSeconds(5));
        inbox.scan();
        assertThat(dir.resolve("incoming/later.txt")).exists();
        inbox.messaging = messaging;
        inbox.scan();
        assertThat(sent).containsExactly(new Sent(Recipient.parse("agent:ada"), "hello"));
    }
}
