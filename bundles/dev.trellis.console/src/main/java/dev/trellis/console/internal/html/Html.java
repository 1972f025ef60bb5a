package dev.trellis.console.internal.html;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;
import static org.owasp.encoder.Encode.forUriComponent;

/**
 * HTML escaping shared by the Trellis console pages. The Web Console substitutes {@code ${name}} in HTML
 * responses; '$' is escaped too so that stored, logged or bundle-provided text is shown as written (a browser
 * turns {@code &#36;} back into '$', also inside a textarea, so form posts keep it).
 */
public final class Html {

    private Html() {
    }

    /** Text content of an element (also a textarea). */
    public static String text(String s) {
        return forHtml(s).replace("$", "&#36;");
    }

    /** A quoted attribute value. */
    public static String attr(String s) {
        return forHtmlAttribute(s).replace("$", "&#36;");
    }

    /** One query-string parameter value, for a link inside an attribute. */
    public static String uri(String s) {
        return forUriComponent(s).replace("$", "%24");
    }
}
