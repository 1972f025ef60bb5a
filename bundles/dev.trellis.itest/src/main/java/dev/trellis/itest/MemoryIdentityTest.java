package dev.trellis.itest;

import static dev.trellis.itest.MemoryFixtures.block;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.Author;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.HistoryEntry;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.memory.sync.Origin;
import dev.trellis.api.plugin.PluginId;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Bundle-scoped identity on the live host: a write is authored by the bundle whose context obtained
 * the {@code MemoryService}, and nothing in the API lets a plugin name another author. The second
 * plugin is a manifest-only probe bundle installed from bytes.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class, SurefireSummary.class})
class MemoryIdentityTest {

    static final String PROBE = "dev.trellis.itest.memory.identity.probe";
    static final Author ITEST = new Author.Plugin(PluginId.of("dev.trellis.itest"));
    static final Author PROBE_AUTHOR = new Author.Plugin(PluginId.of(PROBE));

    @InjectBundleContext
    BundleContext ctx;

    @InjectService(timeout = 10_000)
    MemoryService mem;

    Bundle probe;

    @BeforeEach
    void installProbe() throws Exception {
        probe = MemoryFixtures.installProbe(ctx, PROBE);
    }

    @AfterEach
    void uninstallProbe() throws Exception {
        probe.uninstall();
    }

    @Test
    void eachWriteIsAuthoredByTheBundleThatGotTheService() {
        MemoryService probeMem = MemoryFixtures.serviceOf(probe, MemoryService.class);
        assertThat(probeMem).as("bundle scope: the probe gets its own instance").isNotSameAs(mem);
        BlockAddress address = BlockAddress.of(Scope.local(MemoryFixtures.unique("ident")), "shared");

        probeMem.create(BlockCreate.text(address, "written by two plugins", "probe"));
        assertThat(mem.metadata(address)).map(m -> m.lastAuthor()).contains(PROBE_AUTHOR);
        mem.apply(address, new MemoryOp.Append(" itest"));
        assertThat(mem.metadata(address)).map(m -> m.lastAuthor()).contains(ITEST);
        probeMem.apply(address, new MemoryOp.Append(" probe"), 2);
        // views do not change who writes
        probeMem.view(new dev.trellis.api.memory.ScopeBinding(new Scope.Global("@someone"),
                java.util.Optional.of((Scope.Local) address.scope()), dev.trellis.api.memory.IsolationPolicy.FULL))
                .apply(address, new MemoryOp.Append(" view"));

        List<HistoryEntry> history = mem.history(address, 10);
        assertThat(history).extracting(h -> h.revision() + " " + h.opKind() + " " + h.author().render())
                .containsExactly(
                        "4 append plugin " + PROBE,
                        "3 append plugin " + PROBE,
                        "2 append plugin dev.trellis.itest",
                        "1 create plugin " + PROBE);
        assertThat(mem.read(address)).map(b -> b.content() + " / " + b.metadata().lastAuthor())
                .contains("probe itest probe view / " + PROBE_AUTHOR);
    }

    @Test
    void aLogEntryCannotForgeItsAuthorOrTime() throws Exception {
        MemoryService probeMem = MemoryFixtures.serviceOf(probe, MemoryService.class);
        BlockAddress address = BlockAddress.of(Scope.local(MemoryFixtures.unique("ident")), "journal");
        probeMem.create(block(address, Tier.WORKING, Schema.LOG, Permission.APPEND, 5000, "[]"));
        probeMem.apply(address, new MemoryOp.LogAppend(
                "{\"message\":\"hi\",\"author\":\"plugin dev.trellis.itest\",\"at\":\"1970-01-01T00:00:00Z\"}"));

        // stored compact, host stamps first: the forged values are gone, not merely shadowed
        String content = mem.read(address).orElseThrow().content();
        assertThat(content).matches("\\[\\{\"at\":\"20[0-9T:.Z-]+\",\"author\":\"plugin " + PROBE.replace(".", "\\.")
                + "\",\"message\":\"hi\"\\}\\]");
        assertThat(content).doesNotContain("1970").doesNotContain("dev.trellis.itest\"");
    }

    @Test
    void noPartOfTheWriteApiCarriesAnAuthor() {
        Set<Class<?>> identity = Set.of(Author.class, Author.Plugin.class, Author.Agent.class, Author.Human.class,
                Author.System.class, PluginId.class, Origin.class, Origin.Plugin.class);
        for (Method m : MemoryService.class.getMethods()) {
            if (m.getName().equals("actingFor")) {
                continue; // the one door, kept shut for plugins: see pluginsMayNotWriteForOthers
            }
            assertThat(m.getParameterTypes()).as("parameters of MemoryService.%s", m.getName())
                    .doesNotContainAnyElementsOf(identity);
        }
        // nor anything a write is built from
        Stream.concat(Stream.of(BlockCreate.class, dev.trellis.api.memory.MetadataPatch.class),
                        Arrays.stream(MemoryOp.class.getPermittedSubclasses()))
                .forEach(type -> {
                    assertThat(type.isRecord()).as(type.getName()).isTrue();
                    assertThat(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toList())
                            .as("components of %s", type.getName()).doesNotContainAnyElementsOf(identity);
                });
        assertThat(MemoryOp.class.getPermittedSubclasses()).hasSize(9);
    }

    @Test
    void pluginsMayNotWriteForOthers() throws Exception {
        MemoryService probeMem = MemoryFixtures.serviceOf(probe, MemoryService.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probeMem.actingFor(new Author.Agent("ada")))
                .isInstanceOf(SecurityException.class)
                .hasMessageStartingWith("bundle " + PROBE + " may not write memory for others;")
                .hasMessageContaining("delegate.bundles", "dev.trellis.tasks");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mem.actingFor(new Author.Human("admin")))
                .isInstanceOf(SecurityException.class).hasMessageStartingWith("bundle dev.trellis.itest may not");
    }
}
