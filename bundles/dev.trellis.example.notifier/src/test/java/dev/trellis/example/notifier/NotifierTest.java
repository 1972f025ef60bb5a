package dev.trellis.example.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.HostMessaging;
import dev.trellis.api.messaging.MessagingException;
import dev.trellis.api.messaging.Recipient;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

class NotifierTest {

    record Sent(Recipient to, String body) {
    }

    final List<Sent> sent = new ArrayList<>();
    final List<String> logged = new ArrayList<>();
    final HostMessaging messaging = (to, body) -> {
        sent.add(new Sent(to, body));
        return new Delivery("t" + sent.size(), sent.size() == 1 ? Delivery.Outcome.TURN_STARTED : Delivery.Outcome.QUEUED);
    };
    /** Records "level: format" of every call. */
    final Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (p, m, args) -> {
                if (args != null && args.length > 0 && args[0] instanceof String format) {
                    logged.add(m.getName() + ": " + format);
                }
                return m.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });

    Notifier notifier(String to, int count) {
        return new Notifier(to, "Reminder {n} at {time}", Duration.ofSeconds(60), Duration.ZERO, count, log,
                Clock.fixed(Instant.parse("2026-03-04T05:06:07.890Z"), ZoneOffset.UTC), false);
    }

    @Test
    void sendsNumberedMessagesUpToTheCount() {
        Notifier n = notifier("agent:ada", 2);
        n.messaging = messaging;
        n.fire();
        n.fire();
        n.fire();
        assertThat(sent).containsExactly(new Sent(Recipient.parse("agent:ada"), "Reminder 1 at 2026-03-04T05:06:07Z"),
                new Sent(Recipient.parse("agent:ada"), "Reminder 2 at 2026-03-04T05:06:07Z"));
        assertThat(logged).containsExactly("info: notifier: notification {} to {}: {} ({})", "info: notifier: notification {} to {}: {} ({})");
        n.deactivate();
    }

    @Test
    void withoutMessagingOrOnAnErrorItLogsAndGoesOn() {
        Notifier n = notifier("agent:ada", 0);
        n.fire();
        n.messaging = (to, body) -> {
            throw new MessagingException(MessagingException.Reason.UNKNOWN_RECIPIENT, "no such agent");
        };
        n.fire();
        n.messaging = messaging;
        n.fire();
        assertThat(n.sent()).isEqualTo(1);
        assertThat(sent).extracting(Sent::body).containsExactly("Reminder 1 at 2026-03-04T05:06:07Z");
        assertThat(logged).containsExactly(
                "warn: notifier: no HostMessaging service (is dev.trellis.messaging active?); notification to {} skipped",
                "warn: notifier: notification {} to {} failed: {}", "info: notifier: notification {} to {}: {} ({})");
        n.deactivate();
    }

    @Test
    void badConfigurationIsRefusedWithTheReason() {
        assertThatThrownBy(() -> notifier("ada", 0)).hasMessage(
                "recipient 'ada' must be 'agent:<id>', 'group:<id>' or 'channel:<name>'");
        assertThatThrownBy(() -> new Notifier("agent:ada", " ", Duration.ofSeconds(1), Duration.ZERO, 0, log, Clock.systemUTC(), false))
                .hasMessage("dev.trellis.example.notifier: message is empty");
    }
}
