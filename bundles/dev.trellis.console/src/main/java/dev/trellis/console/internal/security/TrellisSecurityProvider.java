package dev.trellis.console.internal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Basic-auth security for the Felix Web Console: user {@value #USER}, password from {@link ConsolePassword}.
 *
 * <p>The host sets the framework property {@code felix.webconsole.security.providers=trellis}; the Web Console then
 * registers no servlet at all until this service (id {@value #PROVIDER_ID}) is present, so its built-in admin/admin
 * provider can never answer a request. The ranking keeps this provider ahead of that fallback (ranked
 * {@code Integer.MIN_VALUE}) while both are registered.
 */
@Component(service = SecurityProvider.class, property = {
        SecurityProvider.PROPERTY_ID + "=" + TrellisSecurityProvider.PROVIDER_ID,
        Constants.SERVICE_RANKING + ":Integer=1000"})
public final class TrellisSecurityProvider implements SecurityProvider {

    /** Value of {@code webconsole.security.provider.id}; the host requires it by name. */
    public static final String PROVIDER_ID = "trellis";
    /** The only console user. */
    public static final String USER = "admin";
    /** Basic-auth realm shown by browsers. */
    public static final String REALM = "Trellis";

    // Request attributes the OSGi servlet context helper contract defines for authenticated requests.
    private static final String ATTR_AUTH_TYPE = "org.osgi.service.http.authentication.type";
    private static final String ATTR_REMOTE_USER = "org.osgi.service.http.authentication.remote.user";

    private final byte[] userDigest;
    private final byte[] passwordDigest;

    @Activate
    public TrellisSecurityProvider(BundleContext context) {
        this(ConsolePassword.resolve(
                ConsolePassword.home(context.getProperty("trellis.home"), System.getenv("TRELLIS_HOME"),
                        System.getProperty("user.home")),
                System.getenv(ConsolePassword.ENV_OVERRIDE), new SecureRandom()), System.out);
    }

    TrellisSecurityProvider(ConsolePassword.Resolved resolved, PrintStream out) {
        announce(resolved, out);
        this.userDigest = sha256(USER);
        this.passwordDigest = sha256(resolved.password());
    }

    static void announce(ConsolePassword.Resolved resolved, PrintStream out) {
        switch (resolved.source()) {
            case GENERATED -> out.println("""

                    ================================================================
                     Trellis console: a password was generated (shown only once)
                       user:     %s
                       password: %s
                       saved in: %s (mode 0600)
                     Set %s to use another password.
                    ================================================================
                    """.formatted(USER, resolved.password(), resolved.file(), ConsolePassword.ENV_OVERRIDE));
            case FILE -> {
                out.println("Trellis console: user " + USER + ", password in " + resolved.file());
                if (ConsolePassword.tooOpen(resolved.file())) {
                    out.println("WARNING: " + resolved.file() + " is readable by other users; run chmod 600 on it.");
                }
            }
            case ENVIRONMENT -> out.println("Trellis console: user " + USER + ", password from "
                    + ConsolePassword.ENV_OVERRIDE);
        }
        out.flush();
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String user = checkBasic(request.getHeader("Authorization"));
        if (user != null) {
            request.setAttribute(ATTR_AUTH_TYPE, HttpServletRequest.BASIC_AUTH);
            request.setAttribute(ATTR_REMOTE_USER, user);
            return user;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentLength(0);
        try {
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away; it is unauthenticated either way
        }
        return null;
    }

    /** Returns the user name when the header carries valid credentials, else null. */
    String checkBasic(String authorization) {
        if (authorization == null) {
            return null;
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Basic")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(space + 1).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        // Compare fixed-length digests with MessageDigest.isEqual: constant time, no length leak.
        boolean userOk = MessageDigest.isEqual(userDigest, sha256(decoded.substring(0, colon)));
        boolean passwordOk = MessageDigest.isEqual(passwordDigest, sha256(decoded.substring(colon + 1)));
        return userOk & passwordOk ? USER : null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        // One administrator; anyone who authenticated may do everything the console offers.
        return USER.equals(user);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic auth has no server-side session; the Web Console's own logout handling asks the browser to forget it.
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
