package dev.trellis.console.internal.memory;

import static dev.trellis.console.testing.Fakes.fake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.WriteResult;
import dev.trellis.console.internal.html.CsrfGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** POST handling of the memory page with fake servlet objects: CSRF check, edit, conflict draft, redirect. */
class MemoryPagePostTest {

    final Map<String, Object> sessionAttributes = new HashMap<>();
    final HttpSession session = fake(HttpSession.class, Map.of(
            "getAttribute", a -> sessionAttributes.get((String) a[0]),
            "setAttribute", a -> sessionAttributes.put((String) a[0], a[1]),
            "removeAttribute", a -> sessionAttributes.remove((String) a[0])));
    final List<String> responses = new ArrayList<>();
    final List<Object[]> applied = new ArrayList<>();

    HttpServletRequest request(boolean withSession, Map<String, String> params) {
        return fake(HttpServletRequest.class, Map.of(
                "getSession", a -> withSession || (a.length == 1 && (Boolean) a[0]) ? session : null,
                "getParameter", a -> params.get((String) a[0])));
    }

    HttpServletResponse response() {
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("setStatus", a -> responses.add("status " + a[0]));
        answers.put("setHeader", a -> responses.add(a[0] + ": " + a[1]));
        answers.put("sendError", a -> responses.add("error " + a[0] + " " + a[1]));
        answers.put("getWriter", a -> new PrintWriter(new StringWriter()));
        return fake(HttpServletResponse.class, answers);
    }

    MemoryPage page(Function<Object[], Object> apply) {
        MemoryService memory = fake(MemoryService.class, Map.of("apply", a -> {
            applied.add(a);
            return apply.apply(a);
        }));
        return new MemoryPage(memory, null, null);
    }

    String token() {
        sessionAttributes.put(CsrfGuard.ATTRIBUTE, "the-token");
        return "the-token";
    }

    @Test
    void aPostWithoutSessionOrTokenIsForbiddenAndChangesNothing() throws Exception {
        MemoryPage page = page(a -> {
            throw new AssertionError("must not write");
        });
        Map<String, String> edit = new HashMap<>(Map.of("action", "edit", "scope", "local:p", "label", "n",
                "revision", "1", "content", "x"));
        page.doPost(request(false, edit), response());
        token();
        page.doPost(request(true, edit), response());
        edit.put("csrf", "the-tokeN");
        page.doPost(request(true, edit), response());
        assertThat(responses).hasSize(6).filteredOn(r -> r.startsWith("error")).hasSize(3)
                .allMatch(r -> r.startsWith("error 403 Missing or wrong CSRF token"));
        assertThat(applied).isEmpty();
    }

    @Test
    void anEditIsAppliedAgainstTheLoadedRevisionAndRedirects() throws Exception {
        BlockAddress a = BlockAddress.parse("local:p/n");
        MemoryPage page = page(args -> new WriteResult(a, 5, "h"));
        page.doPost(request(true, Map.of("action", "edit", "scope", "local:p", "label", "n", "revision", "4",
                "content", "line\r\nnext", "csrf", token())), response());
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0)).containsExactly(a, new MemoryOp.Set("line\nnext"), 4L);
        assertThat(responses).containsExactly("status 303", "Location: trellis-memory?scope=local%3Ap&label=n");
        assertThat(sessionAttributes.get(MemoryPage.FLASH)).isEqualTo(Flash.ok("Saved block local:p/n: revision 5."));
    }

    @Test
    void aStaleEditKeepsTheTextAsADraft() throws Exception {
        BlockAddress a = BlockAddress.parse("local:p/n");
        MemoryPage page = page(args -> {
            throw new MemoryException(new MemoryError.Conflict(a, 4, 6, "theirs"));
        });
        page.doPost(request(true, Map.of("action", "edit", "scope", "local:p", "label", "n", "revision", "4",
                "content", "mine", "csrf", token())), response());
        assertThat(sessionAttributes.get(MemoryPage.FLASH)).isEqualTo(Flash.error("Conflict: block local:p/n is at"
                + " revision 6, not 4. Nothing was saved; your text is kept in the form."));
        assertThat(sessionAttributes.get(MemoryPage.DRAFTS)).isEqualTo(Map.of("local:p/n", new Draft(a, "mine", 4, 6)));
        assertThat(responses).containsExactly("status 303", "Location: trellis-memory?scope=local%3Ap&label=n");

        // the next successful save of that block drops the draft
        MemoryPage ok = page(args -> new WriteResult(a, 7, "h"));
        ok.doPost(request(true, Map.of("action", "edit", "scope", "local:p", "label", "n", "revision", "6",
                "content", "mine", "csrf", token())), response());
        assertThat(sessionAttributes.get(MemoryPage.DRAFTS)).isEqualTo(Map.of());
    }

    @Test
    void badInputBecomesAnErrorMessageNotAnException() throws Exception {
        MemoryPage page = page(a -> {
            throw new AssertionError("must not write");
        });
        page.doPost(request(true, Map.of("action", "edit", "scope", "nowhere", "label", "n", "revision", "1",
                "content", "x", "csrf", token())), response());
        assertThat(sessionAttributes.get(MemoryPage.FLASH)).isEqualTo(Flash.error(
                "Not done: scope 'nowhere' must be 'local:<project>' or 'global:<persona>'"));
        page.doPost(request(true, Map.of("action", "explode", "csrf", token())), response());
        assertThat(sessionAttributes.get(MemoryPage.FLASH)).isEqualTo(Flash.error("Not done: unknown action 'explode'"));
    }
}
