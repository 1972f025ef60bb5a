package dev.trellis.auth.internal.cli;

import dev.trellis.api.auth.AuthError;
import dev.trellis.api.auth.AuthException;
import dev.trellis.api.auth.AuthStatus;
import dev.trellis.api.auth.ClearResult;
import dev.trellis.api.auth.DeviceCode;
import dev.trellis.api.auth.LoginFlow;
import dev.trellis.api.auth.LoginProgress;
import dev.trellis.api.auth.ProviderKind;
import dev.trellis.auth.internal.core.AuthEngine;
import dev.trellis.auth.internal.core.AuthLog;
import dev.trellis.auth.internal.core.AuthSettings;
import dev.trellis.auth.internal.core.Environment;
import dev.trellis.auth.internal.core.Pause;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * {@code ./trellis auth login|status|clear [--provider openai|anthropic|gemini] [--headless] [--codex-home P]}:
 * the auth engine without a host. Reads the same configuration as the host ({@code dev.trellis.auth.cfg} in
 * {@code -Dtrellis.config}) and the same {@code -Dtrellis.home}, so both find the same files. Exit status 0 on
 * success, 1 when the operation failed (one line naming the cause and the fix on stderr), 2 for bad usage.
 */
public final class AuthCli {

    static final String USAGE = """
            Usage: ./trellis auth <command> [options]

            Commands:
              login   --provider openai      sign in with ChatGPT: opens a callback on 127.0.0.1:1455 (then 1457) and
                                             prints the URL to open; falls back to a device code if both ports are taken
                      --provider openai --headless   device code: prints a code to enter on any device
                      --provider openai --api-key    store an OpenAI API key (read without echo) in auth.json
                      --provider anthropic|gemini    store an API key (read without echo, or one line from stdin)
              status  [--provider P]         which credential each provider would use now: tier, expiry, account
                                             (last 4 characters), where it lives. Never prints a secret.
              clear   --provider P           remove the stored login/key of P (an OpenAI login is also revoked)

            Options:
              --codex-home P   use P/auth.json for the OpenAI login (default: $CODEX_HOME, else ~/.codex, when that
                               file exists; otherwise Trellis' own $TRELLIS_HOME/openai/auth.json)
              --help           this text

            Environment: OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY / GOOGLE_API_KEY (used before stored keys),
            CODEX_HOME, TRELLIS_HOME, TRELLIS_OPENAI_ISSUER, CODEX_REFRESH_TOKEN_URL_OVERRIDE,
            CODEX_REVOKE_TOKEN_URL_OVERRIDE. Settings of PID dev.trellis.auth in $TRELLIS_CONFIG/dev.trellis.auth.cfg
            apply here too. Credentials are stored in files (mode 0600), not in an OS keyring.
            """;

    private final Environment env;
    private final Map<String, String> properties;
    private final KeyInput keys;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    AuthCli(Environment env, Map<String, String> properties, KeyInput keys, PrintStream out, PrintStream err,
            Clock clock) {
        this.env = env;
        this.properties = properties;
        this.keys = keys;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        InputStream in = System.in;
        AuthCli cli = new AuthCli(Environment.system(), props, KeyInput.of(System.console(), in), System.out,
                System.err, Clock.systemUTC());
        System.exit(cli.run(args));
    }

    /** Parsed command line. */
    private record Args(String command, Optional<ProviderKind> provider, boolean headless, boolean apiKey,
            Optional<Path> codexHome) {}

    int run(String[] argv) {
        Args args;
        try {
            args = parse(List.of(argv));
        } catch (IllegalArgumentException e) {
            err.println("trellis auth: " + e.getMessage());
            err.println("Run ./trellis auth --help for the commands.");
            return 2;
        }
        if (args.command().equals("help")) {
            out.print(USAGE);
            return 0;
        }
        AuthSettings settings;
        try {
            settings = settings(args);
        } catch (IllegalArgumentException | IOException e) {
            err.println("trellis auth: configuration: " + e.getMessage());
            return 2;
        }
        try (AuthEngine engine = new AuthEngine(settings, env, clock, Pause.REAL, stderrLog())) {
            return switch (args.command()) {
                case "login" -> login(engine, args);
                case "status" -> status(engine, args);
                case "clear" -> clear(engine, args.provider().orElseThrow());
                default -> throw new IllegalStateException(args.command());
            };
        } catch (AuthException e) {
            err.println("trellis auth: " + e.getMessage() + hint(e.error(), args));
            Throwable cause = e.getCause();
            if (cause instanceof AuthException c) {
                err.println("  cause: " + c.getMessage());
            }
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("trellis auth: " + e.getMessage());
            return 1;
        }
    }

    private Args parse(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("missing command (login, status or clear)");
        }
        String command = argv.get(0);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            return new Args("help", Optional.empty(), false, false, Optional.empty());
        }
        if (!List.of("login", "status", "clear").contains(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "' (expected login, status or clear)");
        }
        Optional<ProviderKind> provider = Optional.empty();
        Optional<Path> codexHome = Optional.empty();
        boolean headless = false;
        boolean apiKey = false;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "--provider" -> provider = Optional.of(ProviderKind.parse(value(argv, ++i, a)));
                case "--codex-home" -> codexHome = Optional.of(Path.of(value(argv, ++i, a)));
                case "--headless" -> headless = true;
                case "--api-key" -> apiKey = true;
                case "--help", "-h" -> {
                    return new Args("help", Optional.empty(), false, false, Optional.empty());
                }
                default -> {
                    if (a.startsWith("--provider=")) {
                        provider = Optional.of(ProviderKind.parse(a.substring("--provider=".length())));
                    } else if (a.startsWith("--codex-home=")) {
                        codexHome = Optional.of(Path.of(a.substring("--codex-home=".length())));
                    } else {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                }
            }
        }
        if (provider.isEmpty() && !command.equals("status")) {
            throw new IllegalArgumentException(command + " needs --provider openai|anthropic|gemini");
        }
        if ((headless || apiKey) && !command.equals("login")) {
            throw new IllegalArgumentException((headless ? "--headless" : "--api-key") + " only applies to login");
        }
        if ((headless || apiKey) && provider.get() != ProviderKind.OPENAI) {
            throw new IllegalArgumentException((headless ? "--headless" : "--api-key") + " only applies to"
                    + " --provider openai (" + provider.get().id() + " uses API keys only)");
        }
        if (headless && apiKey) {
            throw new IllegalArgumentException("--headless and --api-key exclude each other");
        }
        return new Args(command, provider, headless, apiKey, codexHome);
    }

    private static String value(List<String> argv, int i, String option) {
        if (i >= argv.size() || argv.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return argv.get(i);
    }

    /** Settings of the host: dev.trellis.auth.cfg from the config directory, then --codex-home. */
    private AuthSettings settings(Args args) throws IOException {
        Map<String, Object> config = new HashMap<>();
        String configDir = properties.get("trellis.config");
        if (configDir != null && !configDir.isBlank()) {
            Path cfg = Path.of(configDir, "dev.trellis.auth.cfg");
            if (Files.isRegularFile(cfg)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(cfg, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                p.forEach((k, v) -> config.put(k.toString(), v));
            }
        }
        AuthSettings s = AuthSettings.from(config, env, AuthSettings.trellisHome(properties::get, env));
        return args.codexHome().map(h -> s.withCodexHome(h.toAbsolutePath().normalize())).orElse(s);
    }

    private int login(AuthEngine engine, Args args) {
        ProviderKind provider = args.provider().orElseThrow();
        if (!provider.supportsOAuth() || args.apiKey()) {
            return storeKey(engine, provider);
        }
        LoginFlow flow = args.headless() ? LoginFlow.DEVICE_CODE : LoginFlow.AUTO;
        try {
            AuthStatus s = engine.login(provider, flow, progress(engine.settings())).toCompletableFuture().get();
            out.println("Logged in. " + StatusText.of(s, clock.instant()));
            return 0;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof AuthException ae) {
                throw ae;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException(new AuthError.Cancelled());
        }
    }

    private LoginProgress progress(AuthSettings settings) {
        return new LoginProgress() {
            @Override
            public void openBrowser(URI authorizeUrl) {
                out.println("Open this URL in a browser on this machine to sign in with ChatGPT:");
                out.println();
                out.println("  " + authorizeUrl);
                out.println();
                out.println("Waiting for the browser to come back (up to "
                        + minutes(settings.callbackTimeout()) + "; Ctrl-C cancels). On a machine without a browser,"
                        + " use --headless.");
                out.flush();
            }

            @Override
            public void showDeviceCode(DeviceCode code) {
                out.println("On any device, open " + code.verificationUrl());
                out.println("and enter the code:");
                out.println();
                out.println("  " + code.userCode());
                out.println();
                out.println("The code expires in " + minutes(Duration.between(clock.instant(), code.expiresAt()))
                        + ". Waiting for approval (Ctrl-C cancels)...");
                out.flush();
            }
        };
    }

    private static String minutes(Duration d) {
        long m = Math.max(0, Math.round(d.toSeconds() / 60.0));
        return m >= 1 ? m + " min" : Math.max(0, d.toSeconds()) + " s";
    }

    private int storeKey(AuthEngine engine, ProviderKind provider) {
        Optional<String> key;
        try {
            key = keys.read("API key for " + provider.id() + " (input hidden): ");
        } catch (IOException e) {
            err.println("trellis auth: cannot read the key: " + e.getMessage());
            return 1;
        }
        if (key.isEmpty()) {
            err.println("trellis auth: no key entered; nothing was stored.");
            return 1;
        }
        AuthStatus s = engine.storeApiKey(provider, key.get());
        out.println("Stored. " + StatusText.of(s, clock.instant()));
        if (s.tier().map(t -> t != dev.trellis.api.auth.AuthTier.STORED_KEY).orElse(false)) {
            out.println("Note: " + s.source().orElse("another credential") + " comes first in the chain, so the"
                    + " stored key is used only without it.");
        }
        return 0;
    }

    private int status(AuthEngine engine, Args args) {
        List<ProviderKind> providers = args.provider().map(List::of).orElse(List.of(ProviderKind.values()));
        List<AuthStatus> all = new ArrayList<>();
        for (ProviderKind p : providers) {
            AuthStatus s = engine.status(p);
            all.add(s);
            out.println(StatusText.of(s, clock.instant()));
        }
        // one provider asked for and none answers: a failure for scripts (exit 1), with the fix on stderr
        if (args.provider().isPresent() && all.get(0).tier().isEmpty()) {
            err.println("trellis auth: no credential for " + args.provider().get().id() + ": "
                    + StatusText.fix(args.provider().get()));
            return 1;
        }
        return 0;
    }

    private int clear(AuthEngine engine, ProviderKind provider) {
        ClearResult r = engine.clear(provider);
        if (!r.removedAnything()) {
            out.println("Nothing stored for " + provider.id() + "; nothing removed.");
        } else {
            List<String> what = new ArrayList<>();
            if (r.tokensRemoved()) {
                what.add("the OAuth login");
            }
            if (r.keyRemoved()) {
                what.add("the stored API key");
            }
            out.println("Removed " + String.join(" and ", what) + " of " + provider.id() + ".");
        }
        r.revocation().ifPresent(rev -> out.println("Revocation: " + rev));
        out.println("Now: " + StatusText.of(r.after(), clock.instant()));
        return 0;
    }

    /** The fix for each failure, appended to its one-line message. */
    static String hint(AuthError error, Args args) {
        String provider = args.provider().map(ProviderKind::id).orElse("openai");
        return switch (error) {
            case AuthError.NoAuthAvailable n -> "";
            case AuthError.OAuthUnsupported u -> "";
            case AuthError.OAuthDenied d -> ". Nothing was stored; run ./trellis auth login --provider " + provider
                    + " again and approve the request";
            case AuthError.StateInvalid s -> ". Nothing was stored; start the login again and use the new URL";
            case AuthError.TokenExchangeFailed t -> ". Nothing was stored; start the login again";
            case AuthError.LoopbackBindFailed b -> ". Free a port or use --headless (device code)";
            case AuthError.LoopbackTimeout t -> ". Start the login again, or use --headless (device code)";
            case AuthError.DeviceCodeExpired x -> "";
            case AuthError.DeviceCodeDenied x -> ". Nothing was stored; start the login again and approve it";
            case AuthError.RefreshFailed r -> r.kind() == AuthError.RefreshFailure.TRANSIENT ? ". Try again later"
                    : ". Log in again: ./trellis auth login --provider " + provider;
            case AuthError.StorageFailed s -> "";
            case AuthError.Cancelled c -> ". Nothing was stored";
        };
    }

    private AuthLog stderrLog() {
        return new AuthLog() {
            @Override
            public void info(String message) {
                // the CLI prints outcomes itself
            }

            @Override
            public void warn(String message) {
                err.println("trellis auth: warning: " + message);
            }
        };
    }
}
