package dev.trellis.shell.internal.auth;

import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.AuthTier;
import dev.trellis.api.auth.ClearResult;
import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.DeviceCode;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.LoginProgress;
import dev.trellis.api.auth.LoginService;
import dev.trellis.api.auth.ProviderKind;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What the {@code trellis:auth-*} commands do, on the auth API only (no Gogo types, so it is tested plainly).
 * Texts never contain a secret: tier, expiry, the last 4 characters of the account id, where the credential lives.
 */
final class AuthShell {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AuthShell() {
    }

    static String status(CredentialResolver resolver, List<String> args, Clock clock) {
        if (args.size() > 1) {
            throw new IllegalArgumentException("usage: trellis:auth-status [openai|anthropic|gemini]");
        }
        List<ProviderKind> providers = args.isEmpty() ? List.of(ProviderKind.values())
                : List.of(ProviderKind.parse(args.get(0)));
        List<String> lines = new ArrayList<>();
        for (ProviderKind p : providers) {
            lines.add(line(resolver.status(p), clock.instant()));
        }
        return String.join("\n", lines);
    }

    static String line(AuthStatus s, Instant now) {
        StringBuilder b = new StringBuilder(String.format("%-10s ", s.provider().id()));
        if (s.tier().isEmpty()) {
            b.append("no credential: trellis:auth-login ").append(s.provider().id())
                    .append(s.provider().supportsOAuth() ? "" : " <key>").append(", or set ")
                    .append(String.join(" or ", s.provider().envVars()));
        } else {
            b.append(switch (s.tier().get()) {
                case OAUTH -> "OAuth";
                case ENV_KEY -> "env key";
                case STORED_KEY -> "stored key";
            });
            s.expiresAt().ifPresent(e -> b.append("  expires ").append(TIME.format(e))
                    .append(e.isAfter(now) ? " (in " + Duration.between(now, e).toMinutes() + " min)" : " (expired)"));
            s.accountSuffix().ifPresent(a -> b.append("  account ...").append(a));
            s.source().ifPresent(src -> b.append("  (").append(src).append(')'));
        }
        s.problem().ifPresent(p -> b.append("\n           problem: ").append(p));
        return b.toString();
    }

    /**
     * {@code <provider> [--headless] [key]}: an OAuth login that prints the URL or device code to {@code console}
     * and waits until it ends, or stores the given API key.
     */
    static String login(LoginService login, List<String> args, PrintStream console, Clock clock)
            throws InterruptedException {
        List<String> rest = new ArrayList<>(args);
        boolean headless = rest.remove("--headless");
        if (rest.isEmpty() || rest.size() > 2) {
            throw new IllegalArgumentException("usage: trellis:auth-login openai [--headless] | trellis:auth-login"
                    + " anthropic|gemini|openai <api-key>");
        }
        ProviderKind provider = ProviderKind.parse(rest.get(0));
        if (rest.size() == 2) {
            if (headless) {
                throw new IllegalArgumentException("--headless applies to the OpenAI login, not to storing a key");
            }
            AuthStatus s = login.storeApiKey(provider, rest.get(1));
            return "Stored the API key (it is now in this shell's history; ./trellis auth login reads keys without"
                    + " echo).\n" + line(s, clock.instant());
        }
        if (!provider.supportsOAuth()) {
            throw new IllegalArgumentException(provider.id() + " uses API keys: trellis:auth-login " + provider.id()
                    + " <key>, or ./trellis auth login --provider " + provider.id() + " (reads it without echo)");
        }
        CompletableFuture<AuthStatus> running = login.login(provider, headless ? LoginFlow.DEVICE_CODE : LoginFlow.AUTO,
                progress(console, clock)).toCompletableFuture();
        try {
            return "Logged in.\n" + line(running.get(), clock.instant());
        } catch (InterruptedException e) {
            running.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthException ae) {
                throw ae;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static String clear(LoginService login, List<String> args, Clock clock) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: trellis:auth-clear openai|anthropic|gemini");
        }
        ClearResult r = login.clear(ProviderKind.parse(args.get(0)));
        StringBuilder b = new StringBuilder();
        if (!r.removedAnything()) {
            b.append("Nothing stored for ").append(r.provider().id()).append(".");
        } else {
            b.append("Removed").append(r.tokensRemoved() ? " the OAuth login" : "")
                    .append(r.tokensRemoved() && r.keyRemoved() ? " and" : "")
                    .append(r.keyRemoved() ? " the stored key" : "").append(" of ").append(r.provider().id()).append('.');
        }
        r.revocation().ifPresent(rev -> b.append("\nRevocation: ").append(rev));
        b.append('\n').append(line(r.after(), clock.instant()));
        if (r.after().tier().map(t -> t == AuthTier.ENV_KEY).orElse(false)) {
            b.append("\n(the environment variable is untouched)");
        }
        return b.toString();
    }

    private static LoginProgress progress(PrintStream console, Clock clock) {
        return new LoginProgress() {
            @Override
            public void openBrowser(URI authorizeUrl) {
                console.println("Open this URL in a browser on the host's machine:\n  " + authorizeUrl
                        + "\nWaiting for the browser (Ctrl-C cancels)...");
                console.flush();
            }

            @Override
            public void showDeviceCode(DeviceCode code) {
                console.println("On any device, open " + code.verificationUrl() + " and enter the code  "
                        + code.userCode() + "\n(valid until " + TIME.format(code.expiresAt()) + "). Waiting...");
                console.flush();
            }
        };
    }
}
