package dev.trellis.auth.internal.cli;

import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.ProviderKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Plain-text status for the CLI: tier, expiry, masked account, where the credential lives. Never a secret. */
final class StatusText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private StatusText() {
    }

    static String of(AuthStatus s, Instant now) {
        StringBuilder b = new StringBuilder(s.provider().id()).append(": ");
        if (s.tier().isEmpty()) {
            b.append("no credential (").append(fix(s.provider())).append(')');
        } else {
            b.append(tier(s.tier().get()));
            s.expiresAt().ifPresent(e -> b.append(", expires ").append(TIME.format(e)).append(" (").append(relative(e, now))
                    .append(')'));
            s.accountSuffix().ifPresent(a -> b.append(", account ...").append(a));
            if (s.tier().get() == AuthTier.OAUTH) {
                b.append(s.refreshable() ? ", refreshable" : ", no refresh token");
            }
        }
        s.source().ifPresent(src -> b.append("\n  from: ").append(src));
        s.problem().ifPresent(p -> b.append("\n  problem: ").append(p));
        return b.toString();
    }

    static String tier(AuthTier tier) {
        return switch (tier) {
            case OAUTH -> "OAuth login";
            case ENV_KEY -> "API key from the environment";
            case STORED_KEY -> "stored API key";
        };
    }

    static String fix(ProviderKind p) {
        return "./trellis auth login --provider " + p.id() + ", or set " + String.join(" or ", p.envVars());
    }

    static String relative(Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        String span = span(d.abs());
        return d.isNegative() ? "expired " + span + " ago; refreshed on next use" : "in " + span;
    }

    private static String span(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
