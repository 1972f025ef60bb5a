package dev.trellis.itest;

import static dev.trellis.itest.MemoryFixtures.block;
import static dev.trellis.itest.MemoryFixtures.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Access;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.MetadataPatch;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The permission ladder per operation on the live host, for a plugin caller (reference §2.1:
 * read → read_only, append → append, overwrite → read_write, delete → admin; partner and human keep
 * plugins out). A denied op is {@code PermissionDenied(address, access, actual)} and changes nothing.
 */
@ExtendWith({ServiceExtension.class, SurefireSummary.class})
class MemoryPermissionTest {

    @InjectService(timeout = 10_000)
    MemoryService mem;

    Scope scope;

    @BeforeEach
    void scope() {
        scope = Scope.local(MemoryFixtures.unique("perm"));
    }

    /** One op of each access per schema, and the schema it runs on. */
    private record Case(String name, Schema schema, String initial, Access access, Function<BlockAddress, MemoryOp> op) {}

    private static final List<Case> CASES = List.of(
            new Case("text append", Schema.TEXT, "abc", Access.APPEND, a -> new MemoryOp.Append("d")),
            new Case("log append", Schema.LOG, "[]", Access.APPEND, a -> new MemoryOp.LogAppend("{\"message\":\"m\"}")),
            new Case("list push", Schema.LIST, "[]", Access.APPEND, a -> new MemoryOp.ListPush("1")),
            new Case("text set", Schema.TEXT, "abc", Access.OVERWRITE, a -> new MemoryOp.Set("xyz")),
            new Case("text replace", Schema.TEXT, "abc", Access.OVERWRITE, a -> new MemoryOp.Replace("b", "B")),
            new Case("map set-field", Schema.MAP, "{\"k\":1}", Access.OVERWRITE, a -> new MemoryOp.SetField("k", "2")),
            new Case("list remove", Schema.LIST, "[1,2]", Access.OVERWRITE, a -> new MemoryOp.ListRemove(0)),
            new Case("patch description", Schema.TEXT, "abc", Access.OVERWRITE,
                    a -> new MemoryOp.PatchMetadata(MetadataPatch.NONE.withDescription("new"))),
            new Case("patch permission", Schema.TEXT, "abc", Access.DELETE,
                    a -> new MemoryOp.PatchMetadata(MetadataPatch.NONE.withPermission(Permission.ADMIN))),
            new Case("delete", Schema.TEXT, "abc", Access.DELETE, a -> new MemoryOp.Delete()));

    /** The ladder written out, not computed with Permission.allows, so a wrong ladder fails here. */
    private static final Map<Permission, List<Access>> ALLOWED = new LinkedHashMap<>();
    static {
        ALLOWED.put(Permission.READ_ONLY, List.of(Access.READ));
        ALLOWED.put(Permission.PARTNER, List.of(Access.READ));
        ALLOWED.put(Permission.HUMAN, List.of(Access.READ));
        ALLOWED.put(Permission.APPEND, List.of(Access.READ, Access.APPEND));
        ALLOWED.put(Permission.READ_WRITE, List.of(Access.READ, Access.APPEND, Access.OVERWRITE));
        ALLOWED.put(Permission.ADMIN, List.of(Access.READ, Access.APPEND, Access.OVERWRITE, Access.DELETE));
    }

    @Test
    void everyOpIsAllowedExactlyWhenThePermissionReachesItsAccess() {
        assertThat(ALLOWED.keySet()).containsExactly(Permission.values());
        for (Permission permission : Permission.values()) {
            checkLadder(permission);
        }
    }

    private void checkLadder(Permission permission) {
        List<Access> allowed = ALLOWED.get(permission);
        int i = 0;
        for (Case c : CASES) {
            BlockAddress address = BlockAddress.of(scope, permission.id() + "-" + i++);
            mem.create(block(address, Tier.WORKING, c.schema(), permission, 5000, c.initial()));
            // reading never needs more than read_only
            assertThat(mem.read(address)).as("read of a %s block", permission.id()).isPresent();
            MemoryOp op = c.op().apply(address);
            if (allowed.contains(c.access())) {
                long revision = mem.apply(address, op).revision();
                assertThat(revision).as("%s on %s", c.name(), permission.id()).isEqualTo(2);
                if (c.access() == Access.DELETE && op instanceof MemoryOp.Delete) {
                    assertThat(mem.read(address)).isEmpty();
                }
            } else {
                assertThat(errorOf(() -> mem.apply(address, op))).as("%s on %s", c.name(), permission.id())
                        .isEqualTo(new MemoryError.PermissionDenied(address, c.access(), permission));
                assertThat(mem.read(address)).map(b -> b.revision() + ":" + b.content())
                        .as("a denied %s changes nothing", c.name()).contains("1:" + c.initial());
            }
        }
    }

    @Test
    void theErrorNamesBlockAccessAndPermission() {
        BlockAddress address = BlockAddress.of(scope, "ro");
        mem.create(block(address, Tier.CORE, Schema.TEXT, Permission.APPEND, 5000, "x"));
        MemoryError error = errorOf(() -> mem.apply(address, new MemoryOp.Set("y"), 1));
        assertThat(error.message()).isEqualTo("block " + address + " is append; overwrite needs read_write");
    }

    @Test
    void undoRedoNeedOverwriteAndCreateOrReplaceNeedsDelete() {
        BlockAddress appendOnly = BlockAddress.of(scope, "append-only");
        mem.create(block(appendOnly, Tier.WORKING, Schema.TEXT, Permission.APPEND, 5000, "a"));
        mem.apply(appendOnly, new MemoryOp.Append("b"));
        assertThat(errorOf(() -> mem.undo(appendOnly)))
                .isEqualTo(new MemoryError.PermissionDenied(appendOnly, Access.OVERWRITE, Permission.APPEND));
        assertThat(errorOf(() -> mem.createOrReplace(block(appendOnly, Tier.WORKING, Schema.TEXT, Permission.ADMIN,
                5000, "new")))).isEqualTo(new MemoryError.PermissionDenied(appendOnly, Access.DELETE, Permission.APPEND));
        assertThat(mem.read(appendOnly)).map(b -> b.revision() + ":" + b.content()).contains("2:ab");

        BlockAddress readWrite = BlockAddress.of(scope, "read-write");
        mem.create(block(readWrite, Tier.WORKING, Schema.TEXT, Permission.READ_WRITE, 5000, "a"));
        mem.apply(readWrite, new MemoryOp.Append("b"));
        assertThat(mem.undo(readWrite)).map(r -> r.revision()).contains(3L);
        assertThat(mem.redo(readWrite)).map(r -> r.revision()).contains(4L);
        assertThat(mem.read(readWrite)).map(b -> b.content()).contains("ab");
        assertThat(errorOf(() -> mem.createOrReplace(block(readWrite, Tier.WORKING, Schema.TEXT, Permission.ADMIN,
                5000, "new")))).isEqualTo(new MemoryError.PermissionDenied(readWrite, Access.DELETE, Permission.READ_WRITE));

        BlockAddress admin = BlockAddress.of(scope, "admin");
        mem.create(block(admin, Tier.WORKING, Schema.TEXT, Permission.ADMIN, 5000, "a"));
        assertThat(mem.createOrReplace(block(admin, Tier.WORKING, Schema.TEXT, Permission.READ_ONLY, 5000, "new"))
                .revision()).as("replacement keeps counting revisions").isEqualTo(2);
        assertThat(mem.read(admin)).map(b -> b.metadata().permission() + ":" + b.content()).contains("READ_ONLY:new");
    }
}
