package dev.trellis.example.notifier;

import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.HostMessaging;
import dev.trellis.api.messaging.MessagingException;
import dev.trellis.api.messaging.Recipient;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One notifier per configuration: every interval it sends the configured message through this
 * bundle's {@link HostMessaging} (so the host authors it {@code plugin dev.trellis.example.notifier}).
 * A busy agent finds it queued after its turn. While messaging is not there, notifications are
 * skipped and logged, not stored up.
 */
@Component(configurationPid = Notifier.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = NotifierConfig.class, factory = true)
public final class Notifier {

    static final String PID = "dev.trellis.example.notifier";

    // optional and dynamic: the plugin stays active while messaging is updated or stopped
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HostMessaging messaging;
    private final Recipient to;
    private final String template;
    private final int count;
    private final Logger log;
    private final Clock clock;
    private final AtomicInteger sent = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final Duration interval;
    private final Duration first;
    private final boolean schedule;

    @Activate
    public Notifier(NotifierConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this(config.to(), config.message(), Duration.ofSeconds(config.interval_seconds()),
                config.initial_delay_seconds() < 0 ? Duration.ofSeconds(config.interval_seconds())
                        : Duration.ofSeconds(config.initial_delay_seconds()), config.count(), log, Clock.systemUTC(), true);
    }

    /** @param schedule false for tests, which call {@link #fire()} themselves */
    Notifier(String to, String template, Duration interval, Duration first, int count, Logger log, Clock clock,
            boolean schedule) {
        this.to = Recipient.parse(Objects.requireNonNull(to, "to").strip());
        if (template.isBlank()) {
            throw new IllegalArgumentException(PID + ": message is empty");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException(PID + ": interval.seconds must be >= 1, was " + interval.toSeconds());
        }
        this.template = template;
        this.count = count;
        this.log = log;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notifier " + this.to.format());
            t.setDaemon(true);
            return t;
        });
        this.interval = interval;
        this.first = first;
        this.schedule = schedule;
    }

    /**
     * Starts the schedule. SCR calls this after the constructor and after binding {@link #messaging}: a timer
     * started in the constructor fired (with no initial delay) before the field was set and skipped the first
     * notification.
     */
    @Activate
    void start() {
        if (schedule) {
            timer.scheduleAtFixedRate(this::fire, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /** Sends the next notification (the timer calls this). */
    void fire() {
        if (count > 0 && sent.get() >= count) {
            timer.shutdown();
            return;
        }
        HostMessaging m = messaging;
        if (m == null) {
            log.warn("notifier: no HostMessaging service (is dev.trellis.messaging active?); notification to {} skipped",
                    to.format());
            return;
        }
        int n = sent.get() + 1;
        String body = template.replace("{n}", Integer.toString(n))
                .replace("{time}", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        try {
            Delivery d = m.send(to, body);
            sent.incrementAndGet();
            log.info("notifier: notification {} to {}: {} ({})", n, to.format(), d.outcome(), d.messageId());
        } catch (MessagingException e) {
            log.warn("notifier: notification {} to {} failed: {}", n, to.format(), e.getMessage());
        }
    }

    int sent() {
        return sent.get();
    }
}
