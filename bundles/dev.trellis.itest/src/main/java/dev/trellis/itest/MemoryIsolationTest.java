package dev.trellis.itest;

import static dev.trellis.itest.MemoryFixtures.errorOf;
import static dev.trellis.itest.MemoryFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.memory.ArchivalEntry;
import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.ContentType;
import dev.trellis.api.memory.IsolationPolicy;
import dev.trellis.api.memory.ListFilter;
import dev.trellis.api.memory.MemoryError;
import dev.trellis.api.memory.MemoryOp;
import dev.trellis.api.memory.MemoryService;
import dev.trellis.api.memory.MetadataPatch;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.ScopeBinding;
import dev.trellis.api.memory.SearchQuery;
import dev.trellis.api.memory.Tier;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The isolation table of reference §2.3 on the live host: a view bound to (persona, project, policy)
 * read / write / search against persona core, persona working, project and an unrelated scope.
 * <ul>
 *   <li>none: persona and project merged, writes flow both ways, archival search spans both;</li>
 *   <li>core-only: persona core readable but read-only, persona working hidden, writes stay in the project;</li>
 *   <li>full: no persona block content, archival search project-only.</li>
 * </ul>
 * Hidden blocks read as absent; every forbidden write is {@code IsolationDenied(address, policy)} and
 * leaves the block as it was.
 */
@ExtendWith({ServiceExtension.class, SurefireSummary.class})
class MemoryIsolationTest {

    @InjectService(timeout = 10_000)
    MemoryService mem;

    Scope.Global persona;
    Scope.Local project;
    Scope.Local other;
    BlockAddress personaCore;
    BlockAddress personaWorking;
    BlockAddress projectNotes;
    BlockAddress otherNotes;
    String word;
    ArchivalEntry personaArchive;
    ArchivalEntry projectArchive;
    ArchivalEntry otherArchive;

    /** Fresh scopes and blocks (each policy gets its own, so writes of one cannot hide a bug of another). */
    void fixtures() {
        String id = MemoryFixtures.unique("iso");
        persona = new Scope.Global("@" + id);
        project = new Scope.Local(id);
        other = new Scope.Local(id + "-other");
        personaCore = BlockAddress.of(persona, "persona");
        personaWorking = BlockAddress.of(persona, "scratch");
        projectNotes = BlockAddress.of(project, "notes");
        otherNotes = BlockAddress.of(other, "notes");
        word = MemoryFixtures.uniqueWord("iso");
        mem.create(text(personaCore, Tier.CORE, "persona core " + word));
        mem.create(text(personaWorking, Tier.WORKING, "persona working " + word));
        mem.create(text(projectNotes, Tier.WORKING, "project notes " + word));
        mem.create(text(otherNotes, Tier.CORE, "other project " + word));
        personaArchive = mem.insertArchival(persona, "persona archive " + word, Optional.empty());
        projectArchive = mem.insertArchival(project, "project archive " + word, Optional.empty());
        otherArchive = mem.insertArchival(other, "other archive " + word, Optional.empty());
    }

    private MemoryService view(IsolationPolicy policy) {
        return mem.view(new ScopeBinding(persona, Optional.of(project), policy));
    }

    @Test
    void readsShowExactlyWhatThePolicyAllows() {
        for (IsolationPolicy policy : IsolationPolicy.values()) {
            fixtures();
            readsUnder(policy);
        }
    }

    private void readsUnder(IsolationPolicy policy) {
        MemoryService view = view(policy);
        boolean core = policy != IsolationPolicy.FULL;
        boolean working = policy == IsolationPolicy.NONE;

        assertThat(view.read(projectNotes)).map(b -> b.content()).contains("project notes " + word);
        assertThat(view.read(personaCore).isPresent()).as("persona core under %s", policy).isEqualTo(core);
        assertThat(view.metadata(personaCore).isPresent()).isEqualTo(core);
        assertThat(view.read(personaWorking).isPresent()).as("persona working under %s", policy).isEqualTo(working);
        assertThat(view.metadata(personaWorking).isPresent()).isEqualTo(working);
        assertThat(view.read(otherNotes)).as("a scope outside the binding").isEmpty();

        List<String> expected = new java.util.ArrayList<>();
        if (core) {
            expected.add(personaCore.toString());
        }
        if (working) {
            expected.add(personaWorking.toString());
        }
        expected.add(projectNotes.toString());
        // list is ordered by scope key then label: global:… before local:…
        assertThat(view.list(ListFilter.ALL).stream().map(BlockMetadata::address).map(BlockAddress::toString)
                .filter(a -> a.contains(project.id())).toList()).containsExactlyElementsOf(expected);
        assertThat(view.list(ListFilter.in(other))).isEmpty();
        // history of a hidden block is as absent as the block
        if (!working) {
            assertThat(errorOf(() -> view.history(personaWorking, 5)))
                    .isEqualTo(new MemoryError.NotFound(personaWorking));
        }
    }

    @Test
    void writesToThePersonaFlowOnlyUnderNoneAndNeverLeaveTheBinding() {
        for (IsolationPolicy policy : IsolationPolicy.values()) {
            fixtures();
            writesUnder(policy);
        }
    }

    private void writesUnder(IsolationPolicy policy) {
        MemoryService view = view(policy);

        // project writes are always allowed
        assertThat(view.apply(projectNotes, new MemoryOp.Append(" +p")).revision()).isEqualTo(2);
        BlockAddress created = BlockAddress.of(project, "created");
        assertThat(view.create(text(created, Tier.WORKING, "new")).revision()).isEqualTo(1);

        List<Runnable> personaWrites = List.of(
                () -> view.apply(personaCore, new MemoryOp.Append(" +c")),
                () -> view.apply(personaWorking, new MemoryOp.Set("replaced"), 1),
                () -> view.apply(personaCore, new MemoryOp.PatchMetadata(MetadataPatch.NONE.withDescription("d"))));
        if (policy == IsolationPolicy.NONE) {
            personaWrites.forEach(Runnable::run);
            assertThat(mem.read(personaCore)).map(b -> b.revision() + ":" + b.content())
                    .contains("3:persona core " + word + " +c");
            assertThat(mem.read(personaWorking)).map(b -> b.revision() + ":" + b.content()).contains("2:replaced");
            assertThat(view.create(text(BlockAddress.of(persona, "fresh"), Tier.WORKING, "x")).revision()).isEqualTo(1);
            assertThat(view.undo(personaWorking)).isPresent();
            assertThat(view.insertArchival(persona, "persona note", Optional.empty()).scope()).isEqualTo(persona);
        } else {
            for (Runnable write : personaWrites) {
                MemoryError error = errorOf(write::run);
                assertThat(error).isInstanceOf(MemoryError.IsolationDenied.class);
                assertThat(((MemoryError.IsolationDenied) error).policy()).isEqualTo(policy);
                assertThat(((MemoryError.IsolationDenied) error).address().scope()).isEqualTo(persona);
            }
            BlockAddress fresh = BlockAddress.of(persona, "fresh");
            assertThat(errorOf(() -> view.create(text(fresh, Tier.WORKING, "x"))))
                    .isEqualTo(new MemoryError.IsolationDenied(fresh, policy));
            assertThat(errorOf(() -> view.createOrReplace(text(personaCore, Tier.CORE, "x"))))
                    .isEqualTo(new MemoryError.IsolationDenied(personaCore, policy));
            assertThat(errorOf(() -> view.undo(personaCore)))
                    .isEqualTo(new MemoryError.IsolationDenied(personaCore, policy));
            assertThat(errorOf(() -> view.insertArchival(persona, "persona note", Optional.empty())))
                    .isEqualTo(new MemoryError.IsolationDenied(BlockAddress.of(persona, "archival"), policy));
            // nothing changed
            assertThat(mem.read(personaCore)).map(b -> b.revision() + ":" + b.content())
                    .contains("1:persona core " + word);
            assertThat(mem.read(personaWorking)).map(b -> b.revision() + ":" + b.content())
                    .contains("1:persona working " + word);
            assertThat(mem.read(fresh)).isEmpty();
        }

        // a scope outside the binding is never writable, whatever the policy
        assertThat(errorOf(() -> view.apply(otherNotes, new MemoryOp.Append("!"))))
                .isEqualTo(new MemoryError.IsolationDenied(otherNotes, policy));
        assertThat(errorOf(() -> view.insertArchival(other, "x", Optional.empty())))
                .isEqualTo(new MemoryError.IsolationDenied(BlockAddress.of(other, "archival"), policy));
        assertThat(mem.read(otherNotes)).map(b -> b.revision()).contains(1L);
    }

    @Test
    void searchCoversExactlyTheReadableBlocksAndArchival() {
        for (IsolationPolicy policy : IsolationPolicy.values()) {
            fixtures();
            searchUnder(policy);
        }
    }

    private void searchUnder(IsolationPolicy policy) {
        MemoryService view = view(policy);
        List<String> expected = switch (policy) {
            case NONE -> List.of("BLOCK " + personaCore, "BLOCK " + personaWorking, "BLOCK " + projectNotes,
                    "ARCHIVAL " + persona + "/" + personaArchive.id(), "ARCHIVAL " + project + "/" + projectArchive.id());
            // persona archival has no tier: core-only keeps it searchable (only full makes search project-only)
            case CORE_ONLY -> List.of("BLOCK " + personaCore, "BLOCK " + projectNotes,
                    "ARCHIVAL " + persona + "/" + personaArchive.id(), "ARCHIVAL " + project + "/" + projectArchive.id());
            case FULL -> List.of("BLOCK " + projectNotes, "ARCHIVAL " + project + "/" + projectArchive.id());
        };
        assertThat(view.search(SearchQuery.of(word)).stream()
                .map(h -> h.kind() + " " + h.scope() + "/" + h.ref()).toList())
                .containsExactlyInAnyOrderElementsOf(expected);

        // naming scopes cannot widen the view
        SearchQuery named = new SearchQuery(word, EnumSet.allOf(ContentType.class), List.of(other, persona), 50);
        List<String> namedHits = view.search(named).stream().map(h -> h.kind() + " " + h.scope() + "/" + h.ref()).toList();
        assertThat(namedHits).as("hits outside the binding").noneMatch(h -> h.contains(other.key()));
        assertThat(namedHits).containsExactlyInAnyOrderElementsOf(
                expected.stream().filter(h -> h.contains(persona.key())).toList());
    }

    @Test
    void withoutAProjectThePersonaIsFullyUsableWhateverThePolicy() {
        fixtures();
        for (IsolationPolicy policy : IsolationPolicy.values()) {
            MemoryService view = mem.view(new ScopeBinding(persona, Optional.empty(), policy));
            assertThat(view.read(personaWorking)).as(policy.id()).isPresent();
            assertThat(view.read(projectNotes)).as(policy.id()).isEmpty();
            view.apply(personaWorking, new MemoryOp.Append("+"));
            assertThat(errorOf(() -> view.apply(projectNotes, new MemoryOp.Append("+"))))
                    .isEqualTo(new MemoryError.IsolationDenied(projectNotes, policy));
        }
        assertThat(mem.read(personaWorking)).map(b -> b.revision() + ":" + b.content())
                .contains("4:persona working " + word + "+++");
        assertThat(mem.read(projectNotes)).map(b -> b.revision()).contains(1L);
        assertThat(otherArchive.scope()).isEqualTo(other);
    }
}
