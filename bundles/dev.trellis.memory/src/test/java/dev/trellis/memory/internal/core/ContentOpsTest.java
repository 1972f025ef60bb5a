package dev.trellis.memory.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryException;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MetadataPatch;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.plugin.PluginId;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ContentOpsTest {

    static final BlockAddress A = BlockAddress.parse("local:p/notes");
    static final Author AUTHOR = new Author.Plugin(PluginId.of("org.example.sync"));
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    final ContentOps ops = new ContentOps(new ObjectMapper());

    String apply(Schema schema, String content, MemoryOp op) {
        return ops.apply(A, schema, content, op, AUTHOR, NOW);
    }

    static MemoryError error(ThrowingCallable call) {
        try {
            call.call();
        } catch (MemoryException e) {
            return e.error();
        } catch (Throwable t) {
            throw new AssertionError("expected MemoryException, got " + t, t);
        }
        throw new AssertionError("expected MemoryException, nothing thrown");
    }

    @Test
    void textSetAppendReplace() {
        assertThat(apply(Schema.TEXT, "old", new MemoryOp.Set("new"))).isEqualTo("new");
        assertThat(apply(Schema.TEXT, "a", new MemoryOp.Append("\nb"))).isEqualTo("a\nb");
        assertThat(apply(Schema.SKILL, "x y x", new MemoryOp.Replace("x", "z"))).isEqualTo("z y z");
    }

    @Test
    void replaceOfAbsentTextIsInvalid() {
        assertThat(error(() -> apply(Schema.TEXT, "abc", new MemoryOp.Replace("q", "z"))))
                .isEqualTo(new MemoryError.InvalidOperation(A, "replace: text 'q' not found"));
    }

    @Test
    void opOnWrongSchemaNamesTheSchemas() {
        assertThat(error(() -> apply(Schema.MAP, "{}", new MemoryOp.Append("x"))).message())
                .isEqualTo("block local:p/notes: append applies to text or skill blocks, not map");
        assertThat(error(() -> apply(Schema.TEXT, "", new MemoryOp.ListPush("1"))).message())
                .isEqualTo("block local:p/notes: list-push applies to list blocks, not text");
        assertThat(error(() -> apply(Schema.LIST, "[]", new MemoryOp.LogAppend("{}"))).message())
                .isEqualTo("block local:p/notes: log-append applies to log blocks, not list");
        assertThat(error(() -> apply(Schema.TASK_LIST, "{}", new MemoryOp.SetField("a", "1"))).message())
                .isEqualTo("block local:p/notes: set-field applies to map blocks, not task-list");
        assertThat(error(() -> apply(Schema.TEXT, "", new MemoryOp.PatchMetadata(MetadataPatch.NONE))).message())
                .isEqualTo("block local:p/notes: patch-metadata changes no content");
    }

    @Test
    void mapSetFieldKeepsOrderAndAddsNewFields() {
        String c = apply(Schema.MAP, "{\"b\":1,\"a\":\"x\"}", new MemoryOp.SetField("a", "\"y\""));
        assertThat(c).isEqualTo("{\"b\":1,\"a\":\"y\"}");
        assertThat(apply(Schema.MAP, c, new MemoryOp.SetField("c", "[1,2]"))).isEqualTo("{\"b\":1,\"a\":\"y\",\"c\":[1,2]}");
    }

    @Test
    void mapDeclaredTypesAreEnforced() {
        String c = "{\"$fields\":{\"n\":{\"type\":\"number\"},\"t\":{\"type\":\"timestamp\"},\"k\":{\"type\":\"counter\"}},\"n\":1}";
        assertThat(apply(Schema.MAP, c, new MemoryOp.SetField("n", "2.5"))).contains("\"n\":2.5");
        assertThat(apply(Schema.MAP, c, new MemoryOp.SetField("t", "\"2026-01-01T00:00:00Z\""))).contains("\"t\":\"2026-01-01T00:00:00Z\"");
        assertThat(apply(Schema.MAP, c, new MemoryOp.SetField("n", "null"))).contains("\"n\":null");
        assertThat(error(() -> apply(Schema.MAP, c, new MemoryOp.SetField("n", "\"two\""))).message())
                .isEqualTo("block local:p/notes: field 'n' is number, not a string \"two\"");
        assertThat(error(() -> apply(Schema.MAP, c, new MemoryOp.SetField("t", "\"yesterday\""))).message())
                .isEqualTo("block local:p/notes: field 't' is timestamp, not a string \"yesterday\"");
        assertThat(error(() -> apply(Schema.MAP, c, new MemoryOp.SetField("k", "1.5"))).message())
                .isEqualTo("block local:p/notes: field 'k' is counter, not a number 1.5");
    }

    @Test
    void readOnlyFieldsAndDeclarationsAreRefused() {
        String c = "{\"$fields\":{\"id\":{\"type\":\"text\",\"readOnly\":true}},\"id\":\"x1\"}";
        assertThat(error(() -> apply(Schema.MAP, c, new MemoryOp.SetField("id", "\"x2\""))))
                .isEqualTo(new MemoryError.ReadOnlyField(A, "id"));
        assertThat(error(() -> apply(Schema.MAP, c, new MemoryOp.SetField("$fields", "{}"))))
                .isEqualTo(new MemoryError.ReadOnlyField(A, "$fields"));
        // replacing the whole content may change a read-only field (needs overwrite like any set)
        assertThat(apply(Schema.MAP, c, new MemoryOp.Set("{\"id\":\"x2\"}"))).isEqualTo("{\"id\":\"x2\"}");
    }

    @Test
    void setValidatesAndNormalizesPerSchema() {
        assertThat(apply(Schema.MAP, "{}", new MemoryOp.Set("{ \"a\" : 1 }"))).isEqualTo("{\"a\":1}");
        assertThat(error(() -> apply(Schema.MAP, "{}", new MemoryOp.Set("[1]"))).message())
                .isEqualTo("block local:p/notes: map content must be a JSON object");
        assertThat(error(() -> apply(Schema.LIST, "[]", new MemoryOp.Set("{}"))).message())
                .isEqualTo("block local:p/notes: list content must be a JSON array");
        assertThat(error(() -> apply(Schema.LOG, "[]", new MemoryOp.Set("[1]"))).message())
                .isEqualTo("block local:p/notes: log entry 0 is not a JSON object");
        assertThat(error(() -> apply(Schema.MAP, "{}", new MemoryOp.Set("{\"n\":1,\"$fields\":{\"n\":{\"type\":\"text\"}}}"))).message())
                .isEqualTo("block local:p/notes: field 'n' is text, not a number 1");
        assertThat(error(() -> apply(Schema.MAP, "{}", new MemoryOp.Set("{\"$fields\":{\"n\":{\"type\":\"date\"}}}"))).message())
                .isEqualTo("block local:p/notes: $fields.n: unknown field type 'date' (expected text, number, boolean, list, timestamp, counter or object)");
        assertThat(error(() -> apply(Schema.MAP, "{}", new MemoryOp.Set(""))).message())
                .isEqualTo("block local:p/notes: map content is empty, expected JSON");
        assertThat(error(() -> apply(Schema.LIST, "[]", new MemoryOp.Set("[1,"))).message())
                .startsWith("block local:p/notes: list content is not valid JSON: ").contains("(line 1, column ");
        assertThat(apply(Schema.TEXT, "", new MemoryOp.Set("{ not json"))).isEqualTo("{ not json");
    }

    @Test
    void listPushAndRemove() {
        String first = apply(Schema.LIST, "[]", new MemoryOp.ListPush("\"a\""));
        String c = apply(Schema.LIST, first, new MemoryOp.ListPush("{\"b\":2}"));
        assertThat(c).isEqualTo("[\"a\",{\"b\":2}]");
        assertThat(apply(Schema.LIST, c, new MemoryOp.ListRemove(0))).isEqualTo("[{\"b\":2}]");
        assertThat(error(() -> apply(Schema.LIST, c, new MemoryOp.ListRemove(2))).message())
                .isEqualTo("block local:p/notes: list-remove: index 2 is out of range (list has 2 items)");
        assertThat(error(() -> apply(Schema.LIST, c, new MemoryOp.ListPush("nope"))).message())
                .startsWith("block local:p/notes: list-push value is not valid JSON");
    }

    @Test
    void logAppendStampsTimeAndAuthorFirstAndCannotBeForged() {
        String c = apply(Schema.LOG, "[]", new MemoryOp.LogAppend("{\"author\":\"someone else\",\"message\":\"hi\"}"));
        assertThat(c).isEqualTo("[{\"at\":\"2026-01-02T03:04:05Z\",\"author\":\"plugin org.example.sync\",\"message\":\"hi\"}]");
        String c2 = apply(Schema.LOG, c, new MemoryOp.LogAppend("\"plain\""));
        assertThat(c2).endsWith(",{\"at\":\"2026-01-02T03:04:05Z\",\"author\":\"plugin org.example.sync\",\"message\":\"plain\"}]");
        assertThat(error(() -> apply(Schema.LOG, "[]", new MemoryOp.LogAppend("3"))).message())
                .isEqualTo("block local:p/notes: log entry must be a JSON object or string, was 3");
    }

    @Test
    void setFieldOnNonObjectContentIsInvalid() {
        assertThatThrownBy(() -> apply(Schema.MAP, "[]", new MemoryOp.SetField("a", "1")))
                .isInstanceOf(MemoryException.class).hasMessage("block local:p/notes: map content must be a JSON object");
    }
}
