package dev.trellis.console.internal.html;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Per-session CSRF tokens for the Trellis pages' POST forms (shared: one token per session for every page): 32 random bytes made on the first GET of a
 * session, put into every form as a hidden field {@value #PARAM}, and compared in constant time on every
 * POST. Basic auth alone does not stop a cross-site form post (the browser re-sends the credentials), the
 * token does: another site cannot read it. Shared by the Trellis pages (one token per session).
 */
public final class CsrfGuard {

    public static final String PARAM = "csrf";
    public static final String ATTRIBUTE = "dev.trellis.console.csrf";

    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();

    /** The session's token, made (with the session) if there is none yet. */
    public String token(HttpServletRequest req) {
        HttpSession session = req.getSession(true);
        synchronized (lock) {
            if (session.getAttribute(ATTRIBUTE) instanceof String t) {
                return t;
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String t = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, t);
            return t;
        }
    }

    /** True if the request carries its session's token. A request without a session never passes. */
    public boolean accepts(HttpServletRequest req) {
        HttpSession session = req.getSession(false);
        String sent = req.getParameter(PARAM);
        if (session == null || sent == null || !(session.getAttribute(ATTRIBUTE) instanceof String expected)) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
